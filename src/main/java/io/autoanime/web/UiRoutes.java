package io.autoanime.web;

import io.autoanime.web.WebAssets.Asset;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the web UI: {@code GET /} is the page (revalidated on every load: its ETag changes with
 * any asset), {@code GET /assets/{version}/...} its scripts, styles and libraries, kept by the
 * browser for a year since a new build changes {@code version}. None of it holds data, so none of it
 * needs the API key; the data comes from /api.
 */
public final class UiRoutes {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";

  private final WebAssets assets;

  public UiRoutes(WebAssets assets) {
    this.assets = assets;
  }

  public void mount(Router router) {
    router.get("/").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", assets.contentSecurityPolicy())
          .putHeader("Referrer-Policy", "no-referrer"); // page URLs never leave with a poster request
      send(ctx, assets.index(), REVALIDATE);
    });
    router.get("/assets/:version/*").handler(this::asset);
  }

  private void asset(RoutingContext ctx) {
    String path = ctx.pathParam("*");
    Asset asset = assets.version().equals(ctx.pathParam("version")) && path != null ? assets.get(path) : null;
    if (asset == null) {
      ctx.next(); // an unknown file, or one of another build's version: 404
      return;
    }
    send(ctx, asset, IMMUTABLE);
  }

  private static void send(RoutingContext ctx, Asset asset, String cacheControl) {
    ctx.response()
        .putHeader(HttpHeaders.ETAG, asset.etag())
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader("X-Content-Type-Options", "nosniff");
    if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(Buffer.buffer(asset.bytes()));
  }
}
