package io.autoanime.http;

import io.autoanime.library.LibraryReader;
import io.autoanime.library.LibraryReadCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The library's reads: the series list, one series, its episodes. {@code ?includeRemoved=true}
 * adds the rows Sonarr no longer lists (each carries {@code removedFromSonarrAt}); without it they
 * are left out, except that {@code GET /api/series/{id}} answers for a removed series too.
 */
final class SeriesRoutes {
  private final LibraryReader library;
  private final LibraryReadCache cache;

  SeriesRoutes(LibraryReader library, LibraryReadCache cache) {
    this.library = library;
    this.cache = cache;
  }

  void mount(Router router) {
    router.get("/api/series").handler(this::list);
    router.get("/api/series/:id").handler(this::one);
    router.get("/api/series/:id/episodes").handler(this::episodes);
  }

  private void list(RoutingContext ctx) {
    boolean includeRemoved = RequestValues.queryBoolean(ctx, "includeRemoved");
    boolean withAlternateTitles = RequestValues.queryBoolean(ctx, "includeAlternateTitles");
    cache.get("list/" + includeRemoved + "/" + withAlternateTitles,
            () -> library.seriesList(includeRemoved, withAlternateTitles).map(JsonArray::toBuffer))
        .onSuccess(list -> Responses.json(ctx, 200, list))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void one(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    boolean includeRemoved = RequestValues.queryBoolean(ctx, "includeRemoved");
    cache.get("series/" + id + "/" + includeRemoved, () -> library.series(id, includeRemoved).map(JsonObject::toBuffer))
        .onSuccess(series -> Responses.json(ctx, 200, series))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void episodes(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    Integer seasonNumber = RequestValues.querySeasonNumber(ctx, "seasonNumber");
    boolean includeRemoved = RequestValues.queryBoolean(ctx, "includeRemoved");
    cache.get("episodes/" + id + "/" + seasonNumber + "/" + includeRemoved,
            () -> library.episodes(id, seasonNumber, includeRemoved).map(JsonArray::toBuffer))
        .onSuccess(episodes -> Responses.json(ctx, 200, episodes))
        .onFailure(e -> Responses.failure(ctx, e));
  }
}
