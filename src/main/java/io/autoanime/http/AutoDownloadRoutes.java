package io.autoanime.http;

import io.autoanime.library.AutoDownload;
import io.autoanime.library.DownloadStatusChange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The user's auto-download switches and the downloaders' status reports. Each answers 200 with
 * what it changed: the series (as {@code GET /api/series/{id}}), the season with its
 * {@code episodes}, or the episode.
 */
final class AutoDownloadRoutes {
  private final AutoDownload autoDownload;

  AutoDownloadRoutes(AutoDownload autoDownload) {
    this.autoDownload = autoDownload;
  }

  void mount(Router router) {
    router.patch("/api/series/:id/auto-download").handler(this::series);
    router.patch("/api/series/:id/seasons/:seasonNumber/auto-download").handler(this::season);
    router.patch("/api/episodes/:id/auto-download").handler(this::episode);
    router.patch("/api/episodes/:id/download-status").handler(this::downloadStatus);
  }

  private void series(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    boolean enabled = RequestValues.enabledBody(ctx);
    answer(ctx, autoDownload.setForSeries(id, enabled));
  }

  private void season(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    int seasonNumber = RequestValues.pathSeasonNumber(ctx, "seasonNumber");
    boolean enabled = RequestValues.enabledBody(ctx);
    answer(ctx, autoDownload.setForSeason(id, seasonNumber, enabled));
  }

  private void episode(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    boolean enabled = RequestValues.enabledBody(ctx);
    answer(ctx, autoDownload.setForEpisode(id, enabled));
  }

  private void downloadStatus(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    DownloadStatusChange change = RequestValues.downloadStatusBody(ctx);
    answer(ctx, autoDownload.setDownloadStatus(id, change));
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> written) {
    written.onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(e -> Responses.failure(ctx, e));
  }
}
