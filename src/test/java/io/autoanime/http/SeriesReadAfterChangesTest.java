package io.autoanime.http;

import static io.autoanime.http.SeriesReadApiTest.SERIES_LIST_ITEM_FIELDS;
import static io.autoanime.http.SeriesReadApiTest.episodesPerSeason;
import static io.autoanime.http.SeriesReadApiTest.find;
import static io.autoanime.support.SyncedLibrary.Json.array;
import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Fixtures;
import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the read routes show once the user or a later sync changed the library: a fresh library for each test. */
class SeriesReadAfterChangesTest extends SyncedLibraryTest {

  @Test
  void the_series_list_counts_each_series_auto_download_states() {
    long frieren = library.seriesId(TestLibrary.FRIEREN);
    assertThat(library.service.patch("/api/series/" + frieren + "/auto-download", "{\"enabled\":true}").statusCode()).isEqualTo(200);
    setStatus(library.episodeId(TestLibrary.FRIEREN, 1, 1), "downloading");
    setStatus(library.episodeId(TestLibrary.FRIEREN, 1, 2), "downloaded");
    setStatus(library.episodeId(TestLibrary.FRIEREN, 1, 3), "failed");
    setStatus(library.episodeId(TestLibrary.FRIEREN, 0, 1), "skipped");

    JsonObject counters = find(array(library.service.get("/api/series")), TestLibrary.FRIEREN).getJsonObject("autoDownload");

    // 8 regular episodes switched on by the series toggle (the special stays off); 3 of them then reported.
    long regular = Sql.count(library.service.database(),
        "SELECT count(*) FROM series_episodes WHERE series_id = " + frieren + " AND season_number <> 0");
    assertThat(counters.getLong("enabled")).isEqualTo(regular);
    assertThat(counters.getLong("pending")).isEqualTo(regular - 3);
    assertThat(counters.getLong("downloading")).isEqualTo(1);
    assertThat(counters.getLong("downloaded")).isEqualTo(1);
    assertThat(counters.getLong("failed")).isEqualTo(1);
    JsonObject untouched = find(array(library.service.get("/api/series")), TestLibrary.TESTED).getJsonObject("autoDownload");
    assertThat(untouched.getMap().values()).allMatch(value -> ((Number) value).longValue() == 0);
  }

  @Test
  void removed_series_are_hidden_unless_asked_for() {
    library.sonarr.remove(TestLibrary.AERIAL_AFRICA);
    assertThat(library.service.fullSync().getJsonObject("counts").getInteger("seriesMarkedRemoved")).isEqualTo(1);

    JsonArray shown = array(library.service.get("/api/series"));
    JsonArray all = array(library.service.get("/api/series?includeRemoved=true"));

    assertThat(shown).hasSize(TestLibrary.STANDARD_SERIES - 1);
    assertThat(find(shown, TestLibrary.AERIAL_AFRICA)).isNull();
    assertThat(all).hasSize(TestLibrary.STANDARD_SERIES);
    assertThat(find(all, TestLibrary.AERIAL_AFRICA).getString("removedFromSonarrAt")).isNotNull();
    assertThat(array(library.service.get("/api/series?includeRemoved=false"))).isEqualTo(shown);
    long africa = library.seriesId(TestLibrary.AERIAL_AFRICA);
    JsonObject removed = object(library.service.get("/api/series/" + africa));
    assertThat(removed.getString("removedFromSonarrAt")).isNotNull();
  }

  @Test
  void last_synced_at_is_when_the_latest_run_that_covered_the_series_finished() {
    JsonObject firstRun = latestRun();
    assertThat(array(library.service.get("/api/series")).stream().map(item -> ((JsonObject) item).getString("lastSyncedAt")))
        .containsOnly(firstRun.getString("finishedAt"));

    long frieren = library.seriesId(TestLibrary.FRIEREN);
    assertThat(library.service.post("/api/series/" + frieren + "/sync", null).statusCode()).isEqualTo(202);
    JsonObject seriesRun = library.awaitIdle();
    assertThat(seriesRun.getString("mode")).isEqualTo("series");
    JsonArray afterSeriesRun = array(library.service.get("/api/series"));
    assertThat(find(afterSeriesRun, TestLibrary.FRIEREN).getString("lastSyncedAt")).isEqualTo(seriesRun.getString("finishedAt"));
    assertThat(find(afterSeriesRun, TestLibrary.TESTED).getString("lastSyncedAt")).isEqualTo(firstRun.getString("finishedAt"));

    // Aerial Africa's episodes fail (every retry too): a partial run that did not cover it.
    library.sonarr.failNext("/api/v3/episode?seriesId=" + TestLibrary.AERIAL_AFRICA, 10,
        request -> request.response().setStatusCode(500).end());
    assertThat(library.service.fullSync().getString("status")).isEqualTo("partial");
    JsonObject partialRun = latestRun();
    JsonArray afterPartial = array(library.service.get("/api/series"));
    assertThat(find(afterPartial, TestLibrary.AERIAL_AFRICA).getString("lastSyncedAt")).isEqualTo(firstRun.getString("finishedAt"));
    assertThat(find(afterPartial, TestLibrary.FRIEREN).getString("lastSyncedAt")).isEqualTo(partialRun.getString("finishedAt"));
    assertThat(find(afterPartial, TestLibrary.TESTED).getString("lastSyncedAt")).isEqualTo(partialRun.getString("finishedAt"));
  }

  @Test
  void one_series_shows_its_images_alternate_titles_and_seasons_with_counters() {
    long frieren = library.seriesId(TestLibrary.FRIEREN);
    library.service.patch("/api/series/" + frieren + "/seasons/2/auto-download", "{\"enabled\":true}");

    JsonObject series = object(library.service.get("/api/series/" + frieren));

    JsonObject sonarrFrieren = Fixtures.frieren();
    assertThat(series.fieldNames()).containsAll(SERIES_LIST_ITEM_FIELDS).contains("images", "alternateTitles", "seasons",
        "overview", "genres", "path", "createdAt", "updatedAt");
    assertThat(series.getString("overview")).isEqualTo(sonarrFrieren.getString("overview"));
    assertThat(series.getJsonArray("genres").getList()).isEqualTo(sonarrFrieren.getJsonArray("genres").getList());
    assertThat(series.getJsonArray("images").stream().map(i -> ((JsonObject) i).getString("coverType")))
        .containsExactlyInAnyOrderElementsOf(sonarrFrieren.getJsonArray("images").stream()
            .map(i -> ((JsonObject) i).getString("coverType")).toList());
    assertThat(series.getJsonArray("alternateTitles").stream().map(t -> ((JsonObject) t).getString("title")))
        .containsExactlyInAnyOrderElementsOf(sonarrFrieren.getJsonArray("alternateTitles").stream()
            .map(t -> ((JsonObject) t).getString("title")).toList());
    JsonArray seasons = series.getJsonArray("seasons");
    assertThat(seasons.stream().map(s -> ((JsonObject) s).getInteger("seasonNumber")))
        .containsExactlyElementsOf(sonarrFrieren.getJsonArray("seasons").stream()
            .map(s -> ((JsonObject) s).getInteger("seasonNumber")).sorted().toList());
    Map<Integer, Long> episodesPerSeason = episodesPerSeason(library.sonarr.episodes(TestLibrary.FRIEREN));
    for (Object item : seasons) {
      JsonObject season = (JsonObject) item;
      int number = season.getInteger("seasonNumber");
      boolean on = number == 2;
      assertThat(season.getBoolean("isAutoDownloadEnabled")).isEqualTo(on);
      assertThat(season.getJsonObject("autoDownload").getLong("enabled")).isEqualTo(on ? episodesPerSeason.get(number) : 0);
      assertThat(season.getJsonObject("autoDownload").getLong("pending")).isEqualTo(on ? episodesPerSeason.get(number) : 0);
    }
  }

  @Test
  void images_titles_and_seasons_sonarr_dropped_are_hidden_unless_asked_for() {
    JsonObject changed = Fixtures.frieren();
    changed.getJsonArray("images").remove(0);
    changed.getJsonArray("alternateTitles").remove(0);
    changed.put("seasons", new JsonArray(changed.getJsonArray("seasons").stream()
        .filter(s -> ((JsonObject) s).getInteger("seasonNumber") != 2).toList()));
    JsonArray withoutSeasonTwo = new JsonArray(library.sonarr.episodes(TestLibrary.FRIEREN).stream()
        .filter(e -> ((JsonObject) e).getInteger("seasonNumber") != 2).toList());
    library.sonarr.put(changed, withoutSeasonTwo);
    library.service.fullSync();
    long frieren = library.seriesId(TestLibrary.FRIEREN);

    JsonObject shown = object(library.service.get("/api/series/" + frieren));
    JsonObject all = object(library.service.get("/api/series/" + frieren + "?includeRemoved=true"));

    int images = Fixtures.frieren().getJsonArray("images").size();
    int titles = Fixtures.frieren().getJsonArray("alternateTitles").size();
    int seasons = Fixtures.frieren().getJsonArray("seasons").size();
    assertThat(shown.getJsonArray("images")).hasSize(images - 1);
    assertThat(shown.getJsonArray("alternateTitles")).hasSize(titles - 1);
    assertThat(shown.getJsonArray("seasons")).hasSize(seasons - 1);
    assertThat(all.getJsonArray("images")).hasSize(images);
    assertThat(all.getJsonArray("alternateTitles")).hasSize(titles);
    assertThat(all.getJsonArray("seasons")).hasSize(seasons);
    assertThat(all.getJsonArray("seasons").stream().map(s -> (JsonObject) s)
        .filter(s -> s.getString("removedFromSonarrAt") != null).map(s -> s.getInteger("seasonNumber"))).containsExactly(2);
  }

  @Test
  void episodes_sonarr_dropped_are_hidden_unless_asked_for() {
    JsonArray fewer = library.sonarr.episodes(TestLibrary.AERIAL_AFRICA).copy();
    long droppedId = fewer.getJsonObject(0).getLong("id");
    fewer.remove(0);
    library.sonarr.put(library.sonarr.series(TestLibrary.AERIAL_AFRICA), fewer);
    library.service.fullSync();
    long africa = library.seriesId(TestLibrary.AERIAL_AFRICA);

    JsonArray shown = array(library.service.get("/api/series/" + africa + "/episodes"));
    JsonArray all = array(library.service.get("/api/series/" + africa + "/episodes?includeRemoved=true"));

    assertThat(shown.stream().map(e -> ((JsonObject) e).getLong("sonarrEpisodeId"))).doesNotContain(droppedId);
    assertThat(all.stream().map(e -> (JsonObject) e).filter(e -> e.getString("removedFromSonarrAt") != null)
        .map(e -> e.getLong("sonarrEpisodeId"))).containsExactly(droppedId);
  }

  private JsonObject latestRun() {
    return array(library.service.get("/api/sonarr/sync/runs?limit=1")).getJsonObject(0);
  }

  private void setStatus(long episodeId, String status) {
    var response = library.service.patch("/api/episodes/" + episodeId + "/download-status", new JsonObject().put("status", status));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }
}
