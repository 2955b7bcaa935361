package io.autoanime.http;

import io.autoanime.config.AppConfig;
import io.autoanime.config.AppConfig.SonarrTuning;
import io.autoanime.config.Intervals;
import io.autoanime.library.AutoDownload;
import io.autoanime.library.DownloadStatusConsumer;
import io.autoanime.library.LibraryReader;
import io.autoanime.library.LibraryReadCache;
import io.autoanime.bus.Addresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.autoanime.sonarr.SonarrClient;
import io.autoanime.sync.SyncRuns;
import io.autoanime.webhook.SeriesSyncCoalescer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API, and the download-status address of the event bus (downloaders use either). Sync
 * work goes over the event bus to the sync verticle; library reads and writes go to the database.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);
  static final long MAX_BODY_BYTES = 64 * 1024;

  private final AppConfig config;
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final Intervals intervals;
  private SonarrClient sonarr;
  private SeriesSyncCoalescer webhookSyncs;
  private HttpServer server;
  private MessageConsumer<Object> syncEvents;
  private Router router;

  public HttpVerticle(AppConfig config, Pool pool, PrometheusMeterRegistry registry) {
    this(config, pool, registry, Intervals.DEFAULT);
  }

  public HttpVerticle(AppConfig config, Pool pool, PrometheusMeterRegistry registry, Intervals intervals) {
    this.config = config;
    this.pool = pool;
    this.registry = registry;
    this.intervals = intervals;
  }

  @Override
  public Future<?> start() {
    if (config.sonarrConfigured()) {
      // Status checks answer fast: one short try, no retries.
      SonarrTuning quick = new SonarrTuning(Math.min(config.sonarrTuning().timeoutSeconds(), 5), 0, 0, 4);
      sonarr = new SonarrClient(vertx, config.sonarrUrl().get(), config.sonarrApiKey().get(), quick);
    }
    webhookSyncs = new SeriesSyncCoalescer(vertx, config.webhookCoalesceMs());
    LibraryReader library = new LibraryReader(pool);
    LibraryReadCache reads = new LibraryReadCache(intervals.readCacheMaxAgeMs());
    AutoDownload autoDownload = new AutoDownload(vertx, pool, reads::invalidate);
    // A sync run's progress and end mean rows may have changed.
    syncEvents = vertx.eventBus().consumer(Addresses.SYNC_EVENTS, event -> reads.invalidate());
    return syncEvents.completion()
        .compose(v -> vertx.fileSystem().readFile(OpenApiRoutes.RESOURCE))
        .compose(openApi -> new DownloadStatusConsumer(autoDownload).register(vertx.eventBus()).map(openApi))
        .compose(openApi -> {
          router = routes(library, reads, autoDownload, openApi);
          server = vertx.createHttpServer();
          return server.requestHandler(router).listen(config.port());
        })
        .onSuccess(s -> log.info("HTTP API listening on port {}", s.actualPort()));
  }

  private Router routes(LibraryReader library, LibraryReadCache reads, AutoDownload autoDownload, Buffer openApi) {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    config.apiKey().ifPresent(key -> router.route("/api/*").handler(new ApiKeyAuth(key)));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new WebhookRoutes(webhookSyncs, config.sonarrConfigured(), registry).mount(router);
    new SystemRoutes(pool, sonarr).mount(router);
    new SyncRoutes(vertx, new SyncRuns(pool)).mount(router);
    new SeriesRoutes(library, reads).mount(router);
    new SeriesActionRoutes(vertx, library, sonarr).mount(router);
    new AutoDownloadRoutes(autoDownload).mount(router);
    new OpenApiRoutes(openApi).mount(router);
    ErrorHandlers.mount(router);
    return router;
  }

  /** The routes as mounted (the OpenAPI test compares them with the document). */
  Router router() {
    return router;
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
