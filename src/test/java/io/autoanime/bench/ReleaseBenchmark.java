package io.autoanime.bench;

import io.autoanime.Application;
import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.DatabaseUrl;
import io.autoanime.db.Database;
import io.autoanime.metrics.MeteredVertx;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.training.GeneratedLibrary;
import io.autoanime.training.GeneratedSonarr;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The release side's benchmark (not a test): a library of 2,000 series and 100,000 episodes in an
 * embedded PostgreSQL, then
 * <ol>
 *   <li>polls of a feed that brings 1,000 new releases of the library's series (parsed, stored and
 *       placed): time and SQL statements per poll, median of rounds after warm-up polls;
 *   <li>polls of those feeds again, the same 1,000 releases (all stored already, the document read
 *       anew: no validators), time per poll;
 *   <li>the downloader following 500 torrents in a fake qBittorrent: qBittorrent requests and SQL
 *       statements per poll, with nothing new and with every torrent's progress moving.
 * </ol>
 * Run: {@code mvn -B -q test-compile exec:exec@release-bench}.
 */
public final class ReleaseBenchmark {
  private static final int SERIES = 2_000;
  private static final int EPISODES = 100_000;
  private static final int RELEASES = 1_000;
  private static final int TORRENTS = 500;
  private static final int ROUNDS = 5;

  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  private Database database;

  public static void main(String[] args) throws Exception {
    ReleaseBenchmark benchmark = new ReleaseBenchmark();
    try {
      benchmark.run();
    } finally {
      if (benchmark.postgres != null) {
        benchmark.postgres.close();
      }
    }
    System.exit(0);
  }

  private void run() throws Exception {
    postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(Files.createTempDirectory("autoanime-release-bench"))
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .start();
    database = Database.external(new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", ""));
    database.migrate();
    sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

    GeneratedLibrary library = new GeneratedLibrary(SERIES, EPISODES);
    Vertx fakes = Vertx.vertx();
    GeneratedSonarr sonarr = new GeneratedSonarr(fakes, library).start();
    FakeFeedServer feeds = new FakeFeedServer(fakes).start();
    FakeQbittorrent qbittorrent = new FakeQbittorrent(fakes, FakeQbittorrent.Version.V4_5).start();
    MeteredVertx metered = MeteredVertx.create();
    Application app = Application.start(metered, config(sonarr.url(), qbittorrent.url()), database).await(5, TimeUnit.MINUTES);
    WebClient http = WebClient.create(metered.vertx());
    try {
      metered.vertx().eventBus().request(Addresses.SYNC, new JsonObject().put("mode", "full"),
          new DeliveryOptions().setSendTimeout(TimeUnit.HOURS.toMillis(1))).await(1, TimeUnit.HOURS);
      System.out.printf(Locale.ROOT, "Library: %s series, %s episodes%n", count("series"), count("series_episodes"));

      List<Double> pollMs = new ArrayList<>();
      List<Long> statements = new ArrayList<>();
      List<Long> feedIds = new ArrayList<>();
      JsonObject last = null;
      for (int round = 0; round < 3 + ROUNDS; round++) {
        String path = "/feed" + round;
        feeds.serve(path, releases(round, feeds.url("")), FakeFeedServer.RSS);
        long feedId = http.post(app.httpPort(), "localhost", "/api/feeds")
            .sendJsonObject(new JsonObject().put("name", "bench " + round).put("url", feeds.url(path)))
            .await(1, TimeUnit.MINUTES).bodyAsJsonObject().getLong("id");
        feedIds.add(feedId);
        sql("SELECT pg_stat_statements_reset()");
        long started = System.nanoTime();
        last = http.post(app.httpPort(), "localhost", "/api/feeds/" + feedId + "/poll").send()
            .await(1, TimeUnit.MINUTES).bodyAsJsonObject();
        double ms = (System.nanoTime() - started) / 1e6;
        long calls = statementCalls();
        if (round >= 3) {
          pollMs.add(ms);
          statements.add(calls);
        }
        System.out.printf(Locale.ROOT, "%s poll %d: %.0f ms, %d new, %d placed, %d SQL statements%n",
            round < 3 ? "warm-up" : "measured", round, ms, last.getInteger("newItems"), last.getInteger("matchedItems"), calls);
      }
      pollMs.sort(Double::compare);
      System.out.printf(Locale.ROOT, "%nA poll of %d new releases into %d series / %d episodes: median %.0f ms (all: %s); "
          + "SQL statements per poll: %s%n", RELEASES, SERIES, EPISODES, pollMs.get(pollMs.size() / 2), pollMs, statements);
      knownReleases(feeds, http, app.httpPort(), feedIds);

      rematchAfterSync(metered.vertx());
      tracking(qbittorrent);
    } finally {
      app.stop().await(1, TimeUnit.MINUTES);
      metered.vertx().close().await(1, TimeUnit.MINUTES);
      fakes.close().await(1, TimeUnit.MINUTES);
    }
  }

  /** Each feed polled again, its document unchanged but read anew (served without validators): nothing new. */
  private void knownReleases(FakeFeedServer feeds, WebClient http, int port, List<Long> feedIds) throws Exception {
    List<Double> pollMs = new ArrayList<>();
    sql("SELECT pg_stat_statements_reset()");
    for (int round = 0; round < feedIds.size(); round++) {
      String path = "/feed" + round;
      feeds.serveWithoutValidators(path, releases(round, feeds.url("")), FakeFeedServer.RSS);
      long started = System.nanoTime();
      JsonObject polled = http.post(port, "localhost", "/api/feeds/" + feedIds.get(round) + "/poll").send()
          .await(1, TimeUnit.MINUTES).bodyAsJsonObject();
      double ms = (System.nanoTime() - started) / 1e6;
      if (round >= 3) {
        pollMs.add(ms);
      }
      System.out.printf(Locale.ROOT, "poll %d again: %.0f ms, %d new, %d placed%n", round, ms,
          polled.getInteger("newItems"), polled.getInteger("matchedItems"));
    }
    pollMs.sort(Double::compare);
    System.out.printf(Locale.ROOT, "%nA poll of the same %d releases again (all stored): median %.0f ms "
        + "(all: %s); its insert statement: %.1f ms on average%n%n", RELEASES, pollMs.get(pollMs.size() / 2),
        pollMs, meanMs("%INSERT INTO feed_items%"));
  }

  /** The mean execution time of the statements like {@code pattern} since the last reset. */
  private double meanMs(String pattern) throws Exception {
    try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT sum(total_exec_time) / sum(calls) FROM pg_stat_statements WHERE query LIKE '" + pattern + "'")) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  /** The worst sync for placing again: one that changed every series, so every stored placed release is read. */
  private void rematchAfterSync(Vertx vertx) throws Exception {
    Pool pool = database.createPool(vertx, 4);
    try {
      List<Long> everySeries = new ArrayList<>();
      try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery("SELECT id FROM series")) {
        while (rs.next()) {
          everySeries.add(rs.getLong(1));
        }
      }
      for (int round = 0; round < 3; round++) {
        sql("SELECT pg_stat_statements_reset()");
        long started = System.nanoTime();
        JsonObject outcome = io.autoanime.feeds.RematchCost.afterSyncOf(pool, everySeries).await(10, TimeUnit.MINUTES);
        double ms = (System.nanoTime() - started) / 1e6;
        System.out.printf(Locale.ROOT, "Placing again after a sync that changed all %d series: %.0f ms, %s, "
            + "%d SQL statements (%d of them writes)%n", everySeries.size(), ms, outcome.encode(), statementCalls(),
            statementCalls("%UPDATE feed_items"));
      }
    } finally {
      pool.close();
    }
  }

  /** 500 downloads being downloaded: what one poll of the downloader costs. */
  private void tracking(FakeQbittorrent qbittorrent) throws Exception {
    sql("""
        WITH picked AS (
          SELECT e.id AS episode_id, e.series_id, row_number() OVER (ORDER BY e.id) AS n
            FROM series_episodes e ORDER BY e.id LIMIT %d),
        made AS (
          INSERT INTO downloads (id, series_id, title, source, info_hash, tag, trigger, status)
          SELECT n, series_id, 'bench ' || n, 'magnet:?xt=urn:btih:' || lpad(to_hex(n), 40, '0'),
                 lpad(to_hex(n), 40, '0'), 'autoanime-' || n, 'auto', 'downloading'
            FROM picked RETURNING id)
        INSERT INTO download_episodes (download_id, episode_id) SELECT n, episode_id FROM picked""".formatted(TORRENTS));
    sql("""
        UPDATE series_episodes e SET is_auto_download_enabled = true, auto_download_status = 'downloading'
          FROM download_episodes de WHERE de.episode_id = e.id""");
    sql("SELECT setval('downloads_id_seq', " + TORRENTS + ")");
    for (int n = 1; n <= TORRENTS; n++) {
      qbittorrent.put(String.format("%40s", Integer.toHexString(n)).replace(' ', '0'), "bench " + n)
          .category("autoanime").tags(List.of("autoanime-" + n)).state("downloading").progress(0.0);
    }
    // The downloader reads its downloads at start: restart it on the new rows.
    System.out.println("(downloads written; restarting the service so the downloader reads them)");
    MeteredVertx metered = MeteredVertx.create();
    Application app = Application.start(metered, config("http://127.0.0.1:1", qbittorrent.url()), database)
        .await(5, TimeUnit.MINUTES);
    try {
      long pollMs = 200;
      Thread.sleep(5 * pollMs);  // a benchmark: let the first polls after the start settle
      for (String phase : List.of("nothing new", "every torrent moved once")) {
        sql("SELECT pg_stat_statements_reset()");
        long before = qbittorrent.requests("/api/v2/torrents/info");
        if (phase.startsWith("every")) {
          Random random = new Random(1);
          qbittorrent.torrents().forEach(t -> t.progress(0.1 + random.nextDouble() * 0.8));
        }
        Thread.sleep(10 * pollMs);
        long requests = qbittorrent.requests("/api/v2/torrents/info") - before;
        System.out.printf(Locale.ROOT, "Tracking %d torrents, %s: %d qBittorrent requests over %d polls; SQL statements: "
            + "%d writing downloads, %d in all%n", TORRENTS, phase, requests, requests, statementCalls("UPDATE downloads"),
            statementCalls());
      }
    } finally {
      app.stop().await(1, TimeUnit.MINUTES);
      metered.vertx().close().await(1, TimeUnit.MINUTES);
    }
  }

  private static byte[] releases(int round, String base) {
    Random random = new Random(round);
    GeneratedFeed feed = new GeneratedFeed(base);
    for (int i = 0; i < RELEASES; i++) {
      int series = 1 + random.nextInt(SERIES);
      int episode = 1 + random.nextInt(40);
      String group = List.of("SubsPlease", "Erai-raws", "Judas", "EMBER").get(random.nextInt(4));
      String title = random.nextBoolean()
          ? "[%s] Generated Show %d - %02d (1080p) [%08X].mkv".formatted(group, series, episode, random.nextInt())
          : "[%s] Show %d Romaji - %02d [720p][%d]".formatted(group, series, episode, round * RELEASES + i);
      feed.release(title, GeneratedFeed.hashOf(round + "/" + i + title), random.nextInt(500));
    }
    return feed.bytes();
  }

  private static AppConfig config(String sonarrUrl, String qbittorrentUrl) {
    return AppConfig.fromJson(new JsonObject()
        .put(AppConfig.PORT, 0).put(AppConfig.SYNC_ON_STARTUP, false).put(AppConfig.SYNC_INTERVAL_MINUTES, 0)
        .put(AppConfig.SONARR_URL, sonarrUrl).put(AppConfig.SONARR_API_KEY, GeneratedSonarr.API_KEY)
        .put(AppConfig.FEED_CHECK_SECONDS, 3600)
        .put(AppConfig.QBITTORRENT_URL, qbittorrentUrl)
        .put(AppConfig.DOWNLOAD_POLL_MS, 200)
        .put(AppConfig.DOWNLOAD_CHECK_MS, 3_600_000));
  }

  private long statementCalls() throws Exception {
    return statementCalls(null);
  }

  /** Statements run since the last reset (those starting with {@code prefix}), not counting the counting itself. */
  private long statementCalls(String prefix) throws Exception {
    String onlyThese = prefix == null ? "" : " AND query LIKE '" + prefix + "%'";
    try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery("""
        SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
         WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE 'BEGIN%' AND query NOT LIKE 'COMMIT%'"""
        + onlyThese)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long count(String table) throws Exception {
    try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = jdbc()) {
      c.createStatement().execute(statement);
    }
  }

  private Connection jdbc() throws Exception {
    return DriverManager.getConnection(database.url().jdbcUrl(), "postgres", "");
  }
}
