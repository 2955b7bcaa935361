package io.autoanime.http;

import io.autoanime.bus.BadRequestException;
import io.autoanime.library.DownloadStatusChange;
import io.autoanime.sync.RunStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** Parses path, query and body values, answering 400 with a message that names the bad value. */
final class RequestValues {
  private RequestValues() {}

  static long pathId(RoutingContext ctx, String name) {
    return positiveLong(ctx.pathParam(name), "path parameter " + name);
  }

  /** A season number in the path: a whole number from 0 (specials) up. */
  static int pathSeasonNumber(RoutingContext ctx, String name) {
    return seasonNumber(ctx.pathParam(name), "path parameter " + name);
  }

  /** An optional season number in the query; null when absent. */
  static Integer querySeasonNumber(RoutingContext ctx, String name) {
    String raw = single(ctx, name);
    return raw == null ? null : seasonNumber(raw, "query parameter " + name);
  }

  static int queryInt(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String raw = single(ctx, name);
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

  /** An optional text query value; null when absent. */
  static String queryText(RoutingContext ctx, String name) {
    String raw = single(ctx, name);
    return raw == null ? null : raw.trim();
  }

  static boolean queryBoolean(RoutingContext ctx, String name) {
    String raw = single(ctx, name);
    if (raw == null) {
      return false;
    }
    return switch (raw.trim().toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiError.badRequest("query parameter " + name + " must be true or false");
    };
  }

  /** An optional run status in the query ({@code running}, {@code succeeded}, ...); null when absent. */
  static RunStatus queryRunStatus(RoutingContext ctx, String name) {
    String raw = single(ctx, name);
    if (raw == null) {
      return null;
    }
    for (RunStatus status : RunStatus.values()) {
      if (status.wireName().equals(raw)) {
        return status;
      }
    }
    throw ApiError.badRequest("query parameter " + name + " must be one of running, succeeded, partial, failed");
  }

  /**
   * The body as a JSON object; no body (or a blank one) is an empty object. A body sent with a
   * Content-Type other than JSON ({@code application/json} or {@code application/...+json}) is
   * refused with 415, whatever it holds; a body without a Content-Type is read as JSON.
   */
  static JsonObject jsonBody(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    boolean bodySent = (body != null && body.length() > 0) || RequestGate.declaresBody(ctx.request());
    String contentType = ctx.request().getHeader("Content-Type");
    if (bodySent && contentType != null && !isJson(contentType)) {
      throw new ApiError(415, "the body must be JSON (Content-Type: application/json)");
    }
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      return new JsonObject();
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

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  /** A body of exactly {@code {"enabled": true|false}}. */
  static boolean enabledBody(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    BadRequestException.requireOnly(body, Set.of("enabled"));
    Object enabled = body.getValue("enabled");
    if (enabled == null) {
      throw ApiError.badRequest("enabled is required: send {\"enabled\": true} or {\"enabled\": false}");
    }
    if (!(enabled instanceof Boolean value)) {
      throw ApiError.badRequest("enabled must be true or false (got " + DownloadStatusChange.describe(enabled) + ")");
    }
    return value;
  }

  /** Routes that take no body accept none, or an empty JSON object. */
  static void noBody(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (!body.isEmpty()) {
      throw ApiError.badRequest("this route takes no body fields (got '" + BadRequestException.clip(body.fieldNames().iterator().next()) + "')");
    }
  }

  /** {@code {"status": "...", "downloadedAt": "..."?}}; a bad one throws a BadRequestException (400). */
  static DownloadStatusChange downloadStatusBody(RoutingContext ctx) {
    return DownloadStatusChange.fromJson(jsonBody(ctx), DownloadStatusChange.FIELDS);
  }

  private static String single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParams().getAll(name);
    if (values.size() > 1) {
      throw ApiError.badRequest("query parameter " + name + " is given more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static int seasonNumber(String raw, String what) {
    try {
      requireAsciiDigits(raw);
      int value = Integer.parseInt(raw);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException | NullPointerException ignored) {
      // reported below
    }
    throw ApiError.badRequest(what + " must be a whole number from 0 to " + Integer.MAX_VALUE);
  }

  /** Java's parsers also take '+' and non-ASCII digits; ids and numbers here are plain ASCII digits. */
  private static void requireAsciiDigits(String raw) {
    if (raw == null || raw.isEmpty() || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException();
    }
  }

  static long positiveLong(String raw, String what) {
    try {
      requireAsciiDigits(raw);
      long value = Long.parseLong(raw);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException | NullPointerException ignored) {
      // reported below
    }
    throw ApiError.badRequest(what + " must be a whole number from 1 to " + Long.MAX_VALUE);
  }
}
