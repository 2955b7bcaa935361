package io.autoanime.http;

import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesActionApiTest extends SyncedLibraryTest {
  private long frieren;

  @BeforeEach
  void findFrieren() {
    frieren = library.seriesId(TestLibrary.FRIEREN);
  }

  @Test
  void syncing_one_series_answers_202_with_a_series_run_for_its_sonarr_id() {
    library.sonarr.put(library.sonarr.series(TestLibrary.FRIEREN).copy().put("overview", "Changed in Sonarr"),
        library.sonarr.episodes(TestLibrary.FRIEREN));

    HttpResponse<Buffer> response = library.service.post("/api/series/" + frieren + "/sync", null);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonObject run = object(response);
    assertThat(run.getString("mode")).isEqualTo("series");
    assertThat(run.getLong("sonarrSeriesId")).isEqualTo(TestLibrary.FRIEREN);
    assertThat(run.getString("trigger")).isEqualTo("http");
    JsonObject finished = library.awaitIdle();
    assertThat(finished.getLong("id")).isEqualTo(run.getLong("id"));
    assertThat(finished.getString("status")).isEqualTo("succeeded");
    assertThat(object(library.service.get("/api/series/" + frieren)).getString("overview")).isEqualTo("Changed in Sonarr");
  }

  @Test
  void an_empty_json_object_is_accepted_as_no_body() {
    assertThat(library.service.post("/api/series/" + frieren + "/sync", "{}").statusCode()).isEqualTo(202);
    library.awaitIdle();
  }

  @Test
  void refreshing_a_series_sends_sonarr_refresh_series_then_syncs_it() {
    HttpResponse<Buffer> response = library.service.post("/api/series/" + frieren + "/refresh", null);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(library.sonarr.commands()).containsExactly(
        new JsonObject().put("name", "RefreshSeries").put("seriesId", TestLibrary.FRIEREN));
    JsonObject run = object(response);
    assertThat(run.getString("mode")).isEqualTo("series");
    assertThat(run.getLong("sonarrSeriesId")).isEqualTo(TestLibrary.FRIEREN);
    assertThat(library.awaitIdle().getString("status")).isEqualTo("succeeded");
  }

  @Test
  void a_refresh_sonarr_refuses_answers_502_and_starts_no_sync() {
    long runs = Sql.count(library.service.database(), "SELECT count(*) FROM sync_runs");
    library.sonarr.failNext("/api/v3/command", 500);

    HttpResponse<Buffer> response = library.service.post("/api/series/" + frieren + "/refresh", null);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(object(response).getString("error")).contains("RefreshSeries").contains("500");
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM sync_runs")).isEqualTo(runs);
  }

  @Test
  void a_refresh_while_sonarr_is_down_answers_502() {
    library.sonarr.stop();

    HttpResponse<Buffer> response = library.service.post("/api/series/" + frieren + "/refresh", null);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(object(response).getString("error")).contains("Sonarr");
    library.sonarr.start();
  }

  @Test
  void per_series_actions_answer_404_for_an_unknown_series() {
    long unknown = Sql.count(library.service.database(), "SELECT max(id) + 1000 FROM series");
    for (String action : List.of("sync", "refresh")) {
      HttpResponse<Buffer> response = library.service.post("/api/series/" + unknown + "/" + action, null);
      assertThat(response.statusCode()).as(action).isEqualTo(404);
      assertThat(object(response).getString("error")).contains(String.valueOf(unknown));
    }
    assertThat(library.sonarr.commands()).isEmpty();
  }

  @Test
  void per_series_actions_answer_409_for_a_series_detached_from_sonarr() {
    Sql.update(library.service.database(),
        "UPDATE series SET sonarr_id = NULL, removed_from_sonarr_at = now() WHERE id = " + frieren);
    for (String action : List.of("sync", "refresh")) {
      HttpResponse<Buffer> response = library.service.post("/api/series/" + frieren + "/" + action, null);
      assertThat(response.statusCode()).as(action).isEqualTo(409);
      assertThat(object(response).getString("error")).contains("detached");
    }
    assertThat(library.sonarr.commands()).isEmpty();
  }

  @Test
  void per_series_actions_take_no_body_fields_and_check_their_ids() {
    for (String action : List.of("sync", "refresh")) {
      HttpResponse<Buffer> withField = library.service.post("/api/series/" + frieren + "/" + action, "{\"mode\":\"full\"}");
      assertThat(withField.statusCode()).as(action).isEqualTo(400);
      assertThat(object(withField).getString("error")).contains("mode");
      HttpResponse<Buffer> badId = library.service.post("/api/series/x1/" + action, null);
      assertThat(badId.statusCode()).as(action).isEqualTo(400);
      assertThat(object(badId).getString("error")).contains("path parameter id");
    }
    assertThat(library.sonarr.commands()).isEmpty();
  }

  @Test
  void without_sonarr_settings_per_series_actions_answer_502_with_a_clear_error() {
    try (TestService unconfigured = TestService.start(TestDatabases.fresh(), TestService.settingsFor(null))) {
      Sql.update(unconfigured.database(), "INSERT INTO series (sonarr_id, title) VALUES (77, 'Kept from before')");
      long id = Sql.count(unconfigured.database(), "SELECT id FROM series WHERE sonarr_id = 77");
      for (String action : List.of("sync", "refresh")) {
        HttpResponse<Buffer> response = unconfigured.post("/api/series/" + id + "/" + action, null);
        assertThat(response.statusCode()).as(action).isEqualTo(502);
        assertThat(object(response).getString("error")).contains("not configured").contains("SONARR_URL");
      }
    }
  }
}
