package io.autoanime.http;

import io.autoanime.config.AppConfig;
import io.autoanime.config.AppConfig.SonarrTuning;
import io.autoanime.downloads.DownloadStore;
import io.autoanime.feeds.EpisodeReleases;
import io.autoanime.feeds.FeedItemStore;
import io.autoanime.feeds.FeedStore;
import io.autoanime.feeds.RulePreview;
import io.autoanime.matching.RuleStore;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.QbittorrentTuning;
import io.autoanime.config.Intervals;
import io.autoanime.library.AutoDownload;
import io.autoanime.library.DownloadStatusConsumer;
import io.autoanime.library.LibraryReader;
import io.autoanime.library.LibraryReadCache;
import io.autoanime.bus.Addresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.autoanime.sonarr.SonarrClient;
import io.autoanime.sync.ShownRuns;
import io.autoanime.web.EventStream;
import io.autoanime.web.UiRoutes;
import io.autoanime.web.WebAssets;
import io.autoanime.webhook.SeriesSyncCoalescer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API, the web UI on top of it, and the download-status address of the event bus
 * (downloaders use either). Sync work goes over the event bus to the sync verticle; library reads
 * and writes go to the database. Answers are gzip-compressed for clients that ask for it.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);
  static final long MAX_BODY_BYTES = 64 * 1024;

  private final AppConfig config;
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final Intervals intervals;
  private SonarrClient sonarr;
  private QbittorrentClient qbittorrent;
  private SeriesSyncCoalescer webhookSyncs;
  private HttpServer server;
  private MessageConsumer<Object> syncEvents;
  private MessageConsumer<Object> downloadEvents;
  private EventStream events;
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
    config.downloads().qbittorrent().ifPresent(settings -> qbittorrent = new QbittorrentClient(vertx, settings,
        new QbittorrentTuning(Math.min(config.downloads().qbittorrentTimeoutSeconds(), 5),
            QbittorrentTuning.defaults().loginCooldownMs())));
    webhookSyncs = new SeriesSyncCoalescer(vertx, config.webhookCoalesceMs());
    LibraryReader library = new LibraryReader(pool);
    LibraryReadCache reads = new LibraryReadCache(intervals.readCacheMaxAgeMs());
    AutoDownload autoDownload = new AutoDownload(vertx, pool, reads::invalidate);
    // A sync run's progress and end mean rows may have changed.
    syncEvents = vertx.eventBus().consumer(Addresses.SYNC_EVENTS, event -> reads.invalidate());
    // A download that moved changed its episodes' auto-download status.
    downloadEvents = vertx.eventBus().consumer(Addresses.DOWNLOADS_EVENTS, event -> {
      if (event.body() instanceof io.vertx.core.json.JsonObject body && !"progress".equals(body.getString("type"))) {
        reads.invalidate();
      }
    });
    events = new EventStream(vertx);
    Future<WebAssets> webAssets = vertx.executeBlocking(WebAssets::load);
    return Future.all(syncEvents.completion(), downloadEvents.completion())
        .compose(v -> events.start())
        .compose(v -> vertx.fileSystem().readFile(OpenApiRoutes.RESOURCE))
        .compose(openApi -> new DownloadStatusConsumer(autoDownload).register(vertx.eventBus()).map(openApi))
        .compose(openApi -> webAssets.compose(assets -> {
          router = routes(library, reads, autoDownload, openApi, assets);
          server = vertx.createHttpServer(serverOptions());
          return server.requestHandler(router).invalidRequestHandler(ErrorHandlers::invalidRequest).listen(config.port());
        }))
        .onSuccess(s -> log.info("HTTP API listening on port {}", s.actualPort()));
  }

  private Router routes(LibraryReader library, LibraryReadCache reads, AutoDownload autoDownload, Buffer openApi,
      WebAssets assets) {
    Router router = Router.router(vertx);
    // First: every request passes the gate, and every failure is answered by the gate route's failure handler.
    router.route().handler(new RequestGate()).failureHandler(ErrorHandlers::failure);
    new UiRoutes(assets).mount(router);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    config.apiKey().ifPresent(key -> router.route("/api/*").handler(new ApiKeyAuth(key)));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new WebhookRoutes(webhookSyncs, config.sonarrConfigured(), registry).mount(router);
    new SystemRoutes(pool, sonarr, qbittorrent).mount(router);
    new SyncRoutes(vertx, new ShownRuns(pool)).mount(router);
    new SeriesRoutes(library, reads).mount(router);
    new PosterRoutes(library, sonarr).mount(router);
    events.mount(router);
    new SeriesActionRoutes(vertx, library, sonarr).mount(router);
    new AutoDownloadRoutes(autoDownload).mount(router);
    new FeedRoutes(vertx, new FeedStore(vertx, pool, config.feeds().pollMinutes()), new FeedItemStore(pool),
        config.feeds().timeoutSeconds()).mount(router);
    new RuleRoutes(vertx, new RuleStore(vertx, pool), new RulePreview(pool)).mount(router);
    new ReleaseRoutes(new EpisodeReleases(pool, config.releasePreferences())).mount(router);
    new DownloadRoutes(vertx, new DownloadStore(pool)).mount(router);
    new OpenApiRoutes(openApi).mount(router);
    ErrorHandlers.mount(router);
    return router;
  }

  /**
   * HTTP/1.1 only (no HTTP/2 over clear text: no client of this API needs it, and an h2c upgrade takes a
   * request past the checks the {@link RequestGate} makes for HTTP/1), with Vert.x's limits on the
   * request line (4 KiB, else 414) and the headers (8 KiB, else 431) written down.
   */
  private static HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setCompressionSupported(true)
        .setHttp2ClearTextEnabled(false)
        .setMaxInitialLineLength(4096)
        .setMaxHeaderSize(8192);
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
    if (qbittorrent != null) {
      qbittorrent.close();
    }
    Future<Void> streams = events == null ? Future.succeededFuture() : events.stop();
    return streams.compose(v -> server == null ? Future.succeededFuture() : server.close());
  }
}
