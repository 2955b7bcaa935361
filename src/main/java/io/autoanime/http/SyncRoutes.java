package io.autoanime.http;

import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.SyncClient;
import io.autoanime.bus.SyncMode;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.autoanime.sync.RunStatus;
import io.autoanime.sync.SyncRun;
import io.autoanime.sync.ShownRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Sync requests (over the bus to the sync verticle) and the run ledger. */
final class SyncRoutes {
  private final SyncClient syncs;
  private final ShownRuns runs;

  SyncRoutes(Vertx vertx, ShownRuns runs) {
    this.syncs = new SyncClient(vertx);
    this.runs = runs;
  }

  void mount(Router router) {
    router.post("/api/sonarr/sync").handler(this::requestSync);
    router.get("/api/sonarr/sync/status").handler(this::latestRun);
    router.get("/api/sonarr/sync/runs").handler(this::recentRuns);
  }

  private void requestSync(RoutingContext ctx) {
    JsonObject body = RequestValues.jsonBody(ctx);
    BadRequestException.requireOnly(body, Set.of("mode"));
    Object rawMode = body.getValue("mode", "full");
    SyncMode mode = rawMode instanceof String text ? SyncMode.parse(text).orElse(null) : null;
    if (mode != SyncMode.FULL && mode != SyncMode.NEW) {
      throw ApiError.badRequest("mode must be \"full\" or \"new\" (to sync one series use POST /api/series/{id}/sync)");
    }
    // Answers 202 with the run once it has started (or been joined).
    syncs.sync(new SyncRequest(mode, null, false, SyncTrigger.HTTP))
        .onSuccess(run -> Responses.json(ctx, 202, run))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void latestRun(RoutingContext ctx) {
    runs.latest()
        .onSuccess(run -> {
          if (run == null) {
            Responses.error(ctx, 404, "no sync has run yet");
          } else {
            Responses.json(ctx, 200, run.toJson());
          }
        })
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void recentRuns(RoutingContext ctx) {
    int limit = RequestValues.queryInt(ctx, "limit", 20, 1, 500);
    RunStatus status = RequestValues.queryRunStatus(ctx, "status");
    runs.recent(limit, status)
        .onSuccess(list -> Responses.json(ctx, 200, new JsonArray(list.stream().map(SyncRun::toJson).toList())))
        .onFailure(e -> Responses.failure(ctx, e));
  }
}
