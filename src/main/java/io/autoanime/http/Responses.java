package io.autoanime.http;

import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.ConflictException;
import io.autoanime.bus.SyncException;
import io.autoanime.library.NotFoundException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON answers and turns failures into the contract's error shape. */
final class Responses {
  private static final Logger log = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    send(ctx, status, body.toBuffer());
  }

  static void json(RoutingContext ctx, int status, JsonArray body) {
    send(ctx, status, body.toBuffer());
  }

  /** An answer already encoded as JSON. */
  static void json(RoutingContext ctx, int status, Buffer body) {
    send(ctx, status, body);
  }

  static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, new JsonObject().put("error", message).toBuffer());
  }

  /** Maps a failed future to a status: our own errors keep theirs, refused sync requests map by code. */
  static void failure(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ApiError error) {
      error(ctx, error.status(), error.getMessage());
    } else if (failure instanceof BadRequestException) {
      error(ctx, 400, failure.getMessage());
    } else if (failure instanceof NotFoundException) {
      error(ctx, 404, failure.getMessage());
    } else if (failure instanceof ConflictException) {
      error(ctx, 409, failure.getMessage());
    } else if (failure instanceof SyncException sync) {
      error(ctx, busStatus(sync.code()), sync.getMessage());
    } else if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      error(ctx, busStatus(reply.failureCode()), reply.getMessage());
    } else if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      error(ctx, 504, "the service did not answer in time");
    } else {
      log.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      error(ctx, 500, "internal error; see the service log");
    }
  }

  /** The HTTP status of a bus failure code ({@link BusErrors}); anything unexpected is 500. */
  private static int busStatus(int code) {
    return switch (code) {
      case BusErrors.BAD_REQUEST, BusErrors.NOT_FOUND, BusErrors.CONFLICT, BusErrors.SONARR_FAILED, BusErrors.TIMEOUT -> code;
      default -> 500;
    };
  }

  private static void send(RoutingContext ctx, int status, Buffer body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body);
  }
}
