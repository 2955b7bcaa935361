package io.autoanime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.db.Database;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Fixtures;
import io.autoanime.support.Gate;
import io.autoanime.support.ServiceProcess;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestService;
import io.autoanime.sync.SonarrSyncVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.sql.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as its own process, killed in the middle of a large sync. */
class CrashTest {
  private static final int GROUP = SonarrSyncVerticle.SERIES_PER_TRANSACTION;
  private static final int SERIES = GROUP + 15;
  private static final int EPISODES_PER_SEASON = 25;
  private static final int SERIES_OF_THE_SECOND_GROUP = GROUP + 5;

  private Vertx sonarrVertx;
  private FakeSonarr sonarr;
  private Database db;
  private Map<String, String> environment;

  @BeforeEach
  void start() throws Exception {
    sonarrVertx = Vertx.vertx();
    sonarr = new FakeSonarr(sonarrVertx).start();
    for (long id = 1; id <= SERIES; id++) {
      sonarr.put(Fixtures.seriesLike(Fixtures.frieren(), id, 800_000 + id, "Show " + id, 2),
          Fixtures.episodesFor(id, id * 1000, 2, EPISODES_PER_SEASON));
    }
    db = TestDatabases.fresh();
    Path configFile = Files.createTempFile("autoanime", ".json");
    // The file says port 1 and no start-up sync: the environment must win over both.
    Files.writeString(configFile, "{\"PORT\": 1, \"SYNC_ON_STARTUP\": false, \"SONARR_CONCURRENCY\": 2}");
    environment = Map.of(
        "AUTOANIME_CONFIG", configFile.toString(),
        "SONARR_URL", sonarr.url(),
        "SONARR_API_KEY", FakeSonarr.API_KEY,
        "SYNC_ON_STARTUP", "true",
        "SYNC_INTERVAL_MINUTES", "0",
        "SONARR_RETRY_DELAY_MS", "10");
  }

  @AfterEach
  void stop() {
    sonarr.stop();
    TestService.await(sonarrVertx.close());
  }

  @Test
  void a_hard_kill_mid_sync_loses_nothing_and_the_next_instance_recovers() throws Exception {
    List<Map<String, Object>> userStateBefore;
    try (ServiceProcess first = ServiceProcess.start(db.url(), environment)) {
      awaitNoRunning();
      assertThat(Sql.value(db, "SELECT status FROM sync_runs ORDER BY id LIMIT 1")).isEqualTo("succeeded");
      setUserState();
      userStateBefore = userState();
      renameEverythingUpstream();

      try (Connection other = TestDatabases.jdbc(db)) {
        // Another session holds one series' episodes: the sync's second group waits for them in its
        // transaction, after the first group has committed.
        other.setAutoCommit(false);
        other.createStatement().execute("SELECT id FROM series_episodes WHERE series_id = (SELECT id FROM series"
            + " WHERE sonarr_id = " + SERIES_OF_THE_SECOND_GROUP + ") FOR UPDATE");
        assertThat(first.post("/api/sonarr/sync").statusCode()).isEqualTo(202);
        Eventually.await("the first group written", () -> Sql.count(db, "SELECT count(*) FROM series_episodes e"
            + " JOIN series s ON s.id = e.series_id WHERE s.sonarr_id <= " + GROUP + " AND e.title NOT LIKE 'Renamed%'") == 0);
        Eventually.await("the second group's transaction waiting", () -> Sql.count(db, "SELECT count(*) FROM"
            + " pg_stat_activity WHERE datname = '" + db.url().database() + "' AND wait_event_type = 'Lock'") > 0);
        first.kill();
        other.rollback();
      }
    }

    long interrupted = (Long) Sql.value(db, "SELECT id FROM sync_runs WHERE status = 'running'");
    assertEverySeriesIsWhollyOldOrWhollyNew();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(SERIES * 2L * EPISODES_PER_SEASON);
    assertThat(userState()).isEqualTo(userStateBefore);

    try (ServiceProcess second = ServiceProcess.start(db.url(), environment)) {
      awaitNoRunning();
      assertThat(Sql.value(db, "SELECT status || ': ' || error FROM sync_runs WHERE id = " + interrupted))
          .asString().startsWith("failed: interrupted");
      var latest = new JsonObject(second.get("/api/sonarr/sync/status").body());
      assertThat(latest.getString("status")).isEqualTo("succeeded");
      assertThat(latest.getString("trigger")).isEqualTo("startup");
    }
    assertThat(userState()).isEqualTo(userStateBefore);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE title NOT LIKE 'Renamed%'")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  @Test
  void sigterm_ends_the_current_series_cleanly_marks_the_run_and_exits() throws Exception {
    int exitCode;
    try (ServiceProcess service = ServiceProcess.start(db.url(), environment)) {
      awaitNoRunning();
      setUserState();
      var userStateBefore = userState();
      renameEverythingUpstream();
      Gate episodes = sonarr.hold(path -> path.startsWith("/api/v3/episode?"));
      service.post("/api/sonarr/sync");
      episodes.awaitHeld(2); // both requests Sonarr may have in flight wait: the run is under way

      service.signalTerm();
      service.awaitLogged("Stopping: the sync run"); // the service began to stop its run
      episodes.open();
      exitCode = service.awaitExit();
      assertThat(service.output()).contains("Stopping AutoAnime").contains("AutoAnime stopped");
      assertThat(userState()).isEqualTo(userStateBefore);
    }

    assertThat(exitCode).isIn(0, 143);
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs WHERE status = 'running'")).isZero();
    assertThat(Sql.value(db, "SELECT status || ': ' || error FROM sync_runs ORDER BY id DESC LIMIT 1"))
        .asString().startsWith("failed: interrupted");
    assertEverySeriesIsWhollyOldOrWhollyNew();
  }

  @Test
  void sigterm_with_the_embedded_database_still_records_the_run_before_postgresql_stops(@TempDir Path dataDir)
      throws Exception {
    try (ServiceProcess service = ServiceProcess.startWithEmbeddedDatabase(dataDir, environment)) {
      Eventually.await("the start-up sync has ended", () -> !latestRun(service).contains("\"running\""));
      renameEverythingUpstream();
      Gate episodes = sonarr.hold(path -> path.startsWith("/api/v3/episode?"));
      service.post("/api/sonarr/sync");
      episodes.awaitHeld(2);

      service.signalTerm();
      service.awaitLogged("Stopping: the sync run");
      episodes.open();
      assertThat(service.awaitExit()).isIn(0, 143);
      assertThat(service.output()).doesNotContain("Could not record");
    }

    try (Database embedded = Database.startEmbedded(dataDir.resolve("postgres"))) {
      assertThat(Sql.value(embedded, "SELECT status || ': ' || error FROM sync_runs ORDER BY id DESC LIMIT 1"))
          .as("the run recorded by the stopping service, not left running").asString().startsWith("failed: interrupted");
    }
  }

  private static String latestRun(ServiceProcess service) {
    try {
      return service.get("/api/sonarr/sync/status").body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void renameEverythingUpstream() {
    for (long id = 1; id <= SERIES; id++) {
      sonarr.episodes(id).forEach(e -> ((JsonObject) e).put("title", "Renamed " + ((JsonObject) e).getLong("id")));
    }
  }

  private void setUserState() {
    Sql.update(db, """
        UPDATE series_episodes SET is_auto_download_enabled = true,
               auto_download_status = CASE WHEN sonarr_episode_id % 3 = 0 THEN 'downloaded' ELSE 'pending' END,
               downloaded_at = CASE WHEN sonarr_episode_id % 3 = 0 THEN now() END
         WHERE sonarr_episode_id % 2 = 0""");
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id % 4 = 0");
  }

  private List<Map<String, Object>> userState() {
    return Sql.rows(db, """
        SELECT id, is_auto_download_enabled, auto_download_status, downloaded_at FROM series_episodes
        UNION ALL SELECT -id, is_auto_download_enabled, auto_download_status, NULL FROM series ORDER BY 1""");
  }

  /** Each series was written in one transaction: its episodes all carry the old titles or all the new. */
  private void assertEverySeriesIsWhollyOldOrWhollyNew() {
    assertThat(Sql.count(db, """
        SELECT count(*) FROM (
          SELECT series_id FROM series_episodes
           GROUP BY series_id
          HAVING count(*) FILTER (WHERE title LIKE 'Renamed%') NOT IN (0, count(*))) AS torn""")).isZero();
  }

  private void awaitNoRunning() {
    Eventually.await("a finished sync run", () -> Sql.count(db, "SELECT count(*) FROM sync_runs") > 0
        && Sql.count(db, "SELECT count(*) FROM sync_runs WHERE status = 'running'") == 0);
  }
}
