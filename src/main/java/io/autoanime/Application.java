package io.autoanime;

import io.autoanime.config.AppConfig;
import io.autoanime.config.Intervals;
import io.autoanime.db.Database;
import io.autoanime.downloads.DownloadVerticle;
import io.autoanime.feeds.FeedVerticle;
import io.autoanime.http.HttpVerticle;
import io.autoanime.metrics.MeteredVertx;
import io.autoanime.metrics.SonarrRequestMetrics;
import io.autoanime.metrics.SyncMetricsVerticle;
import io.autoanime.sonarr.SonarrRequestObserver;
import io.autoanime.sync.SonarrSyncVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The running service on one Vert.x instance: migrations first, then the metrics and sync verticles,
 * the feed and download verticles, and the HTTP verticle; the start-up sync begins once all are up.
 * Tests start it the same way {@link Main} does, on a {@link MeteredVertx}.
 */
public final class Application {
  private static final int POOL_SIZE = 8;

  private final Vertx vertx;
  private final Pool pool;
  private final HttpVerticle http;

  private Application(Vertx vertx, Pool pool, HttpVerticle http) {
    this.vertx = vertx;
    this.pool = pool;
    this.http = http;
  }

  /** Migrates the database (Flyway off the event loop, and only when needed), then deploys the verticles. */
  public static Future<Application> start(MeteredVertx metered, AppConfig config, Database database) {
    return start(metered, config, database, Intervals.DEFAULT);
  }

  /** As {@link #start(MeteredVertx, AppConfig, Database)}, with other intervals (tests use this). */
  public static Future<Application> start(MeteredVertx metered, AppConfig config, Database database,
      Intervals intervals) {
    Vertx vertx = metered.vertx();
    PrometheusMeterRegistry registry = metered.registry();
    SonarrRequestObserver.install(vertx, new SonarrRequestMetrics(registry));
    Pool pool = database.createPool(vertx, POOL_SIZE);
    Promise<Void> up = Promise.promise();
    HttpVerticle http = new HttpVerticle(config, pool, registry, intervals);
    // Verticles start two at a time (they share no state and talk only over the bus): the sync side first,
    // as the downloads send it requests; the HTTP verticle last, so that every address it sends to has its
    // consumer.
    return database.migrate(vertx, pool)
        .compose(migrated -> Future.all(
            vertx.deployVerticle(new SyncMetricsVerticle(pool, registry)),
            vertx.deployVerticle(new SonarrSyncVerticle(config, pool, intervals, up.future()))))
        .compose(deployed -> Future.all(
            vertx.deployVerticle(new FeedVerticle(config.feeds(), pool, registry, intervals)),
            vertx.deployVerticle(new DownloadVerticle(config, pool, registry))))
        .compose(deployed -> vertx.deployVerticle(http))
        .map(id -> {
          up.complete();
          return new Application(vertx, pool, http);
        })
        .onFailure(e -> {
          up.tryFail(e);
          pool.close();
        });
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** The HTTP verticle as deployed (tests read its routes). */
  public HttpVerticle http() {
    return http;
  }

  /** Undeploys the verticles (a running sync finishes the series in flight), then closes the pool. */
  public Future<Void> stop() {
    return Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
        .transform(ignored -> pool.close());
  }
}
