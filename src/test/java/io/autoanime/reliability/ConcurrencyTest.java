package io.autoanime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.config.Intervals;
import io.autoanime.support.Eventually;
import io.autoanime.support.Gate;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Many sources of sync requests, and two service instances on one database. */
class ConcurrencyTest extends ServiceTest {
  /** The sync lock's advisory key (SyncLock): "AutoAnime sync" as 64 bits. */
  private static final long SYNC_LOCK_KEY = 0x4155_544F_414E_494DL;

  @Override
  protected Intervals intervals() {
    return Intervals.DEFAULT.withOtherInstanceSyncCheckMs(50);
  }

  private Future<JsonObject> ask(TestService target, JsonObject body) {
    return target.vertx().eventBus().<JsonObject>request(Addresses.SYNC, body, new DeliveryOptions().setSendTimeout(60_000))
        .map(reply -> reply.body());
  }

  /** Answered once every request sent to {@code target} before it has been handled (the running run covers it). */
  private void awaitHandled(TestService target) {
    TestService.await(ask(target, new JsonObject().put("mode", "full").put("wait", false)));
  }

  @Test
  void requests_from_http_the_bus_the_schedule_and_startup_arriving_together_run_once() {
    service.close();
    Gate seriesList = sonarr.hold("/api/v3/series");
    service = TestService.start(db, TestService.settingsFor(sonarr).put("SYNC_ON_STARTUP", true));
    seriesList.awaitHeld(1);

    var http = service.post("/api/sonarr/sync", null);
    var bus = ask(service, new JsonObject().put("mode", "full"));
    var schedule = ask(service, new JsonObject().put("mode", "full").put("trigger", "schedule"));
    awaitHandled(service);
    seriesList.open();
    JsonObject finished = TestService.await(bus);

    assertThat(http.statusCode()).isEqualTo(202);
    assertThat(http.bodyAsJsonObject().getBoolean("joined")).isTrue();
    assertThat(TestService.await(schedule).getLong("id")).isEqualTo(finished.getLong("id"));
    assertThat(http.bodyAsJsonObject().getLong("id")).isEqualTo(finished.getLong("id"));
    assertThat(finished.getString("trigger")).isEqualTo("startup");
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isEqualTo(1);
    assertThat(sonarr.requestsFor("/api/v3/series")).isEqualTo(1);
  }

  @Test
  void two_instances_on_one_database_never_sync_at_once_and_a_request_to_either_joins_the_run_going_on() {
    try (TestService second = TestService.start(db, TestService.settingsFor(sonarr), intervals())) {
      Gate seriesList = sonarr.hold("/api/v3/series");
      var first = ask(service, new JsonObject().put("mode", "full"));
      seriesList.awaitHeld(1); // the first instance is running, holding the lock

      var joinedOverBus = ask(second, new JsonObject().put("mode", "full"));
      var joinedOverHttp = second.post("/api/sonarr/sync", new JsonObject().put("mode", "new"));
      // The run holds the lock: neither instance may take it for a run a dead process left.
      assertThat(second.get("/api/sonarr/sync/status").bodyAsJsonObject().getString("status")).isEqualTo("running");
      assertThat(service.get("/api/sonarr/sync/status").bodyAsJsonObject().getString("status")).isEqualTo("running");
      assertThat(second.get("/api/sonarr/sync/runs?status=running").bodyAsJsonArray()).hasSize(1);
      assertThat(joinedOverHttp.statusCode()).isEqualTo(202);
      assertThat(joinedOverHttp.bodyAsJsonObject().getBoolean("joined")).isTrue();
      assertThat(joinedOverHttp.bodyAsJsonObject().getString("status")).isEqualTo("running");
      seriesList.open();

      JsonObject firstEnded = TestService.await(first);
      JsonObject secondEnded = TestService.await(joinedOverBus);
      assertThat(firstEnded.getString("status")).isEqualTo("succeeded");
      assertThat(secondEnded.getLong("id")).isEqualTo(firstEnded.getLong("id"))
          .isEqualTo(joinedOverHttp.bodyAsJsonObject().getLong("id"));
      assertThat(secondEnded.getBoolean("joined")).isTrue();
      assertThat(secondEnded.getString("status")).isEqualTo("succeeded");
      assertThat(second.get("/api/sonarr/sync/status").bodyAsJsonObject().getString("status")).isEqualTo("succeeded");
      assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isEqualTo(1);

      // Once the first instance's run is over, the second one may sync.
      assertThat(second.fullSync().getString("status")).isEqualTo("succeeded");
    }
  }

  @Test
  void a_request_another_instances_run_does_not_cover_starts_once_that_run_has_ended() {
    service.fullSync();
    try (TestService second = TestService.start(db, TestService.settingsFor(sonarr), intervals())) {
      Gate episodes = sonarr.hold("/api/v3/episode?seriesId=" + TestLibrary.FRIEREN);
      var seriesRun = ask(service, new JsonObject().put("mode", "series").put("sonarrSeriesId", TestLibrary.FRIEREN));
      episodes.awaitHeld(1);

      var full = ask(second, new JsonObject().put("mode", "full"));
      episodes.open();

      JsonObject first = TestService.await(seriesRun);
      JsonObject own = TestService.await(full);
      assertThat(own.getLong("id")).isGreaterThan(first.getLong("id"));
      assertThat(own.getBoolean("joined")).isFalse();
      assertThat(own.getString("mode")).isEqualTo("full");
      assertThat(own.getString("status")).isEqualTo("succeeded");
      assertThat(Instant.parse(own.getString("startedAt"))).isAfterOrEqualTo(Instant.parse(first.getString("finishedAt")));
    }
  }

  @Test
  void a_run_of_another_instance_is_followed_to_its_end_with_its_progress_published_here() throws Exception {
    try (java.sql.Connection otherInstance = io.autoanime.support.TestDatabases.jdbc(db)) {
      long elsewhere = startRunAsAnotherInstance(otherInstance);
      List<JsonObject> events = syncEvents(service);

      JsonObject started = TestService.await(ask(service, new JsonObject().put("mode", "full").put("wait", false)));
      var ended = ask(service, new JsonObject().put("mode", "new"));
      Sql.update(db, "UPDATE sync_runs SET series_done = 2 WHERE id = " + elsewhere);
      Eventually.await("its progress published here", () -> events.stream()
          .anyMatch(e -> e.getString("type").equals("progress") && e.getJsonObject("run").getLong("id") == elsewhere
              && e.getJsonObject("run").getJsonObject("progress").getInteger("seriesDone") == 2));
      Sql.update(db, "UPDATE sync_runs SET status = 'succeeded', finished_at = now(), series_done = 4 WHERE id = "
          + elsewhere);

      assertThat(started.getLong("id")).isEqualTo(elsewhere);
      assertThat(started.getBoolean("joined")).isTrue();
      assertThat(started.getString("status")).isEqualTo("running");
      JsonObject finished = TestService.await(ended);
      assertThat(finished.getLong("id")).isEqualTo(elsewhere);
      assertThat(finished.getBoolean("joined")).isTrue();
      assertThat(finished.getString("status")).isEqualTo("succeeded");
      Eventually.await("its end published here", () -> events.stream()
          .anyMatch(e -> e.getString("type").equals("finished") && e.getJsonObject("run").getLong("id") == elsewhere));
      assertThat(events).allSatisfy(e -> assertThat(e.getBoolean("otherInstance")).isTrue());
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isEqualTo(1);
    assertThat(sonarr.requestsFor("/api/v3/series")).as("this instance fetched nothing").isZero();

    // This instance's metrics count its own runs only (the other instance counts its run).
    service.fullSync();
    Eventually.await("this instance's own run counted", () -> service.get("/metrics").bodyAsString()
        .contains("autoanime_sync_duration_seconds_count{mode=\"full\",status=\"succeeded\",trigger=\"eventbus\"}"));
    assertThat(service.get("/metrics").bodyAsString()).doesNotContain("trigger=\"schedule\"");
  }

  @Test
  void a_request_that_joined_a_run_of_an_instance_that_died_is_carried_out_here() throws Exception {
    long elsewhere;
    Future<JsonObject> ended;
    try (java.sql.Connection otherInstance = io.autoanime.support.TestDatabases.jdbc(db)) {
      elsewhere = startRunAsAnotherInstance(otherInstance);
      JsonObject started = TestService.await(ask(service, new JsonObject().put("mode", "full").put("wait", false)));
      assertThat(started.getLong("id")).isEqualTo(elsewhere);
      ended = ask(service, new JsonObject().put("mode", "full"));
    } // the other instance dies: its lock goes with its connection, its run stays marked running

    JsonObject own = TestService.await(ended);
    assertThat(own.getLong("id")).isGreaterThan(elsewhere);
    assertThat(own.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.value(db, "SELECT status || ': ' || error FROM sync_runs WHERE id = " + elsewhere))
        .asString().startsWith("failed: interrupted");
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE sonarr_id IS NOT NULL")).isPositive();
  }

  /** Takes the sync lock on {@code otherInstance} and records a running run there, as an instance does. */
  private long startRunAsAnotherInstance(java.sql.Connection otherInstance) throws Exception {
    otherInstance.createStatement().execute("SELECT pg_advisory_lock(" + SYNC_LOCK_KEY + ")");
    return (Long) Sql.value(db, """
        INSERT INTO sync_runs (trigger, mode, status, series_total) VALUES ('schedule', 'full', 'running', 4)
        RETURNING id""");
  }

  /** Every event published on the sync's address of {@code target} from now on. */
  private static List<JsonObject> syncEvents(TestService target) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    TestService.await(target.vertx().eventBus().<JsonObject>consumer(Addresses.SYNC_EVENTS, m -> events.add(m.body()))
        .completion());
    return events;
  }

  @Test
  void a_new_instance_shows_a_run_left_running_by_a_dead_one_as_failed() {
    long orphan = (Long) Sql.value(db, """
        INSERT INTO sync_runs (trigger, mode, status) VALUES ('schedule', 'full', 'running') RETURNING id""");

    service.restart();

    JsonObject run = service.get("/api/sonarr/sync/status").bodyAsJsonObject();
    assertThat(run.getLong("id")).isEqualTo(orphan);
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).contains("interrupted");
    assertThat(run.getString("finishedAt")).isNotNull();
  }

  @Test
  void a_run_left_running_by_a_dead_instance_is_shown_failed_by_a_live_one_while_no_instance_holds_the_lock() {
    service.fullSync();
    assertThat(Sql.count(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
        .as("the lock let go before the run's end was answered").isZero();
    // What an instance killed mid-run leaves behind; its lock died with its connection.
    long orphan = (Long) Sql.value(db, """
        INSERT INTO sync_runs (trigger, mode, status, series_total) VALUES ('schedule', 'full', 'running', 4) RETURNING id""");

    JsonObject status = service.get("/api/sonarr/sync/status").bodyAsJsonObject();

    assertThat(status.getLong("id")).isEqualTo(orphan);
    assertThat(status.getString("status")).isEqualTo("failed");
    assertThat(status.getString("error")).isEqualTo("interrupted: the service stopped before the run ended");
    assertThat(status.getString("finishedAt")).isNotNull();
    assertThat(Sql.count(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).as("locks left held").isZero();
  }

  @Test
  void the_runs_list_shows_a_run_left_running_by_a_dead_instance_as_failed() {
    service.fullSync();
    long orphan = (Long) Sql.value(db, """
        INSERT INTO sync_runs (trigger, mode, sonarr_series_id, status) VALUES ('webhook', 'series', 1, 'running') RETURNING id""");

    var failed = service.get("/api/sonarr/sync/runs?status=failed").bodyAsJsonArray();

    assertThat(failed).hasSize(1);
    assertThat(failed.getJsonObject(0).getLong("id")).isEqualTo(orphan);
    assertThat(service.get("/api/sonarr/sync/runs?status=running").bodyAsJsonArray()).isEmpty();
  }

  @Test
  void a_sync_requested_while_a_status_read_settles_a_run_left_running_starts_instead_of_answering_409()
      throws Exception {
    service.fullSync();
    long orphan = (Long) Sql.value(db, """
        INSERT INTO sync_runs (trigger, mode, status) VALUES ('schedule', 'full', 'running') RETURNING id""");

    try (java.sql.Connection other = io.autoanime.support.TestDatabases.jdbc(db)) {
      // Another session holds the orphan's row: the settle of the status read waits for it, mid-way.
      other.setAutoCommit(false);
      other.createStatement().execute("SELECT id FROM sync_runs WHERE id = " + orphan + " FOR UPDATE");
      var status = service.sendAsync(HttpMethod.GET, "/api/sonarr/sync/status", null, Map.of());
      Eventually.await("the status read settling the orphan", () -> sessionsWaitingToUpdateSyncRuns() == 1);

      var sync = service.sendAsync(HttpMethod.POST, "/api/sonarr/sync", null, Map.of());
      // The run waits for the orphan's row too (it settles runs left running as it starts), or is answered.
      Eventually.await("the sync request handled",
          () -> sync.isComplete() || sessionsWaitingToUpdateSyncRuns() == 2);
      other.rollback();

      assertThat(TestService.await(sync).statusCode()).as("the sync's answer").isEqualTo(202);
      assertThat(TestService.await(sync).bodyAsJsonObject().getBoolean("joined")).isFalse();
      assertThat(TestService.await(status).statusCode()).isEqualTo(200);
    }
    Eventually.await("the sync run ended",
        () -> Sql.count(db, "SELECT count(*) FROM sync_runs WHERE status = 'running'") == 0);
    assertThat(Sql.value(db, "SELECT status || ': ' || error FROM sync_runs WHERE id = " + orphan))
        .asString().startsWith("failed: interrupted");
    assertThat(Sql.value(db, "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1")).isEqualTo("succeeded");
  }

  private long sessionsWaitingToUpdateSyncRuns() {
    return Sql.count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND wait_event_type = 'Lock' AND query LIKE 'UPDATE sync_runs%'");
  }

  @Test
  void toggles_and_download_statuses_sent_from_every_path_during_a_sync_all_survive_it() {
    service.fullSync();
    sonarr.episodes(TestLibrary.FRIEREN).forEach(e -> ((JsonObject) e).put("overview", "rewritten by the sync"));
    sonarr.episodes(TestLibrary.TESTED).forEach(e -> ((JsonObject) e).put("overview", "rewritten by the sync"));
    Gate episodes = sonarr.hold(path -> path.equals("/api/v3/episode?seriesId=" + TestLibrary.FRIEREN)
        || path.equals("/api/v3/episode?seriesId=" + TestLibrary.TESTED));
    long frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");
    long tested = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 8");
    // Statuses go to episodes outside season 2014, the season switch to season 2014: two users' writes to
    // the same episode would leave whichever came last, which is not what this test is about.
    List<Long> testedEpisodes = Sql.rows(db, "SELECT e.id FROM series_episodes e WHERE e.series_id = " + tested
        + " AND e.season_number NOT IN (0, 2014) ORDER BY e.id LIMIT 40").stream().map(row -> (Long) row.get("id")).toList();
    assertThat(testedEpisodes).hasSize(40);

    var running = ask(service, new JsonObject().put("mode", "full"));
    episodes.awaitHeld(2); // the sync waits for both series' episodes before it writes them
    List<Future<?>> writes = new ArrayList<>();
    writes.add(service.sendAsync(HttpMethod.PATCH, "/api/series/" + frieren + "/auto-download",
        new JsonObject().put("enabled", true), Map.of()));
    writes.add(service.sendAsync(HttpMethod.PATCH, "/api/series/" + tested + "/seasons/2014/auto-download",
        new JsonObject().put("enabled", true), Map.of()));
    for (int i = 0; i < testedEpisodes.size(); i++) {
      long episode = testedEpisodes.get(i);
      if (i % 2 == 0) {
        writes.add(service.sendAsync(HttpMethod.PATCH, "/api/episodes/" + episode + "/download-status",
            new JsonObject().put("status", "downloaded").put("downloadedAt", "2026-11-01T10:00:00Z"), Map.of()));
      } else {
        writes.add(service.vertx().eventBus().request(Addresses.EPISODE_DOWNLOAD_STATUS,
            new JsonObject().put("episodeId", episode).put("status", "failed")));
      }
    }
    TestService.await(Future.all(writes));
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs WHERE status = 'running'"))
        .as("every write was made while the sync was running").isEqualTo(1);
    episodes.open();
    JsonObject run = TestService.await(running);

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts").getInteger("episodesUpdated")).isGreaterThanOrEqualTo(9 + 384);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE overview IS DISTINCT FROM 'rewritten by the sync'"
        + " AND series_id IN (" + frieren + ", " + tested + ")")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE series_id = " + frieren
        + " AND season_number > 0 AND NOT is_auto_download_enabled")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_seasons WHERE series_id = " + tested
        + " AND season_number = 2014 AND is_auto_download_enabled")).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE series_id = " + tested
        + " AND season_number = 2014 AND NOT is_auto_download_enabled")).isZero();
    for (int i = 0; i < testedEpisodes.size(); i++) {
      assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE id = " + testedEpisodes.get(i)))
          .isEqualTo(i % 2 == 0 ? "downloaded" : "failed");
    }
  }

  @Test
  void a_series_write_that_deadlocks_with_a_user_write_is_tried_again_and_the_run_succeeds() throws Exception {
    service.fullSync();
    sonarr.series(TestLibrary.FRIEREN).put("title", "Frieren (renamed)");
    sonarr.episodes(TestLibrary.FRIEREN).forEach(e -> ((JsonObject) e).put("title", "renamed upstream"));
    long episode = (Long) Sql.value(db, "SELECT id FROM series_episodes WHERE sonarr_episode_id = 1000001");
    long frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");

    try (java.sql.Connection user = io.autoanime.support.TestDatabases.jdbc(db)) {
      user.setAutoCommit(false);
      try (java.sql.Statement sql = user.createStatement()) {
        // This session checks for deadlocks late, so PostgreSQL aborts the sync's transaction instead.
        sql.execute("SET deadlock_timeout = '30s'");
        sql.executeUpdate("UPDATE series_episodes SET is_auto_download_enabled = true WHERE id = " + episode);
        var run = ask(service, new JsonObject().put("mode", "full"));
        awaitBlocked("INSERT INTO series_episodes");
        // The sync holds the series row and waits for the episode; this session now waits for the series row.
        sql.executeUpdate("UPDATE series SET is_auto_download_enabled = true WHERE id = " + frieren);
        user.commit();

        JsonObject finished = TestService.await(run);
        assertThat(finished.getString("status")).isEqualTo("succeeded");
        assertThat(finished.getJsonArray("failures")).isEmpty();
      }
    }
    assertThat(Sql.value(db, "SELECT title FROM series WHERE id = " + frieren)).isEqualTo("Frieren (renamed)");
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series WHERE id = " + frieren)).isEqualTo(true);
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled::text || title FROM series_episodes WHERE id = " + episode))
        .isEqualTo("truerenamed upstream");
  }

  private void awaitBlocked(String statement) {
    Eventually.await("a session blocked on " + statement, () -> Sql.count(db,
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%" + statement + "%'") > 0);
  }
}
