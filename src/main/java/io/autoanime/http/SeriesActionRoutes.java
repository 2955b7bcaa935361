package io.autoanime.http;

import io.autoanime.bus.SyncClient;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.autoanime.config.AppConfig;
import io.autoanime.library.LibraryReader;
import io.autoanime.library.SeriesIdentity;
import io.autoanime.sonarr.SonarrClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-series actions: sync one series now, or have Sonarr refresh it first. Both answer 202 with
 * the run object as soon as the run has started (or joined a run that covers the series).
 */
final class SeriesActionRoutes {
  private final SyncClient syncs;
  private final LibraryReader library;
  /** Null when Sonarr is not configured. */
  private final SonarrClient sonarr;

  SeriesActionRoutes(Vertx vertx, LibraryReader library, SonarrClient sonarr) {
    this.syncs = new SyncClient(vertx);
    this.library = library;
    this.sonarr = sonarr;
  }

  void mount(Router router) {
    router.post("/api/series/:id/sync").handler(this::sync);
    router.post("/api/series/:id/refresh").handler(this::refresh);
  }

  private void sync(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    RequestValues.noBody(ctx);
    library.identity(id)
        .compose(series -> syncSeries(sonarrIdOf(series)))
        .onSuccess(run -> Responses.json(ctx, 202, run))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void refresh(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    RequestValues.noBody(ctx);
    library.identity(id)
        .compose(series -> {
          long sonarrId = sonarrIdOf(series);
          if (sonarr == null) {
            return Future.failedFuture(new ApiError(502, AppConfig.SONARR_NOT_CONFIGURED));
          }
          return sonarr.refreshSeries(sonarrId)
              .recover(e -> Future.failedFuture(new ApiError(502,
                  "Sonarr did not take the RefreshSeries command for series " + sonarrId + ": " + e.getMessage())))
              .compose(command -> syncSeries(sonarrId));
        })
        .onSuccess(run -> Responses.json(ctx, 202, run))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private Future<JsonObject> syncSeries(long sonarrId) {
    return syncs.sync(SyncRequest.series(sonarrId, SyncTrigger.HTTP, false));
  }

  private static long sonarrIdOf(SeriesIdentity series) {
    if (series.sonarrId() == null) {
      throw new ApiError(409, "series " + series.id() + " (" + series.title() + ") is detached from Sonarr: Sonarr "
          + "reused its id for another show, so there is nothing to sync; the row is kept for its settings");
    }
    return series.sonarrId();
  }
}
