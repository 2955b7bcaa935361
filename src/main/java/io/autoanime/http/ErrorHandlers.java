package io.autoanime.http;

import io.vertx.ext.web.Router;

/**
 * Every failure, including the router's own 404/405/413, answers the contract's JSON error shape.
 * There is no catch-all route: the router itself answers 405 when a path exists with other
 * methods, and 404 when no route has the path.
 */
final class ErrorHandlers {
  private ErrorHandlers() {}

  static void mount(Router router) {
    router.errorHandler(404, ctx -> Responses.error(ctx, 404, "no such route: " + ctx.request().path()));
    router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method " + ctx.request().method() + " is not allowed here"));
    router.errorHandler(413, ctx -> Responses.error(ctx, 413, "the body is larger than 64 KiB"));
    router.errorHandler(415, ctx -> Responses.error(ctx, 415, "unsupported content type"));
    // The router's own 400s: a URL it cannot decode (e.g. a stray '%'), a body it cannot read.
    router.errorHandler(400, ctx -> Responses.error(ctx, 400, "bad request: the URL (its percent-encoding) or the "
        + "body could not be decoded"));
    router.errorHandler(500, ctx -> {
      Throwable failure = ctx.failure();
      if (failure != null) {
        Responses.failure(ctx, failure);
      } else {
        Responses.error(ctx, 500, "internal error; see the service log");
      }
    });
  }
}
