package io.autoanime.http;

import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Toggles and download-status reports that change the library (refused ones: {@link AutoDownloadRefusalsTest}). */
class AutoDownloadApiTest extends SyncedLibraryTest {
  static final String ON = "{\"enabled\":true}";
  static final String OFF = "{\"enabled\":false}";

  private long frieren;

  @BeforeEach
  void findFrieren() {
    frieren = library.seriesId(TestLibrary.FRIEREN);
  }

  @Test
  void a_series_toggle_switches_the_series_its_seasons_and_their_episodes_but_leaves_specials_alone() {
    HttpResponse<Buffer> response = library.service.patch("/api/series/" + frieren + "/auto-download", ON);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject series = object(response);
    assertThat(series.getLong("id")).isEqualTo(frieren);
    assertThat(series.getBoolean("isAutoDownloadEnabled")).isTrue();
    assertThat(series.getString("autoDownloadStatus")).isEqualTo("pending");
    for (Object item : series.getJsonArray("seasons")) {
      JsonObject season = (JsonObject) item;
      boolean specials = season.getInteger("seasonNumber") == 0;
      assertThat(season.getBoolean("isAutoDownloadEnabled")).isEqualTo(!specials);
      assertThat(season.getString("autoDownloadStatus")).isEqualTo(specials ? "disabled" : "pending");
    }
    assertThat(episodeStates(frieren)).allSatisfy(e -> {
      boolean specials = (Integer) e.get("season_number") == 0;
      assertThat(e.get("is_auto_download_enabled")).isEqualTo(!specials);
      assertThat(e.get("auto_download_status")).isEqualTo(specials ? "disabled" : "pending");
    });
    assertThat(Sql.count(library.service.database(),
        "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled AND series_id <> " + frieren)).isZero();
  }

  @Test
  void switching_a_series_off_leaves_specials_switched_on_by_hand_alone() {
    library.service.patch("/api/series/" + frieren + "/seasons/0/auto-download", ON);
    library.service.patch("/api/series/" + frieren + "/auto-download", ON);

    HttpResponse<Buffer> response = library.service.patch("/api/series/" + frieren + "/auto-download", OFF);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(object(response).getString("autoDownloadStatus")).isEqualTo("disabled");
    assertThat(episodeStates(frieren)).allSatisfy(e -> {
      boolean specials = (Integer) e.get("season_number") == 0;
      assertThat(e.get("is_auto_download_enabled")).isEqualTo(specials);
      assertThat(e.get("auto_download_status")).isEqualTo(specials ? "pending" : "disabled");
    });
  }

  @Test
  void a_season_toggle_changes_that_season_and_its_episodes_only() {
    HttpResponse<Buffer> response = library.service.patch("/api/series/" + frieren + "/seasons/2/auto-download", ON);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject season = object(response);
    assertThat(season.getInteger("seasonNumber")).isEqualTo(2);
    assertThat(season.getBoolean("isAutoDownloadEnabled")).isTrue();
    assertThat(season.getString("autoDownloadStatus")).isEqualTo("pending");
    JsonArray episodes = season.getJsonArray("episodes");
    long inSeasonTwo = library.sonarr.episodes(TestLibrary.FRIEREN).stream()
        .filter(e -> ((JsonObject) e).getInteger("seasonNumber") == 2).count();
    assertThat(episodes).hasSize((int) inSeasonTwo);
    assertThat(episodes.stream().map(e -> ((JsonObject) e).getString("autoDownloadStatus"))).containsOnly("pending");
    assertThat(episodeStates(frieren)).allSatisfy(e ->
        assertThat(e.get("is_auto_download_enabled")).isEqualTo((Integer) e.get("season_number") == 2));
    assertThat(Sql.value(library.service.database(), "SELECT is_auto_download_enabled FROM series WHERE id = " + frieren))
        .isEqualTo(false);
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series_seasons WHERE is_auto_download_enabled"))
        .isEqualTo(1);
  }

  @Test
  void a_season_toggle_can_switch_specials_on() {
    HttpResponse<Buffer> response = library.service.patch("/api/series/" + frieren + "/seasons/0/auto-download", ON);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(object(response).getJsonArray("episodes").stream().map(e -> ((JsonObject) e).getBoolean("isAutoDownloadEnabled")))
        .containsOnly(true);
  }

  @Test
  void an_episode_toggle_changes_that_episode_only() {
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 3);

    HttpResponse<Buffer> response = library.service.patch("/api/episodes/" + episode + "/auto-download", ON);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject answer = object(response);
    assertThat(answer.fieldNames()).containsExactlyInAnyOrderElementsOf(SeriesReadApiTest.EPISODE_FIELDS);
    assertThat(answer.getLong("id")).isEqualTo(episode);
    assertThat(answer.getBoolean("isAutoDownloadEnabled")).isTrue();
    assertThat(answer.getString("autoDownloadStatus")).isEqualTo("pending");
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled"))
        .isEqualTo(1);
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series_seasons WHERE is_auto_download_enabled"))
        .isZero();
  }

  @Test
  void a_downloaded_episode_keeps_its_status_and_downloaded_at_through_every_toggle() {
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 2);
    String downloadedAt = "2024-03-01T20:15:30Z";
    HttpResponse<Buffer> reported = library.service.patch("/api/episodes/" + episode + "/download-status",
        new JsonObject().put("status", "downloaded").put("downloadedAt", downloadedAt));
    assertThat(object(reported).getString("downloadedAt")).isEqualTo(downloadedAt);

    for (String[] toggle : new String[][] {
        {"/api/series/" + frieren + "/auto-download", ON},
        {"/api/series/" + frieren + "/auto-download", OFF},
        {"/api/series/" + frieren + "/seasons/1/auto-download", ON},
        {"/api/series/" + frieren + "/seasons/1/auto-download", OFF},
        {"/api/episodes/" + episode + "/auto-download", ON},
        {"/api/episodes/" + episode + "/auto-download", OFF}}) {
      assertThat(library.service.patch(toggle[0], toggle[1]).statusCode()).isEqualTo(200);
      JsonObject state = episode(episode);
      assertThat(state.getString("autoDownloadStatus")).as(toggle[0] + " " + toggle[1]).isEqualTo("downloaded");
      assertThat(state.getString("downloadedAt")).as(toggle[0] + " " + toggle[1]).isEqualTo(downloadedAt);
      assertThat(state.getBoolean("isAutoDownloadEnabled")).isEqualTo(toggle[1].equals(ON));
    }
  }

  @Test
  void an_episode_whose_download_runs_stays_downloading_when_its_season_or_series_is_switched_on() {
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 2);
    library.service.patch("/api/episodes/" + episode + "/auto-download", ON);
    library.service.patch("/api/episodes/" + episode + "/download-status", "{\"status\":\"downloading\"}");

    for (String toggle : List.of("/api/series/" + frieren + "/seasons/1/auto-download",
        "/api/series/" + frieren + "/auto-download", "/api/episodes/" + episode + "/auto-download")) {
      assertThat(library.service.patch(toggle, ON).statusCode()).isEqualTo(200);
      assertThat(episode(episode).getString("autoDownloadStatus")).as(toggle).isEqualTo("downloading");
    }
    assertThat(episode(library.episodeId(TestLibrary.FRIEREN, 1, 3)).getString("autoDownloadStatus"))
        .as("the season's other episodes").isEqualTo("pending");

    library.service.patch("/api/episodes/" + episode + "/auto-download", OFF);
    assertThat(episode(episode).getString("autoDownloadStatus")).as("switched off").isEqualTo("disabled");
  }

  @Test
  void a_download_status_report_is_recorded_and_downloaded_without_a_time_stamps_now() {
    long episode = library.episodeId(TestLibrary.FRIEREN, 2, 1);

    HttpResponse<Buffer> downloading = library.service.patch("/api/episodes/" + episode + "/download-status",
        "{\"status\":\"downloading\"}");
    assertThat(downloading.statusCode()).isEqualTo(200);
    assertThat(object(downloading).getString("autoDownloadStatus")).isEqualTo("downloading");
    assertThat(object(downloading).getValue("downloadedAt")).isNull();

    Instant before = Instant.now().minusSeconds(5);
    HttpResponse<Buffer> downloaded = library.service.patch("/api/episodes/" + episode + "/download-status",
        "{\"status\":\"downloaded\"}");
    Instant after = Instant.now().plusSeconds(5);
    assertThat(downloaded.statusCode()).isEqualTo(200);
    Instant stamped = Instant.parse(object(downloaded).getString("downloadedAt"));
    assertThat(stamped).isBetween(before, after);
    assertThat(episode(episode).getString("autoDownloadStatus")).isEqualTo("downloaded");
    assertThat(episode(episode).getBoolean("isAutoDownloadEnabled")).isFalse();
  }

  @Test
  void a_download_time_with_an_offset_is_kept_as_that_instant() {
    long episode = library.episodeId(TestLibrary.FRIEREN, 2, 1);

    HttpResponse<Buffer> response = library.service.patch("/api/episodes/" + episode + "/download-status",
        "{\"status\":\"downloaded\",\"downloadedAt\":\"2024-05-01T14:00:00+02:00\"}");

    assertThat(object(response).getString("downloadedAt")).isEqualTo("2024-05-01T12:00:00Z");
  }

  @Test
  void reporting_any_other_status_after_downloaded_clears_the_download_time() {
    long episode = library.episodeId(TestLibrary.FRIEREN, 2, 1);
    library.service.patch("/api/episodes/" + episode + "/download-status", "{\"status\":\"downloaded\"}");

    HttpResponse<Buffer> response = library.service.patch("/api/episodes/" + episode + "/download-status",
        "{\"status\":\"failed\"}");

    assertThat(object(response).getString("autoDownloadStatus")).isEqualTo("failed");
    assertThat(object(response).getValue("downloadedAt")).isNull();
  }

  @Test
  void a_repeated_toggle_writes_no_row() {
    library.service.patch("/api/series/" + frieren + "/auto-download", ON);
    String versions = Sql.rows(library.service.database(),
        "SELECT id, xmin::text FROM series_episodes WHERE series_id = " + frieren + " ORDER BY id").toString();

    assertThat(library.service.patch("/api/series/" + frieren + "/auto-download", ON).statusCode()).isEqualTo(200);

    assertThat(Sql.rows(library.service.database(),
        "SELECT id, xmin::text FROM series_episodes WHERE series_id = " + frieren + " ORDER BY id").toString())
        .isEqualTo(versions);
  }

  private JsonObject episode(long episodeId) {
    long series = Sql.count(library.service.database(), "SELECT series_id FROM series_episodes WHERE id = " + episodeId);
    return new JsonArray(library.service.get("/api/series/" + series + "/episodes").bodyAsString()).stream()
        .map(e -> (JsonObject) e).filter(e -> e.getLong("id") == episodeId).findFirst().orElseThrow();
  }

  private List<Map<String, Object>> episodeStates(long seriesId) {
    return Sql.rows(library.service.database(), """
        SELECT season_number, is_auto_download_enabled, auto_download_status FROM series_episodes
         WHERE series_id = %d ORDER BY id""".formatted(seriesId));
  }
}
