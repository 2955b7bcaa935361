package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.DownloadSettings;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.QbittorrentTuning;
import io.autoanime.sonarr.SonarrClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.FakeTorrent;
import io.autoanime.support.Gate;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.LogCapture;
import io.autoanime.support.PrometheusText;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auto-download switch downloading, against a fake qBittorrent and the fake Sonarr: from a
 * release in a feed to an episode Sonarr imported, and every way that can go wrong.
 */
class DownloadsTest extends ServiceTest {
  static final String PASSWORD = "qbit-secret-password-42";
  static final String RELEASE = "[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]";
  /** Far more than the polls (every 100 ms) a slow link is shown to outlast. */
  private static final int LINK_WAIT_SECONDS = 5;
  static final String QBITTORRENT_DOWNLOADS = "/qbittorrent/downloads";
  /** A send's backoff that outlasts any test. */
  private static final int BACKOFF_MS = 3_600_000;

  @TempDir
  Path downloadsDir;
  private FakeQbittorrent qbittorrent;
  private FakeFeedServer feeds;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private JsonObject serviceSettings;

  @Override
  protected JsonObject settings(JsonObject defaults) {
    qbittorrent = new FakeQbittorrent(sonarrVertx, FakeQbittorrent.Version.V4_5).start().requireLogin("admin", PASSWORD);
    serviceSettings = defaults;
    return defaults
        .put(AppConfig.QBITTORRENT_URL, qbittorrent.url())
        .put(AppConfig.QBITTORRENT_USERNAME, "admin")
        .put(AppConfig.QBITTORRENT_PASSWORD, PASSWORD)
        .put(AppConfig.QBITTORRENT_TIMEOUT_SECONDS, 2)
        .put(AppConfig.DOWNLOAD_POLL_MS, 100)
        .put(AppConfig.DOWNLOAD_CHECK_MS, 200)
        .put(AppConfig.DOWNLOAD_RETRIES, 2)
        .put(AppConfig.DOWNLOAD_RETRY_DELAY_MS, 50)
        .put(AppConfig.IMPORT_COMMAND_POLL_MS, 20)
        .put(AppConfig.DOWNLOAD_LINK_WAIT_SECONDS, LINK_WAIT_SECONDS)
        .put(AppConfig.FEED_CHECK_SECONDS, 3600)
        // qBittorrent (in its container) saves to /qbittorrent/downloads; Sonarr sees that folder here.
        .put(AppConfig.DOWNLOAD_PATH_MAP, QBITTORRENT_DOWNLOADS + "=" + downloadsDir);
  }

  @BeforeEach
  void syncAndServeFeed() {
    feeds = new FakeFeedServer(sonarrVertx).start();
    service.fullSync();
    service.vertx().eventBus().<JsonObject>consumer(Addresses.DOWNLOADS_EVENTS, m -> events.add(m.body()));
  }

  @AfterEach
  void stopFakes() {
    feeds.stop();
    qbittorrent.stop();
  }

  // ---- helpers ----

  private static List<Long> longs(JsonArray numbers) {
    return numbers.stream().map(n -> ((Number) n).longValue()).toList();
  }

  private long seriesRow(long sonarrId) {
    return ((Number) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + sonarrId)).longValue();
  }

  /**
   * Holds the answer of the next send's look-up of its tag (the next torrents/info request: the
   * service logs in first) until the test runs what the returned list gets.
   */
  private List<Runnable> holdTheNextSendsTagLookUp() {
    assertThat(service.get("/api/qbittorrent/status").statusCode()).isEqualTo(200);
    List<Runnable> heldLookups = new CopyOnWriteArrayList<>();
    qbittorrent.failNext("/api/v2/torrents/info", 1, request -> {
      Context context = Vertx.currentContext();
      heldLookups.add(() -> context.runOnContext(v -> request.response()
          .putHeader("Content-Type", "application/json").end("[]")));
    });
    return heldLookups;
  }

  private long episodeRow(long sonarrSeriesId, int season, int number) {
    return ((Number) Sql.value(db, "SELECT e.id FROM series_episodes e JOIN series s ON s.id = e.series_id WHERE s.sonarr_id = "
        + sonarrSeriesId + " AND e.season_number = " + season + " AND e.episode_number = " + number)).longValue();
  }

  private JsonObject episode(long id) {
    long series = ((Number) Sql.value(db, "SELECT series_id FROM series_episodes WHERE id = " + id)).longValue();
    return service.get("/api/series/" + series + "/episodes").bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(e -> e.getLong("id") == id).findFirst().orElseThrow();
  }

  /** An episode's status follows its download: the API shows it once the download's event has gone out. */
  private void awaitEpisodeStatus(long episodeId, String status) {
    Eventually.await("episode " + episodeId + " " + status,
        () -> status.equals(episode(episodeId).getString("autoDownloadStatus")));
  }

  private void switchOn(long sonarrSeriesId) {
    assertThat(service.patch("/api/series/" + seriesRow(sonarrSeriesId) + "/auto-download",
        new JsonObject().put("enabled", true)).statusCode()).isEqualTo(200);
  }

  /** Serves a feed of these releases, tells the fake qBittorrent what their .torrent URLs hold, and polls it. */
  /** The queen's episodes switched on and {@link #RELEASE} published: the id of the one download it makes. */
  private long downloadOfRelease() {
    switchOn(TestLibrary.LAST_BOSS_QUEEN);
    publish(RELEASE);
    return onlyDownload().getLong("id");
  }

  /** Publishes {@link #RELEASE} with a {@code .torrent} link that leads qBittorrent nowhere (dead, or not fetched yet). */
  private void publishWithALinkQbittorrentDoesNotKnow() {
    feeds.serve("/feed", new GeneratedFeed(feeds.url("")).release(RELEASE).bytes(), FakeFeedServer.RSS);
    long feedId = service.post("/api/feeds", new JsonObject().put("name", "unknown links").put("url", feeds.url("/feed")))
        .bodyAsJsonObject().getLong("id");
    service.post("/api/feeds/" + feedId + "/poll", null);
  }

  private void publish(String... titles) {
    GeneratedFeed feed = new GeneratedFeed(feeds.url(""));
    for (String title : titles) {
      feed.release(title);
      String hash = GeneratedFeed.hashOf(title);
      qbittorrent.knowUrl(feeds.url("/download/" + hash.substring(0, 8) + ".torrent"), hash, title);
    }
    feeds.serve("/feed", feed.bytes(), FakeFeedServer.RSS);
    var feedsNow = service.get("/api/feeds").bodyAsJsonArray();
    long feedId = feedsNow.isEmpty()
        ? service.post("/api/feeds", new JsonObject().put("name", "nyaa").put("url", feeds.url("/feed"))).bodyAsJsonObject().getLong("id")
        : feedsNow.getJsonObject(0).getLong("id");
    assertThat(service.post("/api/feeds/" + feedId + "/poll", null).bodyAsJsonObject().getString("error")).isNull();
  }

  private JsonObject download(long id) {
    return service.get("/api/downloads/" + id).bodyAsJsonObject();
  }

  private JsonObject onlyDownload() {
    Eventually.await("a download recorded", () -> service.get("/api/downloads").bodyAsJsonArray().size() == 1);
    return service.get("/api/downloads").bodyAsJsonArray().getJsonObject(0);
  }

  private JsonObject awaitStatus(long id, String status) {
    Eventually.await("download " + id + " " + status, () -> status.equals(download(id).getString("status")));
    return download(id);
  }

  /**
   * The torrent of {@code title} finishes in qBittorrent, which reports it under its own folder
   * ({@link #QBITTORRENT_DOWNLOADS}); the files are written where Sonarr sees them (the downloads folder).
   */
  private FakeTorrent finish(String title, String... files) throws IOException {
    String hash = GeneratedFeed.hashOf(title);
    Eventually.await("qBittorrent has the torrent", () -> qbittorrent.torrent(hash).isPresent());
    FakeTorrent torrent = qbittorrent.get(hash).savePath(QBITTORRENT_DOWNLOADS);
    String content = files.length == 1 ? files[0] : title;
    for (String file : files) {
      Path path = files.length == 1 ? downloadsDir.resolve(file) : downloadsDir.resolve(title).resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "video of " + file);
      torrent.file(files.length == 1 ? file : title + "/" + file, Files.size(path));
    }
    torrent.contentPath(QBITTORRENT_DOWNLOADS + "/" + content).progress(1).state("stalledUP");
    return torrent;
  }

  /** Like {@link #finish} for a folder of files, file i being i*1000 bytes: the last one is the largest. */
  private void finishGrowing(String title, String... files) throws IOException {
    String hash = GeneratedFeed.hashOf(title);
    Eventually.await("qBittorrent has the torrent", () -> qbittorrent.torrent(hash).isPresent());
    FakeTorrent torrent = qbittorrent.get(hash).savePath(QBITTORRENT_DOWNLOADS);
    for (int i = 0; i < files.length; i++) {
      Path path = downloadsDir.resolve(title).resolve(files[i]);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "x".repeat(1000 * (i + 1)));
      torrent.file(title + "/" + files[i], Files.size(path));
    }
    torrent.contentPath(QBITTORRENT_DOWNLOADS + "/" + title).progress(1).state("stalledUP");
  }

  // ---- the tests ----

  @Test
  void a_switched_on_episode_is_downloaded_and_imported_with_the_ids_this_service_matched() throws IOException {
    switchOn(TestLibrary.LAST_BOSS_QUEEN);
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    publish(RELEASE);

    JsonObject download = onlyDownload();
    assertThat(longs(download.getJsonArray("episodeIds"))).containsExactly(episode);
    assertThat(service.get("/api/downloads?seriesId=" + seriesRow(TestLibrary.LAST_BOSS_QUEEN)).bodyAsJsonArray()).hasSize(1);
    assertThat(service.get("/api/downloads?seriesId=" + seriesRow(TestLibrary.FRIEREN)).bodyAsJsonArray()).isEmpty();
    assertThat(download.getString("trigger")).isEqualTo("auto");
    awaitStatus(download.getLong("id"), "downloading");
    awaitEpisodeStatus(episode, "downloading");
    FakeQbittorrent.AddRequest add = qbittorrent.adds().get(0);
    assertThat(add.param("category")).isEqualTo("autoanime");
    assertThat(add.param("tags")).isEqualTo("autoanime-" + download.getLong("id"));
    assertThat(add.param("paused")).isEqualTo("false");
    assertThat(add.param("stopped")).isEqualTo("false");

    finish(RELEASE, RELEASE + ".mkv");
    JsonObject imported = awaitStatus(download.getLong("id"), "imported");

    assertThat(imported.getDouble("progress")).isEqualTo(1.0);
    assertThat(imported.getString("importedAt")).isNotNull();
    awaitEpisodeStatus(episode, "downloaded");
    JsonObject shown = episode(episode);
    assertThat(shown.getBoolean("hasFile")).isTrue();
    assertThat(shown.getString("autoDownloadStatus")).isEqualTo("downloaded");
    assertThat(shown.getString("downloadedAt")).isNotNull();
    JsonObject command = sonarr.imports().manualImports().get(0);
    assertThat(command.getString("importMode")).isEqualTo("copy");
    JsonObject file = command.getJsonArray("files").getJsonObject(0);
    assertThat(file.getString("path")).as("the path as Sonarr sees it (DOWNLOAD_PATH_MAP)")
        .isEqualTo(downloadsDir.resolve(RELEASE + ".mkv").toString());
    assertThat(sonarr.imports().folderRequests()).containsExactly(downloadsDir.resolve(RELEASE + ".mkv").toString());
    assertThat(file.getLong("seriesId")).isEqualTo(TestLibrary.LAST_BOSS_QUEEN);
    assertThat(longs(file.getJsonArray("episodeIds"))).containsExactly(3_000_005L);
    assertThat(file.getString("downloadId")).isEqualTo(GeneratedFeed.hashOf(RELEASE).toUpperCase());
    assertThat(file.getJsonObject("quality").getJsonObject("quality").getString("name")).isEqualTo("WEBDL-1080p");
    assertThat(file.getJsonArray("languages")).isNotEmpty();
    assertThat(events).extracting(e -> e.getString("type")).contains("queued", "progress", "imported");
  }

  @Test
  void an_import_handed_a_download_read_before_another_import_of_it_ended_does_not_import_it_again()
      throws IOException {
    long id = downloadOfRelease();
    finish(RELEASE, RELEASE + ".mkv");
    awaitStatus(id, "imported");
    assertThat(sonarr.imports().manualImports()).hasSize(1);
    // The periodic check for due imports read the download while that import ran, and hands it over
    // (its claim taken) once the import is over: the copy it read still says importing.
    Pool pool = db.createPool(service.vertx(), 2);
    try {
      DownloadStore store = new DownloadStore(pool);
      Download imported = TestService.await(store.download(id));
      Download readWhileImporting = new Download(id, imported.seriesId(), imported.feedItemId(), imported.title(),
          imported.source(), imported.infoHash(), imported.tag(), DownloadStatus.IMPORTING, imported.progress(),
          imported.contentPath(), imported.savePath(), imported.attempts(), imported.trackedEpisodeIds());

      runOnAContext(() -> importsBesideTheService(pool, store).run(readWhileImporting));
    } finally {
      TestService.await(pool.close());
    }

    assertThat(sonarr.imports().manualImports()).as("Sonarr asked to import the file once").hasSize(1);
    assertThat(download(id).getString("status")).isEqualTo("imported");
  }

  @Test
  void a_send_handed_a_download_read_before_its_send_failed_waits_for_the_backoff() {
    service.restart(settings -> settings.put(AppConfig.DOWNLOAD_RETRY_DELAY_MS, BACKOFF_MS));
    // The first try of the send fails (qBittorrent answers its tag look-up with a 503): the next one is
    // put off by the backoff, an hour away.
    qbittorrent.failNext("/api/v2/torrents/info", 1, FakeQbittorrent.Fault.status(503));
    long id = downloadOfRelease();
    Eventually.await("the first try failed", () -> download(id).getInteger("attempts") == 1);
    assertThat(download(id).getString("status")).isEqualTo("queued");
    // The periodic check for due sends read the download (queued and due) while that try ran, and hands
    // it over (its claim taken) once the try is over.
    Pool pool = db.createPool(service.vertx(), 2);
    try {
      DownloadStore store = new DownloadStore(pool);
      Download readBeforeTheTryFailed = TestService.await(store.download(id));

      runOnAContext(() -> senderBesideTheService(store).send(readBeforeTheTryFailed));
    } finally {
      TestService.await(pool.close());
    }

    assertThat(qbittorrent.adds()).as("torrents added before the backoff ended").isEmpty();
    assertThat(download(id).getString("status")).isEqualTo("queued");
    assertThat(download(id).getInteger("attempts")).isEqualTo(1);
  }

  /** The downloader's sender as the service (restarted with {@link #BACKOFF_MS}) builds it, beside its own. */
  private TorrentSender senderBesideTheService(DownloadStore store) {
    DownloadSettings settings = AppConfig.fromJson(serviceSettings.copy()
        .put(AppConfig.DOWNLOAD_RETRY_DELAY_MS, BACKOFF_MS)).downloads();
    Vertx vertx = service.vertx();
    QbittorrentClient qbittorrentClient = new QbittorrentClient(vertx, settings.qbittorrent().orElseThrow(),
        QbittorrentTuning.defaults());
    DownloadTransitions transitions = new DownloadTransitions(store, new DownloadEvents(vertx),
        new DownloadMetrics(new SimpleMeterRegistry()));
    return new TorrentSender(qbittorrentClient, store, transitions, settings);
  }

  /**
   * The downloader's imports (Imports, ImportRunner, SonarrImporter) as the service builds them, on
   * its Vert.x (a sync request reaches its sync verticle), database and fakes: the service's own are
   * out of a test's reach.
   */
  private Imports importsBesideTheService(Pool pool, DownloadStore store) {
    AppConfig config = AppConfig.fromJson(serviceSettings);
    DownloadSettings settings = config.downloads();
    Vertx vertx = service.vertx();
    QbittorrentClient qbittorrentClient = new QbittorrentClient(vertx, settings.qbittorrent().orElseThrow(),
        QbittorrentTuning.defaults());
    SonarrImporter importer = new SonarrImporter(vertx, new SonarrClient(vertx, config.sonarrUrl().orElseThrow(),
        config.sonarrApiKey().orElseThrow(), config.sonarrTuning()), settings.pathMap(), settings.importMode(),
        settings.importCommandPollMs(), settings.importTimeoutSeconds() * 1000L);
    DownloadMetrics metrics = new DownloadMetrics(new SimpleMeterRegistry());
    DownloadTransitions transitions = new DownloadTransitions(store, new DownloadEvents(vertx), metrics);
    return new Imports(new ImportRunner(vertx, pool, qbittorrentClient, importer), store, transitions, metrics,
        settings);
  }

  /** Runs {@code action} on a context of the service's Vert.x, as the downloader's code runs, and waits for it. */
  private void runOnAContext(Supplier<Future<?>> action) {
    Promise<Object> done = Promise.promise();
    service.vertx().getOrCreateContext().runOnContext(v -> action.get().onComplete(done));
    TestService.await(done.future());
  }

  @Test
  void an_import_made_while_a_full_sync_runs_is_seen_at_once_not_failed_and_sent_again() throws IOException {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");
    // A full sync is under way: it has read the queen's episodes (no file yet) and waits for Frieren's.
    Gate frierensEpisodes = sonarr.hold("/api/v3/episode?seriesId=" + TestLibrary.FRIEREN);
    service.vertx().eventBus().request(Addresses.SYNC, new JsonObject().put("mode", "full"),
        new DeliveryOptions().setSendTimeout(60_000));
    frierensEpisodes.awaitHeld(1);
    Eventually.await("the full sync read the queen's episodes", () -> sonarr.requests().stream()
        .anyMatch(path -> path.equals("/api/v3/episode?seriesId=" + TestLibrary.LAST_BOSS_QUEEN)));

    List<JsonObject> syncRequests = new CopyOnWriteArrayList<>();
    service.vertx().eventBus().addOutboundInterceptor(delivery -> {
      if (Addresses.SYNC.equals(delivery.message().address()) && delivery.body() instanceof JsonObject body) {
        syncRequests.add(body);
      }
      delivery.next();
    });
    finish(RELEASE, RELEASE + ".mkv");
    Eventually.await("the import asked for a sync of the queen (which joins the full sync)", () -> syncRequests.stream()
        .anyMatch(body -> "series".equals(body.getString("mode"))));
    frierensEpisodes.open();

    awaitStatus(id, "imported");
    assertThat(sonarr.imports().manualImports()).as("imported once, not failed for a stale sync and sent again").hasSize(1);
    assertThat(download(id).getInteger("attempts")).isZero();
  }

  @Test
  void a_release_the_user_cancelled_twice_still_lets_every_other_download_start() {
    long first = downloadOfRelease();
    awaitStatus(first, "downloading");
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    long release = ((Number) Sql.value(db, "SELECT id FROM feed_items WHERE title = '" + RELEASE + "'")).longValue();
    assertThat(service.send(HttpMethod.DELETE, "/api/downloads/" + first, null).statusCode()).isEqualTo(200);
    var again = service.post("/api/episodes/" + episode + "/download", new JsonObject().put("feedItemId", release));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(202);
    long second = again.bodyAsJsonObject().getLong("id");
    awaitStatus(second, "downloading");
    assertThat(service.send(HttpMethod.DELETE, "/api/downloads/" + second, null).statusCode()).isEqualTo(200);
    awaitEpisodeStatus(episode, "pending");

    publish(RELEASE, "[Erai-raws] LasTame - 05 [720p]");

    Eventually.await("a download of the 720p release", () -> service.get("/api/downloads").bodyAsJsonArray().size() == 3);
  }

  @Test
  void a_failed_download_switched_off_and_on_again_is_shown_failed_or_replaced_never_left_pending() throws IOException {
    sonarr.imports().failNext(10, "Access to the path '/downloads' is denied.");
    long id = downloadOfRelease();
    finish(RELEASE, RELEASE + ".mkv");
    awaitStatus(id, "failed");
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    awaitEpisodeStatus(episode, "failed");
    String episodeSwitch = "/api/episodes/" + episode + "/auto-download";

    // Off and at once on again: the failed download still holds the episode.
    service.patch(episodeSwitch, new JsonObject().put("enabled", false));
    assertThat(service.patch(episodeSwitch, new JsonObject().put("enabled", true)).bodyAsJsonObject()
        .getString("autoDownloadStatus")).isEqualTo("failed");

    // Off until the downloader lets go of it (the download is cancelled), then on: downloaded anew.
    service.patch(episodeSwitch, new JsonObject().put("enabled", false));
    awaitStatus(id, "cancelled");
    assertThat(service.patch(episodeSwitch, new JsonObject().put("enabled", true)).bodyAsJsonObject()
        .getString("autoDownloadStatus")).isIn("pending", "downloading");
    Eventually.await("a new download of the episode", () -> service.get("/api/downloads").bodyAsJsonArray().size() == 2);
  }

  @Test
  void cancelling_a_second_download_of_a_batch_another_download_follows_leaves_the_torrent_to_it() {
    String batch = "[Erai-raws] LasTame - 01 ~ 06 [1080p][Batch]";
    for (int number = 1; number <= 3; number++) {
      service.patch("/api/episodes/" + episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, number) + "/auto-download",
          new JsonObject().put("enabled", true));
    }
    publish(batch);
    long first = onlyDownload().getLong("id");
    awaitStatus(first, "downloading");
    long release = ((Number) Sql.value(db, "SELECT id FROM feed_items WHERE title = '" + batch + "'")).longValue();
    var now = service.post("/api/episodes/" + episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 4) + "/download",
        new JsonObject().put("feedItemId", release));
    assertThat(now.statusCode()).as(now.bodyAsString()).isEqualTo(202);
    long second = now.bodyAsJsonObject().getLong("id");
    awaitStatus(second, "downloading");
    assertThat(qbittorrent.adds()).as("the torrent qBittorrent has is followed, not fetched again").hasSize(1);

    var cancelled = service.send(HttpMethod.DELETE, "/api/downloads/" + second + "?deleteFiles=true", null);

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(qbittorrent.deletions()).as("the first download's torrent").isEmpty();
    assertThat(download(first).getString("status")).isEqualTo("downloading");
  }

  @Test
  void an_episode_is_never_fetched_twice() throws IOException {
    long id = downloadOfRelease();
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    var running = service.post("/api/episodes/" + episode + "/download", new JsonObject());
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(running.bodyAsJsonObject().getString("error"))
        .startsWith("S01E05 is being downloaded already, by \"" + RELEASE + "\" (download " + id + "), ")
        .endsWith(": cancel it first to download another release");
    finish(RELEASE, RELEASE + ".mkv");
    awaitStatus(id, "imported");

    publish(RELEASE, "[Erai-raws] LasTame - 05v2 [1080p][Multiple Subtitle]", "[SubsPlease] LasTame - 05 (1080p)");
    service.syncAndWait(new JsonObject().put("mode", "full"));

    assertThat(service.get("/api/downloads").bodyAsJsonArray()).hasSize(1);
    assertThat(qbittorrent.adds()).hasSize(1);
    assertThat(Sql.value(db, "SELECT count(*) FROM download_episodes WHERE episode_id = " + episode + " AND tracked"))
        .isEqualTo(1L);
    var twice = service.post("/api/episodes/" + episode + "/download", new JsonObject());
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.bodyAsJsonObject().getString("error"))
        .isEqualTo("S01E05 was downloaded already, by \"" + RELEASE + "\" (download " + id + ")");
  }

  @Test
  void a_batch_is_one_download_for_all_its_episodes_imported_file_by_file() throws IOException {
    switchOn(TestLibrary.LAST_BOSS_QUEEN);
    String batch = "[Judas] LasTame - 01-03 (Batch) [1080p]";
    publish(batch);

    JsonObject download = onlyDownload();
    assertThat(download.getJsonArray("episodeIds")).hasSize(3);
    finish(batch, "[Judas] LasTame - 01.mkv", "[Judas] LasTame - 02.mkv", "[Judas] LasTame - 03.mkv", "NCOP.mkv");
    JsonObject imported = awaitStatus(download.getLong("id"), "imported");

    JsonArray files = sonarr.imports().manualImports().get(0).getJsonArray("files");
    assertThat(files).hasSize(3);
    assertThat(files.stream().map(f -> ((JsonObject) f).getJsonArray("episodeIds").getLong(0)).toList())
        .containsExactlyInAnyOrder(3_000_001L, 3_000_002L, 3_000_003L);
    assertThat(imported.getString("error")).as("the file nobody can place is reported").contains("NCOP.mkv");
    for (int n = 1; n <= 3; n++) {
      awaitEpisodeStatus(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, n), "downloaded");
    }
  }

  static final String BATCH = "[Judas] LasTame - 01-03 (Batch) [1080p]";

  @Test
  void download_now_of_one_episode_with_a_batch_imports_that_episodes_file_not_the_largest() throws IOException {
    publish(BATCH);
    long episode2 = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 2);
    long batchItem = ((Number) Sql.value(db, "SELECT id FROM feed_items WHERE title = '" + BATCH + "'")).longValue();

    var started = service.post("/api/episodes/" + episode2 + "/download", new JsonObject().put("feedItemId", batchItem));
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
    long id = started.bodyAsJsonObject().getLong("id");
    finishGrowing(BATCH, "[Judas] LasTame - 01.mkv", "[Judas] LasTame - 02.mkv", "[Judas] LasTame - 03.mkv");
    awaitStatus(id, "imported");

    JsonArray files = sonarr.imports().manualImports().get(0).getJsonArray("files");
    assertThat(files).hasSize(1);
    assertThat(longs(files.getJsonObject(0).getJsonArray("episodeIds"))).containsExactly(3_000_002L);
    assertThat(files.getJsonObject(0).getString("path")).as("the file Sonarr is told holds episode 2")
        .endsWith("LasTame - 02.mkv");
  }

  @Test
  void the_automatic_download_of_one_episode_from_a_batch_imports_that_episodes_file() throws IOException {
    long episode2 = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 2);
    service.patch("/api/episodes/" + episode2 + "/auto-download", new JsonObject().put("enabled", true));
    publish(BATCH);
    JsonObject download = onlyDownload();
    assertThat(longs(download.getJsonArray("trackedEpisodeIds"))).containsExactly(episode2);
    finishGrowing(BATCH, "[Judas] LasTame - 01.mkv", "[Judas] LasTame - 02.mkv", "[Judas] LasTame - 03.mkv");
    awaitStatus(download.getLong("id"), "imported");

    JsonObject file = sonarr.imports().manualImports().get(0).getJsonArray("files").getJsonObject(0);
    assertThat(longs(file.getJsonArray("episodeIds"))).containsExactly(3_000_002L);
    assertThat(file.getString("path")).as("the file Sonarr is told holds episode 2").endsWith("LasTame - 02.mkv");
  }

  @Test
  void a_batch_without_the_tracked_episodes_file_fails_instead_of_importing_another_episodes_file() throws IOException {
    long episode2 = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 2);
    service.patch("/api/episodes/" + episode2 + "/auto-download", new JsonObject().put("enabled", true));
    publish(BATCH);
    long id = onlyDownload().getLong("id");
    finishGrowing(BATCH, "[Judas] LasTame - 01.mkv", "[Judas] LasTame - 03.mkv");

    JsonObject failed = awaitStatus(id, "failed");
    assertThat(failed.getString("error")).contains("no video file of the torrent is named for episode S01E02")
        .contains("LasTame - 01.mkv", "LasTame - 03.mkv");
    assertThat(sonarr.imports().manualImports()).as("nothing sent to Sonarr").isEmpty();
    awaitEpisodeStatus(episode2, "failed");
  }

  @Test
  void sonarr_refusing_the_import_is_retried_then_fails_with_sonarrs_reason() throws IOException {
    sonarr.imports().failNext(10, "Access to the path '/downloads' is denied.");
    long id = downloadOfRelease();
    finish(RELEASE, RELEASE + ".mkv");

    JsonObject failed = awaitStatus(id, "failed");

    assertThat(failed.getString("error")).contains("Access to the path '/downloads' is denied.");
    assertThat(failed.getInteger("attempts")).isEqualTo(3);
    assertThat(sonarr.imports().manualImports()).hasSize(3);
    awaitEpisodeStatus(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5), "failed");
    assertThat(Files.exists(downloadsDir.resolve(RELEASE + ".mkv"))).as("the finished file is kept").isTrue();

    sonarr.imports().failNext(0, null);
    assertThat(service.post("/api/downloads/" + id + "/retry", null).statusCode()).isEqualTo(200);
    awaitStatus(id, "imported");
    assertThat(qbittorrent.adds()).as("the torrent was still in qBittorrent").hasSize(1);
  }

  @Test
  void a_file_sonarr_rejects_is_not_counted_as_imported() throws IOException {
    sonarr.imports().rejectFiles(true);
    long id = downloadOfRelease();
    finish(RELEASE, RELEASE + ".mkv");

    assertThat(awaitStatus(id, "failed").getString("error")).startsWith("import failed: Sonarr ran "
        + "the import, but episode S01E05 still has no file: ");
  }

  @Test
  void a_torrent_without_a_video_file_fails_at_once() throws IOException {
    long id = downloadOfRelease();
    finish(RELEASE, "release.rar");

    JsonObject failed = awaitStatus(id, "failed");
    assertThat(failed.getString("error")).contains("no video file");
    assertThat(sonarr.imports().manualImports()).isEmpty();
  }

  @Test
  void a_torrent_in_error_fails_with_qbittorrents_state() {
    long id = downloadOfRelease();
    String hash = GeneratedFeed.hashOf(RELEASE);
    Eventually.await("qBittorrent has the torrent", () -> qbittorrent.torrent(hash).isPresent());
    awaitStatus(id, "downloading");

    qbittorrent.get(hash).state("missingFiles");

    assertThat(awaitStatus(id, "failed").getString("error")).contains("missing files");
  }

  @Test
  void a_release_whose_torrent_link_is_dead_fails_with_that_reason() {
    switchOn(TestLibrary.LAST_BOSS_QUEEN);
    publishWithALinkQbittorrentDoesNotKnow();

    JsonObject failed = awaitStatus(onlyDownload().getLong("id"), "failed");

    assertThat(failed.getString("error")).contains("never showed the torrent").contains("/download/");
  }

  @Test
  void a_torrent_link_qbittorrent_fetches_slowly_is_waited_for_not_failed_as_dead() {
    switchOn(TestLibrary.LAST_BOSS_QUEEN);
    // qBittorrent is still fetching the link (an indexer proxy behind a Cloudflare solver).
    publishWithALinkQbittorrentDoesNotKnow();
    long id = onlyDownload().getLong("id");
    awaitStatus(id, "downloading");

    // Each poll asks for the category's torrents, then for the missing one by its hash: two requests.
    long asked = qbittorrent.requests("/api/v2/torrents/info");
    Eventually.await("five polls without the torrent, or the download given up", () ->
        qbittorrent.requests("/api/v2/torrents/info") >= asked + 10 || !"downloading".equals(download(id).getString("status")));
    assertThat(download(id).getString("status")).as("three polls without it no longer fail it").isEqualTo("downloading");

    qbittorrent.put(GeneratedFeed.hashOf(RELEASE), RELEASE).tags(List.of("autoanime-" + id))
        .savePath(QBITTORRENT_DOWNLOADS).progress(0.5);
    Eventually.await("the download follows the torrent that came", () -> download(id).getDouble("progress") == 0.5);
    assertThat(download(id).getString("status")).isEqualTo("downloading");
  }

  @Test
  void a_download_folder_sonarr_cannot_see_fails_the_import_with_a_pointer_to_the_path_map() throws IOException {
    long id = downloadOfRelease();
    finish(RELEASE, RELEASE + ".mkv");
    Files.delete(downloadsDir.resolve(RELEASE + ".mkv"));

    JsonObject failed = awaitStatus(id, "failed");

    assertThat(failed.getString("error")).contains("Sonarr does not see").contains("DOWNLOAD_PATH_MAP");
  }

  @Test
  void qbittorrent_down_is_retried_then_the_download_fails_and_a_retry_sends_it() {
    // Each try of the send asks qBittorrent for the download's tag first: three tries, three faults.
    qbittorrent.failNext("/api/v2/torrents/info", 3, FakeQbittorrent.Fault.status(503));
    long id = downloadOfRelease();

    JsonObject failed = awaitStatus(id, "failed");
    assertThat(failed.getString("error")).contains("qBittorrent");
    assertThat(failed.getInteger("attempts")).isEqualTo(3);
    awaitEpisodeStatus(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5), "failed");
    switchOn(TestLibrary.LAST_BOSS_QUEEN);
    assertThat(episode(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5)).getString("autoDownloadStatus"))
        .as("switched on again: its failed download still holds it, so 'pending' would never move").isEqualTo("failed");

    assertThat(service.post("/api/downloads/" + id + "/retry", null).statusCode()).isEqualTo(200);
    awaitStatus(id, "downloading");
    awaitEpisodeStatus(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5), "downloading");
    var again = service.post("/api/downloads/" + id + "/retry", null);
    assertThat(again.statusCode()).as("only a failed one").isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("error"))
        .isEqualTo("\"" + RELEASE + "\" (download " + id + ") is downloading: only a failed download can be retried");
  }

  @Test
  void cancelling_removes_the_torrent_and_the_episode_waits_again() {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");

    var cancelled = service.send(HttpMethod.DELETE, "/api/downloads/" + id + "?deleteFiles=true", null);

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(qbittorrent.deletions()).containsExactly(new FakeQbittorrent.Deletion(GeneratedFeed.hashOf(RELEASE), true));
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    awaitEpisodeStatus(episode, "pending");
    var twice = service.send(HttpMethod.DELETE, "/api/downloads/" + id, null);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.bodyAsJsonObject().getString("error"))
        .isEqualTo("\"" + RELEASE + "\" (download " + id + ") is already cancelled");
    service.syncAndWait(new JsonObject().put("mode", "full"));
    assertThat(service.get("/api/downloads").bodyAsJsonArray()).as("the cancelled release is not taken again").hasSize(1);
  }

  @Test
  void cancelling_never_deletes_a_torrent_the_user_added_themselves() {
    String hash = GeneratedFeed.hashOf(RELEASE);
    qbittorrent.put(hash, RELEASE).category("my-anime").state("uploading").progress(0.5);
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    publish(RELEASE);
    long id = service.post("/api/episodes/" + episode + "/download", new JsonObject()).bodyAsJsonObject().getLong("id");
    awaitStatus(id, "downloading");

    var cancelled = service.send(HttpMethod.DELETE, "/api/downloads/" + id + "?deleteFiles=true", null);

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(cancelled.bodyAsJsonObject().getString("error")).contains("left in qBittorrent")
        .contains("this service did not add it");
    assertThat(qbittorrent.deletions()).as("torrents deleted").isEmpty();
    assertThat(qbittorrent.torrent(hash)).as("the user's own torrent").isPresent();
    awaitEpisodeStatus(episode, "disabled");
  }

  @Test
  void a_cancel_while_the_send_is_under_way_is_refused_and_never_leaves_an_untracked_torrent() {
    publish(RELEASE);
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    List<Runnable> heldLookups = holdTheNextSendsTagLookUp();
    long id = service.post("/api/episodes/" + episode + "/download", new JsonObject()).bodyAsJsonObject().getLong("id");
    Eventually.await("the send waiting for qBittorrent", () -> heldLookups.size() == 1);

    var refused = service.send(HttpMethod.DELETE, "/api/downloads/" + id + "?deleteFiles=true", null);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("error"))
        .startsWith("\"" + RELEASE + "\" (download " + id + ") is busy").contains("try again");
    heldLookups.get(0).run();

    awaitStatus(id, "downloading");
    assertThat(qbittorrent.torrent(GeneratedFeed.hashOf(RELEASE))).as("the torrent, tracked by its download").isPresent();
    var cancelled = service.send(HttpMethod.DELETE, "/api/downloads/" + id + "?deleteFiles=true", null);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(qbittorrent.torrent(GeneratedFeed.hashOf(RELEASE))).as("the cancelled download's torrent").isEmpty();
    assertThat(download(id).getString("status")).isEqualTo("cancelled");
  }

  @Test
  void a_cancel_that_removed_the_torrent_is_never_overtaken_by_the_tracker_moving_the_download() throws Exception {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    String hash = GeneratedFeed.hashOf(RELEASE);
    // A poll finds the torrent finished, all at once (the poll's answer is held while it finishes).
    Gate polls = qbittorrent.hold("/api/v2/torrents/info");
    polls.awaitHeld(1);
    finish(RELEASE, RELEASE + ".mkv");
    Future<HttpResponse<Buffer>> cancelled;
    Gate deletion = qbittorrent.hold("/api/v2/torrents/delete");
    try (Connection other = TestDatabases.jdbc(db)) {
      other.setAutoCommit(false);
      try (Statement sql = other.createStatement()) {
        // Holds the tracker's progress write, after it has chosen to move the download, before it moves it.
        sql.executeQuery("SELECT id FROM downloads WHERE id = " + id + " FOR UPDATE").close();
        polls.open();
        awaitBlockedOn("UPDATE downloads AS d");

        // The user's cancel reads the download (downloading) and removes the torrent; its answer is held.
        cancelled = service.sendAsync(HttpMethod.DELETE, "/api/downloads/" + id, null, Map.of());
        deletion.awaitHeld(1);
        long asked = qbittorrent.requests("/api/v2/torrents/info");
        other.commit();
        Eventually.await("the tracker's move written, or left to the cancel and the next poll under way",
            () -> !"downloading".equals(download(id).getString("status"))
                || qbittorrent.requests("/api/v2/torrents/info") > asked);
      }
    }
    deletion.open();

    var answer = TestService.await(cancelled);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(qbittorrent.deletions()).containsExactly(new FakeQbittorrent.Deletion(hash, false));
    assertThat(download(id).getString("status")).isEqualTo("cancelled");
    awaitEpisodeStatus(episode, "pending");
    assertThat(sonarr.imports().manualImports()).as("nothing imported from the removed torrent").isEmpty();
  }

  @Test
  void an_episode_switched_off_while_the_users_cancel_runs_leaves_the_download_cancelled_by_the_user() throws Exception {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    String hash = GeneratedFeed.hashOf(RELEASE);
    // The user's cancel holds the download and waits for qBittorrent to remove the torrent.
    Gate deletion = qbittorrent.hold("/api/v2/torrents/delete");
    Future<HttpResponse<Buffer>> cancelled = service.sendAsync(HttpMethod.DELETE, "/api/downloads/" + id, null, Map.of());
    deletion.awaitHeld(1);

    // Meanwhile the user switches the episode off, and the downloader's next look stops tracking it.
    service.patch("/api/episodes/" + episode + "/auto-download", new JsonObject().put("enabled", false));
    Eventually.await("the episode no longer tracked", () -> Sql.count(db,
        "SELECT count(*) FROM download_episodes WHERE download_id = " + id + " AND tracked") == 0);
    try (Connection other = TestDatabases.jdbc(db)) {
      other.setAutoCommit(false);
      try (Statement sql = other.createStatement()) {
        // That look is over once a writer of download_episodes waits: its own cancel of the download
        // (which releases the download's episodes), or the next look's untracking.
        sql.execute("LOCK TABLE download_episodes IN SHARE MODE");
        awaitBlockedOn("UPDATE download_episodes");
      }
      other.commit();
    }
    deletion.open();

    var answer = TestService.await(cancelled);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(answer.bodyAsJsonObject().getString("error")).as("the cancel's outcome, not the switch-off's")
        .isEqualTo("cancelled by the user");
    assertThat(qbittorrent.deletions()).containsExactly(new FakeQbittorrent.Deletion(hash, false));
    assertThat(Sql.value(db, "SELECT cancelled_by FROM downloads WHERE id = " + id))
        .as("the release the user refused is never picked again").isEqualTo("user");
    assertThat(download(id).getJsonArray("trackedEpisodeIds")).isEmpty();
    awaitEpisodeStatus(episode, "disabled");
  }

  @Test
  void a_download_whose_episode_is_switched_off_while_it_is_sent_is_cancelled_once_the_send_is_over() {
    publish(RELEASE);
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    List<Runnable> heldLookups = holdTheNextSendsTagLookUp();
    long id = service.post("/api/episodes/" + episode + "/download", new JsonObject()).bodyAsJsonObject().getLong("id");
    Eventually.await("the send waiting for qBittorrent", () -> heldLookups.size() == 1);

    service.patch("/api/episodes/" + episode + "/auto-download", new JsonObject().put("enabled", false));
    Eventually.await("the episode no longer tracked", () -> Sql.count(db,
        "SELECT count(*) FROM download_episodes WHERE download_id = " + id + " AND tracked") == 0);
    heldLookups.get(0).run();

    JsonObject cancelled = awaitStatus(id, "cancelled");
    assertThat(cancelled.getString("error")).contains("switched off");
    assertThat(Sql.value(db, "SELECT cancelled_by FROM downloads WHERE id = " + id)).isEqualTo("switch_off");
    assertThat(qbittorrent.torrent(GeneratedFeed.hashOf(RELEASE))).as("left in qBittorrent").isPresent();
    awaitEpisodeStatus(episode, "disabled");
  }

  /** Waits until a session of the service waits for a lock while running a statement containing this text. */
  private void awaitBlockedOn(String statement) {
    Eventually.await("a statement with '" + statement + "' waits for a lock", () -> Sql.count(db, """
        SELECT count(*) FROM pg_stat_activity
         WHERE datname = '%s' AND wait_event_type = 'Lock' AND query LIKE '%%%s%%'"""
        .formatted(db.url().database(), statement)) > 0);
  }

  @Test
  void switching_an_episode_off_stops_tracking_it_and_leaves_the_torrent() {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);

    service.patch("/api/episodes/" + episode + "/auto-download", new JsonObject().put("enabled", false));

    JsonObject cancelled = awaitStatus(id, "cancelled");
    assertThat(cancelled.getString("error")).contains("switched off");
    assertThat(qbittorrent.deletions()).isEmpty();
    assertThat(qbittorrent.torrent(GeneratedFeed.hashOf(RELEASE))).isPresent();
    awaitEpisodeStatus(episode, "disabled");
  }

  @Test
  void switching_an_episode_off_and_on_again_downloads_it_with_the_torrent_still_in_qbittorrent() {
    long first = downloadOfRelease();
    awaitStatus(first, "downloading");
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    String hash = GeneratedFeed.hashOf(RELEASE);

    service.patch("/api/episodes/" + episode + "/auto-download", new JsonObject().put("enabled", false));
    awaitStatus(first, "cancelled");
    service.patch("/api/episodes/" + episode + "/auto-download", new JsonObject().put("enabled", true));

    Eventually.await("a second download", () -> service.get("/api/downloads").bodyAsJsonArray().size() == 2);
    long second = service.get("/api/downloads").bodyAsJsonArray().getJsonObject(0).getLong("id");
    awaitStatus(second, "downloading");
    awaitEpisodeStatus(episode, "downloading");
    assertThat(qbittorrent.torrents()).as("one torrent in qBittorrent, not fetched again").hasSize(1);
    assertThat(qbittorrent.adds()).as("the torrent still there is not added again").hasSize(1);
    assertThat(qbittorrent.get(hash).tags()).as("taken over by the new download")
        .contains("autoanime-" + first, "autoanime-" + second);

    var cancelled = service.send(HttpMethod.DELETE, "/api/downloads/" + second, null);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(qbittorrent.deletions()).as("the torrent this service added, removed by the user's cancel")
        .containsExactly(new FakeQbittorrent.Deletion(hash, false));
  }

  @Test
  void download_now_of_an_episode_whose_every_release_is_rejected_names_the_episode_by_its_code() {
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    var rule = service.post("/api/series/" + seriesRow(TestLibrary.LAST_BOSS_QUEEN) + "/rules",
        new JsonObject().put("mustNotContain", new JsonArray().add("Erai-raws")));
    assertThat(rule.statusCode()).as(rule.bodyAsString()).isEqualTo(201);
    publish(RELEASE);

    var refused = service.post("/api/episodes/" + episode + "/download", new JsonObject());

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("every release of S01E05 is rejected by its "
        + "preferences: pick one under its Releases (feedItemId in the API)");
    assertThat(service.get("/api/downloads").bodyAsJsonArray()).isEmpty();
  }

  @Test
  void download_now_takes_the_best_release_or_the_one_named_whatever_the_switch() {
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    var none = service.post("/api/episodes/" + episode + "/download", new JsonObject());
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("no release of S01E05 has been seen in the feeds yet");
    publish(RELEASE, "[Erai-raws] LasTame - 05 [720p]", "[Erai-raws] LasTame - 06 [1080p]");
    long other = ((Number) Sql.value(db, "SELECT id FROM feed_items WHERE title = '[Erai-raws] LasTame - 06 [1080p]'")).longValue();
    var notPlaced = service.post("/api/episodes/" + episode + "/download", new JsonObject().put("feedItemId", other));
    assertThat(notPlaced.statusCode()).isEqualTo(400);
    assertThat(notPlaced.bodyAsJsonObject().getString("error")).isEqualTo("release " + other + " is not placed on S01E05 "
        + "(episode " + episode + "): GET /api/episodes/" + episode + "/releases lists those that are");
    assertThat(service.post("/api/episodes/" + episode + "/download", new JsonObject().put("feedItemId", "x")).statusCode())
        .isEqualTo(400);
    assertThat(service.post("/api/episodes/999999/download", new JsonObject()).statusCode()).isEqualTo(404);

    var started = service.post("/api/episodes/" + episode + "/download", new JsonObject());

    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
    assertThat(started.bodyAsJsonObject().getString("title")).isEqualTo(RELEASE);
    assertThat(started.bodyAsJsonObject().getString("trigger")).isEqualTo("manual");
    awaitStatus(started.bodyAsJsonObject().getLong("id"), "downloading");
    awaitEpisodeStatus(episode, "downloading");
  }

  @Test
  void sonarrs_own_download_notification_counts_as_imported() {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");

    notifySonarrImportedTheQueensEpisode5();

    awaitStatus(id, "imported");
    awaitEpisodeStatus(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5), "downloaded");
  }

  @Test
  void sonarrs_notification_of_the_import_this_service_runs_leaves_the_outcome_to_that_import() throws IOException {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");
    // The import sends Sonarr its ManualImport command; Sonarr's answer is held.
    Gate command = sonarr.hold("/api/v3/command");
    finish(RELEASE, RELEASE + ".mkv", "NCOP.mkv");
    command.awaitHeld(1);
    // Sonarr imports the file, and its Download notification comes before the command's answer.
    awaitHandledWhileBusy(id, this::notifySonarrImportedTheQueensEpisode5);
    command.open();

    JsonObject imported = awaitStatus(id, "imported");
    assertThat(imported.getString("error")).as("the import's own note").contains("NCOP.mkv");
    Eventually.await("the import counted", () -> new PrometheusText(service.get("/metrics").bodyAsString())
        .value("autoanime_download_import_seconds_count").orElse(0) == 1.0);
    assertThat(sonarr.imports().manualImports()).hasSize(1);
    Eventually.await("Sonarr's notification no longer waiting", () -> actionsWaiting() == 0);
  }

  @Test
  void sonarrs_notification_arriving_while_the_users_cancel_runs_leaves_the_download_to_that_cancel() {
    long id = downloadOfRelease();
    awaitStatus(id, "downloading");
    // The user's cancel holds the download and waits for qBittorrent to remove the torrent.
    Gate deletion = qbittorrent.hold("/api/v2/torrents/delete");
    Future<HttpResponse<Buffer>> cancelled = service.sendAsync(HttpMethod.DELETE, "/api/downloads/" + id, null, Map.of());
    deletion.awaitHeld(1);
    awaitHandledWhileBusy(id, this::notifySonarrImportedTheQueensEpisode5);
    deletion.open();

    var answer = TestService.await(cancelled);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("cancelled by the user");
    assertThat(qbittorrent.deletions()).containsExactly(new FakeQbittorrent.Deletion(GeneratedFeed.hashOf(RELEASE), false));
    assertThat(Sql.value(db, "SELECT cancelled_by FROM downloads WHERE id = " + id)).isEqualTo("user");
    Eventually.await("Sonarr's notification no longer waiting", () -> actionsWaiting() == 0);
  }

  private void notifySonarrImportedTheQueensEpisode5() {
    var hook = service.post("/api/sonarr/webhook", new JsonObject().put("eventType", "Download")
        .put("series", new JsonObject().put("id", TestLibrary.LAST_BOSS_QUEEN))
        .put("episodes", new JsonArray().add(new JsonObject().put("id", 3_000_005))));
    assertThat(hook.statusCode()).isEqualTo(200);
  }

  /**
   * Sends Sonarr's notification while the download is claimed, and waits until the downloader has
   * dealt with it: recorded it at once (the download imported), or set it aside until the download is
   * free (counted as an action waiting).
   */
  private void awaitHandledWhileBusy(long id, Runnable notification) {
    assertThat(actionsWaiting()).as("actions waiting before the notification").isZero();
    notification.run();
    Eventually.await("Sonarr's notification recorded, or waiting for the download", () ->
        "imported".equals(download(id).getString("status")) || actionsWaiting() == 1);
  }

  private double actionsWaiting() {
    return new PrometheusText(service.get("/metrics").bodyAsString()).value("autoanime_download_actions_waiting")
        .orElseThrow();
  }

  @Test
  void the_download_routes_refuse_bad_requests() {
    assertThat(service.get("/api/downloads?status=bogus").statusCode()).isEqualTo(400);
    assertThat(service.get("/api/downloads?seriesId=x").statusCode()).isEqualTo(400);
    assertThat(service.get("/api/downloads?seriesId=0").statusCode()).isEqualTo(400);
    assertThat(service.get("/api/downloads?limit=0").statusCode()).isEqualTo(400);
    assertThat(service.get("/api/downloads/999").statusCode()).isEqualTo(404);
    assertThat(service.post("/api/downloads/999/retry", null).statusCode()).isEqualTo(404);
    assertThat(service.send(HttpMethod.DELETE, "/api/downloads/999", null).statusCode()).isEqualTo(404);
    assertThat(service.post("/api/episodes/1/download", new JsonObject().put("other", 1)).statusCode()).isEqualTo(400);
    assertThat(service.get("/api/downloads").bodyAsJsonArray()).isEmpty();
  }

  @Test
  void qbittorrent_shows_in_the_health_and_its_status_without_its_password() {
    try (LogCapture logs = new LogCapture()) {
      JsonObject health = service.get("/api/health").bodyAsJsonObject();
      assertThat(health.getString("qbittorrent")).isEqualTo("UP");
      var status = service.get("/api/qbittorrent/status");
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.bodyAsJsonObject().getString("version")).isEqualTo("v4.5.2");

      qbittorrent.failNext("/api/v2/app/version", 3, FakeQbittorrent.Fault.status(503));
      assertThat(service.get("/api/health").bodyAsJsonObject().getString("qbittorrent")).isEqualTo("DOWN");
      assertThat(service.get("/api/health").statusCode()).as("qBittorrent never makes the service unhealthy").isEqualTo(200);
      var down = service.get("/api/qbittorrent/status");
      assertThat(down.statusCode()).isEqualTo(502);
      assertThat(down.bodyAsString()).doesNotContain(PASSWORD);
      assertThat(logs.lines()).noneMatch(line -> line.contains(PASSWORD));
    }
  }

  @Test
  void downloads_are_counted_in_the_metrics() throws IOException {
    long id = downloadOfRelease();
    finish(RELEASE, RELEASE + ".mkv");
    awaitStatus(id, "imported");

    PrometheusText metrics = new PrometheusText(service.get("/metrics").bodyAsString());
    assertThat(metrics.value("autoanime_downloads_total", "status", "queued")).hasValue(1);
    assertThat(metrics.value("autoanime_downloads_total", "status", "imported")).hasValue(1);
    assertThat(metrics.value("autoanime_download_import_seconds_count")).hasValue(1);
    assertThat(metrics.value("autoanime_downloads_in_progress")).hasValue(0);
  }
}
