package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoanime.bus.Addresses;
import io.autoanime.support.Eventually;
import io.autoanime.support.Gate;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Single flight: one run at a time, requests it covers join it, the rest run after it. */
class SyncRequestsTest extends ServiceTest {

  private Future<JsonObject> ask(JsonObject body) {
    return service.vertx().eventBus().<JsonObject>request(Addresses.SYNC, body, new DeliveryOptions().setSendTimeout(60_000))
        .map(reply -> reply.body());
  }

  /**
   * Sends a request that the running run covers and that does not wait for its end: its answer comes
   * once every request sent before it has been handled (the bus delivers them in order).
   */
  private void awaitHandled(JsonObject coveredByTheRunningRun) {
    TestService.await(ask(coveredByTheRunningRun.copy().put("wait", false)));
  }

  @Test
  void requests_made_during_a_full_run_join_it_and_sonarr_is_asked_once() {
    Gate seriesList = sonarr.hold("/api/v3/series");

    var first = ask(new JsonObject().put("mode", "full"));
    var second = ask(new JsonObject().put("mode", "full"));
    var seriesRequest = ask(new JsonObject().put("mode", "series").put("sonarrSeriesId", 1));
    var newRequest = ask(new JsonObject().put("mode", "new"));
    seriesList.awaitHeld(1);
    awaitHandled(new JsonObject().put("mode", "full"));
    seriesList.open();

    JsonObject a = TestService.await(first);
    assertThat(TestService.await(second).getLong("id")).isEqualTo(a.getLong("id"));
    assertThat(TestService.await(seriesRequest).getLong("id")).isEqualTo(a.getLong("id"));
    assertThat(TestService.await(newRequest).getLong("id")).isEqualTo(a.getLong("id"));
    assertThat(a.getBoolean("joined")).isFalse();
    assertThat(TestService.await(second).getBoolean("joined")).isTrue();
    assertThat(sonarr.requests().stream().filter("/api/v3/series"::equals)).hasSize(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isEqualTo(1);
  }

  @Test
  void a_request_the_running_run_does_not_cover_starts_right_after_it() {
    Gate frieren = sonarr.hold("/api/v3/series/1");

    var seriesRun = ask(new JsonObject().put("mode", "series").put("sonarrSeriesId", 1));
    frieren.awaitHeld(1);
    var fullRun = ask(new JsonObject().put("mode", "full"));
    awaitHandled(new JsonObject().put("mode", "series").put("sonarrSeriesId", 1));
    frieren.open();

    JsonObject series = TestService.await(seriesRun);
    JsonObject full = TestService.await(fullRun);
    assertThat(full.getLong("id")).isNotEqualTo(series.getLong("id"));
    assertThat(full.getString("startedAt")).isGreaterThanOrEqualTo(series.getString("finishedAt"));
    assertThat(full.getString("mode")).isEqualTo("full");
  }

  @Test
  void a_request_sent_the_moment_a_run_ends_gets_a_run_of_its_own() {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (int i = 0; i < 15; i++) {
      ids.add(service.fullSync().getLong("id"));
    }
    assertThat(ids).hasSize(15);
  }

  @Test
  void wait_false_answers_at_once_with_the_running_run() {
    Gate seriesList = sonarr.hold("/api/v3/series");

    JsonObject started = TestService.await(ask(new JsonObject().put("wait", false)));

    assertThat(started.getString("status")).isEqualTo("running");
    assertThat(started.getString("trigger")).isEqualTo("eventbus");
    assertThat(started.getString("finishedAt")).isNull();
    var waitingForTheEnd = ask(new JsonObject().put("mode", "full"));
    awaitHandled(new JsonObject().put("mode", "full"));
    seriesList.open();
    JsonObject finished = TestService.await(waitingForTheEnd);
    assertThat(finished.getLong("id")).isEqualTo(started.getLong("id"));
    assertThat(finished.getString("status")).isEqualTo("succeeded");
  }

  @Test
  void progress_and_the_end_of_a_run_are_published() {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    TestService.await(service.vertx().eventBus().<JsonObject>consumer(Addresses.SYNC_EVENTS, m -> events.add(m.body()))
        .completion());

    JsonObject run = service.fullSync();

    // The end is published just before the run is answered, to another consumer: it may arrive a moment later.
    Eventually.await("the finished event", () -> events.stream().anyMatch(e -> "finished".equals(e.getString("type"))));
    assertThat(events).extracting(e -> e.getString("type")).startsWith("started").endsWith("finished");
    assertThat(events.get(events.size() - 1).getJsonObject("run").getJsonObject("counts"))
        .isEqualTo(run.getJsonObject("counts"));
  }

  @Test
  void bad_requests_fail_with_400_and_start_nothing() {
    for (JsonObject bad : List.of(
        new JsonObject().put("mode", "everything"),
        new JsonObject().put("mode", "series"),
        new JsonObject().put("mode", "series").put("sonarrSeriesId", -3),
        new JsonObject().put("mode", "series").put("sonarrSeriesId", "1"),
        new JsonObject().put("mode", "full").put("sonarrSeriesId", 1),
        new JsonObject().put("wait", "yes"),
        new JsonObject().put("colour", "blue"))) {
      ReplyException failure = catchThrowableOfType(ReplyException.class, () -> TestService.await(ask(bad)));
      assertThat(failure.failureCode()).as(bad.encode()).isEqualTo(400);
      assertThat(failure.getMessage()).isNotBlank();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isZero();
    assertThat(sonarr.requests()).isEmpty();
  }

  @Test
  void the_http_routes_start_runs_and_show_the_ledger() {
    assertThat(service.get("/api/sonarr/sync/status").statusCode()).isEqualTo(404);

    var accepted = service.post("/api/sonarr/sync", new JsonObject().put("mode", "full"));
    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonObject run = accepted.bodyAsJsonObject();
    assertThat(run.getString("trigger")).isEqualTo("http");
    assertThat(run.fieldNames()).contains("id", "trigger", "mode", "status", "startedAt", "finishedAt", "progress",
        "counts", "failures", "error");
    service.fullSync();

    assertThat(service.get("/api/sonarr/sync/status").bodyAsJsonObject().getString("status")).isEqualTo("succeeded");
    assertThat(service.post("/api/sonarr/sync", null).statusCode()).isEqualTo(202);
    service.fullSync();
    JsonArray runs = service.get("/api/sonarr/sync/runs?limit=1").bodyAsJsonArray();
    assertThat(runs).hasSize(1);
    assertThat(runs.getJsonObject(0).getLong("id")).isEqualTo(2L);

    service.restart();
    assertThat(service.get("/api/sonarr/sync/runs").bodyAsJsonArray()).hasSize(2);
  }

  @Test
  void the_http_sync_route_rejects_bad_bodies_and_queries() {
    assertThat(service.post("/api/sonarr/sync", "{not json").statusCode()).isEqualTo(400);
    assertThat(service.post("/api/sonarr/sync", "[1]").statusCode()).isEqualTo(400);
    assertThat(service.post("/api/sonarr/sync", new JsonObject().put("mode", "series")).statusCode()).isEqualTo(400);
    assertThat(service.post("/api/sonarr/sync", new JsonObject().put("mode", 3)).statusCode()).isEqualTo(400);
    assertThat(service.post("/api/sonarr/sync", new JsonObject().put("extra", true)).statusCode()).isEqualTo(400);
    assertThat(service.get("/api/sonarr/sync/runs?limit=abc").statusCode()).isEqualTo(400);
    assertThat(service.get("/api/sonarr/sync/runs?limit=0").statusCode()).isEqualTo(400);
    assertThat(service.post("/api/sonarr/sync", "{not json").bodyAsJsonObject().getString("error")).contains("JSON");
    assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isZero();
  }

  @Test
  void sonarr_status_reports_version_and_the_key_is_never_echoed() {
    var status = service.get("/api/sonarr/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.bodyAsJsonObject().getString("version")).isEqualTo("3.0.10.1567");
    assertThat(status.bodyAsString()).doesNotContain(io.autoanime.support.FakeSonarr.API_KEY);

    sonarr.failNext("/api/v3/system/status", 401);
    var refused = service.get("/api/sonarr/status");
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("refused the API key");
    assertThat(refused.bodyAsString()).doesNotContain(io.autoanime.support.FakeSonarr.API_KEY);
  }
}
