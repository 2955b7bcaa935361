package io.autoanime.http;

import io.autoanime.config.AppConfig;
import io.autoanime.config.AppConfig.SonarrTuning;
import io.autoanime.sonarr.SonarrClient;
import io.autoanime.sync.SyncRuns;
import io.autoanime.webhook.SeriesSyncCoalescer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON API. Sync work goes over the event bus to the sync verticle; reads go to the database. */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);
  static final long MAX_BODY_BYTES = 64 * 1024;

  private final AppConfig config;
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private SonarrClient sonarr;
  private SeriesSyncCoalescer webhookSyncs;
  private HttpServer server;

  public HttpVerticle(AppConfig config, Pool pool, PrometheusMeterRegistry registry) {
    this.config = config;
    this.pool = pool;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    if (config.sonarrConfigured()) {
      // Status checks answer fast: one short try, no retries.
      SonarrTuning quick = new SonarrTuning(Math.min(config.sonarrTuning().timeoutSeconds(), 5), 0, 0, 4);
      sonarr = new SonarrClient(vertx, config.sonarrUrl().get(), config.sonarrApiKey().get(), quick);
    }
    webhookSyncs = new SeriesSyncCoalescer(vertx, config.webhookCoalesceMs());
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    config.apiKey().ifPresent(key -> router.route("/api/*").handler(new ApiKeyAuth(key)));
    // Before the API's body handler: the webhook route has a body limit of its own.
    new WebhookRoutes(webhookSyncs, config.sonarrConfigured(), registry).mount(router);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new SystemRoutes(pool, sonarr).mount(router);
    new SyncRoutes(vertx, new SyncRuns(pool)).mount(router);
    ErrorHandlers.mount(router);

    server = vertx.createHttpServer();
    return server.requestHandler(router).listen(config.port())
        .onSuccess(s -> log.info("HTTP API listening on port {}", s.actualPort()));
  }

  /** The port actually bound (tests ask for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    if (webhookSyncs != null) {
      webhookSyncs.cancelAll();
    }
    if (sonarr != null) {
      sonarr.close();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
