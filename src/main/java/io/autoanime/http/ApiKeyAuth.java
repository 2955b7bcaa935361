package io.autoanime.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * When {@code AUTOANIME_API_KEY} is set, every /api route but /api/health needs it, in the
 * {@code X-Api-Key} header or the {@code apikey} query parameter (Sonarr's webhooks can send either).
 * Compared in constant time.
 */
final class ApiKeyAuth implements Handler<RoutingContext> {
  private final byte[] expected;

  ApiKeyAuth(String apiKey) {
    this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (isHealth(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    String given = ctx.request().getHeader("X-Api-Key");
    if (given == null) {
      given = ctx.queryParams().get("apikey");
    }
    if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
    } else {
      Responses.error(ctx, 401, given == null
          ? "this route needs the API key in the X-Api-Key header or the apikey query parameter"
          : "the API key is wrong");
    }
  }

  /** The router serves /api/health at /api/health/ too, so the exemption must cover both. */
  private static boolean isHealth(String path) {
    return "/api/health".equals(path) || "/api/health/".equals(path);
  }
}
