package io.autoanime.http;

import io.autoanime.config.AppConfig;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.sonarr.SonarrClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** Health of the service and reachability of Sonarr and qBittorrent (neither makes the service unhealthy). */
final class SystemRoutes {
  private final Pool pool;
  /** Null when Sonarr is not configured. */
  private final SonarrClient sonarr;
  /** Null when qBittorrent is not configured. */
  private final QbittorrentClient qbittorrent;

  SystemRoutes(Pool pool, SonarrClient sonarr, QbittorrentClient qbittorrent) {
    this.pool = pool;
    this.sonarr = sonarr;
    this.qbittorrent = qbittorrent;
  }

  void mount(Router router) {
    router.get("/api/health").handler(this::health);
    router.get("/api/sonarr/status").handler(this::sonarrStatus);
    router.get("/api/qbittorrent/status").handler(this::qbittorrentStatus);
  }

  private void health(RoutingContext ctx) {
    Future<String> database = pool.query("SELECT 1").execute().map("UP").otherwise("DOWN");
    Future<String> sonarrState = sonarr == null
        ? Future.succeededFuture("UNCONFIGURED")
        : sonarr.systemStatus().map("UP").otherwise("DOWN");
    Future<String> qbittorrentState = qbittorrent == null
        ? Future.succeededFuture("UNCONFIGURED")
        : qbittorrent.version().map("UP").otherwise("DOWN");
    Future.join(database, sonarrState, qbittorrentState).onComplete(ignored -> {
      boolean databaseUp = "UP".equals(database.result());
      Responses.json(ctx, databaseUp ? 200 : 503, new JsonObject()
          .put("status", databaseUp ? "UP" : "DOWN")
          .put("database", database.result())
          .put("sonarr", sonarrState.result())
          .put("qbittorrent", qbittorrentState.result()));
    });
  }

  private void sonarrStatus(RoutingContext ctx) {
    if (sonarr == null) {
      Responses.json(ctx, 200, new JsonObject().put("status", "UNCONFIGURED").put("reachable", false)
          .put("error", AppConfig.SONARR_NOT_CONFIGURED));
      return;
    }
    sonarr.systemStatus()
        .onSuccess(status -> Responses.json(ctx, 200, new JsonObject()
            .put("status", "UP")
            .put("reachable", true)
            .put("appName", status.appName())
            .put("version", status.version())
            .put("instanceName", status.instanceName())))
        .onFailure(e -> Responses.error(ctx, 502, e.getMessage()));
  }

  private void qbittorrentStatus(RoutingContext ctx) {
    if (qbittorrent == null) {
      Responses.json(ctx, 200, new JsonObject().put("status", "UNCONFIGURED").put("reachable", false)
          .put("error", AppConfig.QBITTORRENT_NOT_CONFIGURED));
      return;
    }
    qbittorrent.version()
        .onSuccess(version -> Responses.json(ctx, 200, new JsonObject()
            .put("status", "UP")
            .put("reachable", true)
            .put("version", version)))
        .onFailure(e -> Responses.error(ctx, 502, e.getMessage()));
  }
}
