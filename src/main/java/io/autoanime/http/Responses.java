package io.autoanime.http;

import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.SyncException;
import io.autoanime.library.NotFoundException;
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
    } else if (failure instanceof SyncException sync) {
      int status = switch (sync.code()) {
        case BusErrors.BAD_REQUEST, BusErrors.NOT_FOUND, BusErrors.CONFLICT, BusErrors.SONARR_FAILED, BusErrors.TIMEOUT -> sync.code();
        default -> 500;
      };
      error(ctx, status, sync.getMessage());
    } else {
      log.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      error(ctx, 500, "internal error; see the service log");
    }
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
