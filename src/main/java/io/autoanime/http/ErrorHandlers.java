package io.autoanime.http;

import io.autoanime.bus.BadRequestException;
import io.autoanime.library.NotFoundException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure answers the contract's JSON error shape: a route's failed request ({@link #failure},
 * the failure handler of the {@link RequestGate}'s route, which matches every request), and the
 * statuses the router produces itself (404 and 405 when no route matches, 400 for a path it cannot
 * decode, or any status when a failure handler fails), and the requests the HTTP server cannot parse
 * at all ({@link #invalidRequest}). There is no catch-all route: the router itself answers 405 when a
 * path exists with other methods, and 404 when no route has the path.
 *
 * <p>Neither ever throws: vertx-web does not answer when a handler for a status it produced throws.
 */
final class ErrorHandlers {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);

  private ErrorHandlers() {}

  static void mount(Router router) {
    for (int status = 400; status < 600; status++) {
      int code = status;
      router.errorHandler(code, ctx -> answer(ctx, code));
    }
  }

  /** A request that failed after routing began: a route threw or failed its future, or a handler called fail. */
  static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    try {
      if (failure instanceof ApiError || failure instanceof BadRequestException || failure instanceof NotFoundException
          || failure instanceof ReplyException) {
        Responses.failure(ctx, failure);
      } else if (failure instanceof HttpException http && http.getStatusCode() < 500) {
        answer(ctx, http.getStatusCode());
      } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
        answer(ctx, ctx.statusCode());
      } else if (ctx.statusCode() > 0 && ctx.statusCode() < 400) {
        // vertx-web's body handler fails with 200 when the request stream breaks (the client went away)
        log.debug("Request {} {}: the body could not be read", ctx.request().method(), ctx.request().path(), failure);
        answer(ctx, 400);
      } else if (failure != null) {
        Responses.failure(ctx, failure);
      } else {
        log.error("Request {} {} failed with status {}", ctx.request().method(), ctx.request().path(), ctx.statusCode());
        answer(ctx, 500);
      }
    } catch (RuntimeException e) {
      lastResort(ctx, e);
    }
  }

  /**
   * The server's handler for requests it could not parse (a request line over 4 KiB, headers over
   * 8 KiB, a malformed request line or header): Vert.x's default statuses (414, 431, else 400), with a
   * JSON body, then the connection is closed as the request cannot be delimited.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "the request line is longer than 4 KiB";
    } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      status = 431;
      message = "the request headers are larger than 8 KiB";
    } else {
      status = 400;
      message = "bad request: the request line or a header is malformed";
    }
    try {
      request.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Connection", "close")
          .end(Buffer.buffer(new JsonObject().put("error", message).encode()))
          .onComplete(done -> request.connection().close());
    } catch (RuntimeException e) {
      request.connection().close();
    }
  }

  private static void answer(RoutingContext ctx, int status) {
    try {
      Responses.error(ctx, status, message(ctx, status));
    } catch (RuntimeException e) {
      lastResort(ctx, e);
    }
  }

  private static String message(RoutingContext ctx, int status) {
    return switch (status) {
      case 400 -> "bad request: the URL (its percent-encoding) or the body could not be decoded";
      case 404 -> "no such route: " + ctx.request().path();
      case 405 -> "method " + ctx.request().method().name() + " is not allowed here";
      case 413 -> "the body is larger than 64 KiB";
      case 415 -> "unsupported content type";
      case 500 -> "internal error; see the service log";
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }

  private static void lastResort(RoutingContext ctx, RuntimeException e) {
    log.error("The error answer to {} {} failed", ctx.request().method(), ctx.request().path(), e);
    try {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(500).end();
      }
    } catch (RuntimeException ignored) {
      // the connection is gone
    }
  }
}
