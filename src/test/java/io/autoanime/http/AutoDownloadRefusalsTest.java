package io.autoanime.http;

import static io.autoanime.http.AutoDownloadApiTest.ON;
import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Toggles and download-status reports the API refuses: each answers its error and changes nothing,
 * so the tests share one library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoDownloadRefusalsTest extends SyncedLibraryTest {
  private long frieren;

  @BeforeAll
  void findFrieren() {
    frieren = library.seriesId(TestLibrary.FRIEREN);
  }

  @Test
  void toggles_of_unknown_ids_answer_404_and_change_nothing() {
    String before = userState();
    long noSeries = Sql.count(library.service.database(), "SELECT max(id) + 1000 FROM series");
    long noEpisode = Sql.count(library.service.database(), "SELECT max(id) + 1000 FROM series_episodes");

    for (String path : List.of("/api/series/" + noSeries + "/auto-download",
        "/api/series/" + noSeries + "/seasons/1/auto-download",
        "/api/series/" + frieren + "/seasons/7/auto-download",
        "/api/episodes/" + noEpisode + "/auto-download")) {
      HttpResponse<Buffer> response = library.service.patch(path, ON);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(object(response).getString("error")).as(path).containsAnyOf(String.valueOf(noSeries),
          String.valueOf(noEpisode), "season 7");
    }
    HttpResponse<Buffer> status = library.service.patch("/api/episodes/" + noEpisode + "/download-status",
        "{\"status\":\"downloaded\"}");
    assertThat(status.statusCode()).isEqualTo(404);
    assertThat(userState()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"enabled\":\"yes\"}", "{\"enabled\":1}", "{\"enabled\":null}", "{}", "",
      "{\"enabled\":true,\"season\":2}", "{\"Enabled\":true}", "{\"enabled\":true", "[true]", "true", "\"enabled\"",
      "{\"enabled\":[true]}", "nonsense"})
  void bad_toggle_bodies_answer_400_naming_the_problem_and_change_nothing(String body) {
    String before = userState();
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 1);

    for (String path : List.of("/api/series/" + frieren + "/auto-download",
        "/api/series/" + frieren + "/seasons/1/auto-download",
        "/api/episodes/" + episode + "/auto-download")) {
      HttpResponse<Buffer> response = library.service.patch(path, body.isEmpty() ? null : body);
      assertThat(response.statusCode()).as(path + " " + body).isEqualTo(400);
      assertThat(object(response).getString("error")).as(path + " " + body).containsAnyOf("enabled", "JSON", "field");
    }
    assertThat(userState()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"status\":\"done\"}", "{\"status\":5}", "{\"status\":\"DOWNLOADED\"}",
      "{\"status\":\"downloaded\",\"downloadedAt\":\"yesterday\"}",
      "{\"status\":\"downloaded\",\"downloadedAt\":1714560000}",
      "{\"status\":\"downloaded\",\"downloadedAt\":\"2024-05-01T12:00:00\"}",
      "{\"status\":\"downloaded\",\"downloadedAt\":\"+10000-01-01T00:00:00Z\"}",
      "{\"status\":\"pending\",\"downloadedAt\":\"2024-05-01T12:00:00Z\"}",
      "{\"status\":\"downloaded\",\"episodeId\":3}", "{\"status\":\"downloaded\"", "[]"})
  void bad_download_status_bodies_answer_400_naming_the_problem_and_change_nothing(String body) {
    String before = userState();
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 1);

    HttpResponse<Buffer> response = library.service.patch("/api/episodes/" + episode + "/download-status", body);

    assertThat(response.statusCode()).as(body).isEqualTo(400);
    assertThat(object(response).getString("error")).containsAnyOf("status", "downloadedAt", "JSON", "field");
    assertThat(userState()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "0", "1.5", "99999999999999999999", "0x10"})
  void ids_that_are_not_positive_whole_numbers_answer_400(String id) {
    String before = userState();
    for (String path : List.of("/api/series/" + id + "/auto-download", "/api/episodes/" + id + "/auto-download",
        "/api/series/" + id + "/seasons/1/auto-download")) {
      HttpResponse<Buffer> response = library.service.patch(path, ON);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(object(response).getString("error")).contains("path parameter id");
    }
    HttpResponse<Buffer> status = library.service.patch("/api/episodes/" + id + "/download-status", "{\"status\":\"failed\"}");
    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(userState()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "one", "2147483648", "1.0"})
  void season_numbers_that_are_not_whole_numbers_from_zero_answer_400(String seasonNumber) {
    HttpResponse<Buffer> response = library.service.patch(
        "/api/series/" + frieren + "/seasons/" + seasonNumber + "/auto-download", ON);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(object(response).getString("error")).contains("seasonNumber");
  }

  /** Every user-controlled value in the library, to show a request changed nothing. */
  private String userState() {
    return Sql.rows(library.service.database(), """
        SELECT 'series' AS t, id, is_auto_download_enabled, auto_download_status, NULL::timestamptz AS downloaded_at, xmin::text
          FROM series
        UNION ALL
        SELECT 'season', id, is_auto_download_enabled, auto_download_status, NULL, xmin::text FROM series_seasons
        UNION ALL
        SELECT 'episode', id, is_auto_download_enabled, auto_download_status, downloaded_at, xmin::text
          FROM series_episodes
         ORDER BY 1, 2""").toString();
  }
}
