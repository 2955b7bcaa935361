package io.autoanime.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Parses path, query and body values, answering 400 with a message that names the bad value. */
final class RequestValues {
  private RequestValues() {}

  static long pathId(RoutingContext ctx, String name) {
    return positiveLong(ctx.pathParam(name), "path parameter " + name);
  }

  static int queryInt(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiError.badRequest("query parameter " + name + " must be a whole number from " + min + " to " + max);
  }

  static boolean queryBoolean(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return false;
    }
    return switch (raw.trim().toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiError.badRequest("query parameter " + name + " must be true or false");
    };
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static JsonObject jsonBody(RoutingContext ctx) {
    var body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      return new JsonObject();
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiError(415, "the body must be JSON (Content-Type: application/json)");
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiError.badRequest("the body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiError.badRequest("the body must be a JSON object");
    }
    return object;
  }

  private static long positiveLong(String raw, String what) {
    try {
      long value = Long.parseLong(raw);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException | NullPointerException ignored) {
      // reported below
    }
    throw ApiError.badRequest(what + " must be a positive whole number (got '" + raw + "')");
  }
}
