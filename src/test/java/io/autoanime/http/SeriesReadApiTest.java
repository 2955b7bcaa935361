package io.autoanime.http;

import static io.autoanime.support.SyncedLibrary.Json.array;
import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Fixtures;
import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the read routes show of the library as a sync left it; they change nothing, so the tests share one library. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesReadApiTest extends SyncedLibraryTest {
  /** The series list item (docs/api.md). */
  static final Set<String> SERIES_LIST_ITEM_FIELDS = Set.of("id", "sonarrId", "tvdbId", "title", "sortTitle", "status",
      "seriesType", "monitored", "year", "network", "posterUrl", "seasonCount", "episodeCount", "episodeFileCount",
      "totalEpisodeCount", "isAutoDownloadEnabled", "autoDownloadStatus", "autoDownload", "removedFromSonarrAt",
      "lastSyncedAt");
  /** The episode object (docs/api.md). */
  static final Set<String> EPISODE_FIELDS = Set.of("id", "sonarrEpisodeId", "seriesId", "seasonId", "seasonNumber",
      "episodeNumber", "absoluteEpisodeNumber", "title", "overview", "airDate", "airDateUtc", "runtime", "hasFile",
      "monitored", "isAutoDownloadEnabled", "autoDownloadStatus", "downloadedAt", "removedFromSonarrAt", "createdAt",
      "updatedAt");
  static final Set<String> COUNTER_FIELDS = Set.of("enabled", "pending", "downloading", "downloaded", "failed");

  @Test
  void the_series_list_shows_every_series_in_sonarrs_sort_order_with_the_contracts_fields() {
    JsonArray list = array(library.service.get("/api/series"));

    List<String> sonarrOrder = new ArrayList<>();
    for (long sonarrId : List.of(TestLibrary.FRIEREN, TestLibrary.TESTED, TestLibrary.AERIAL_AFRICA, TestLibrary.LAST_BOSS_QUEEN)) {
      sonarrOrder.add(library.sonarr.series(sonarrId).getString("sortTitle"));
    }
    sonarrOrder.sort(Comparator.naturalOrder());
    assertThat(list).hasSize(TestLibrary.STANDARD_SERIES);
    assertThat(list.stream().map(item -> ((JsonObject) item).getString("sortTitle")).toList()).isEqualTo(sonarrOrder);
    for (Object item : list) {
      assertThat(((JsonObject) item).fieldNames()).containsExactlyInAnyOrderElementsOf(SERIES_LIST_ITEM_FIELDS);
      assertThat(((JsonObject) item).getJsonObject("autoDownload").fieldNames()).containsExactlyInAnyOrderElementsOf(COUNTER_FIELDS);
    }

    JsonObject frieren = find(list, TestLibrary.FRIEREN);
    JsonObject sonarrFrieren = Fixtures.frieren();
    JsonObject stats = sonarrFrieren.getJsonObject("statistics");
    assertThat(frieren.getLong("id")).isEqualTo(library.seriesId(TestLibrary.FRIEREN));
    assertThat(frieren.getString("title")).isEqualTo(sonarrFrieren.getString("title"));
    assertThat(frieren.getLong("tvdbId")).isEqualTo(sonarrFrieren.getLong("tvdbId"));
    assertThat(frieren.getString("status")).isEqualTo(sonarrFrieren.getString("status"));
    assertThat(frieren.getString("seriesType")).isEqualTo(sonarrFrieren.getString("seriesType"));
    assertThat(frieren.getBoolean("monitored")).isEqualTo(sonarrFrieren.getBoolean("monitored"));
    assertThat(frieren.getInteger("year")).isEqualTo(sonarrFrieren.getInteger("year"));
    assertThat(frieren.getString("network")).isEqualTo(sonarrFrieren.getString("network"));
    assertThat(frieren.getInteger("seasonCount")).isEqualTo(stats.getInteger("seasonCount"));
    assertThat(frieren.getInteger("episodeCount")).isEqualTo(stats.getInteger("episodeCount"));
    assertThat(frieren.getInteger("episodeFileCount")).isEqualTo(stats.getInteger("episodeFileCount"));
    assertThat(frieren.getInteger("totalEpisodeCount")).isEqualTo(stats.getInteger("totalEpisodeCount"));
    assertThat(frieren.getString("posterUrl")).isEqualTo(posterOf(sonarrFrieren).getString("remoteUrl"));
    assertThat(frieren.getBoolean("isAutoDownloadEnabled")).isFalse();
    assertThat(frieren.getString("autoDownloadStatus")).isEqualTo("disabled");
    assertThat(frieren.getValue("removedFromSonarrAt")).isNull();
  }

  @Test
  void a_series_episodes_come_in_season_and_episode_order_and_season_number_filters_them() {
    long tested = library.seriesId(TestLibrary.TESTED);
    JsonArray sonarrEpisodes = library.sonarr.episodes(TestLibrary.TESTED);

    JsonArray episodes = array(library.service.get("/api/series/" + tested + "/episodes"));

    assertThat(episodes).hasSize(sonarrEpisodes.size());
    List<int[]> order = episodes.stream().map(e -> (JsonObject) e)
        .map(e -> new int[] {e.getInteger("seasonNumber"), e.getInteger("episodeNumber")}).toList();
    List<int[]> sorted = new ArrayList<>(order);
    sorted.sort(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
    assertThat(order).containsExactlyElementsOf(sorted);
    for (Object item : episodes) {
      assertThat(((JsonObject) item).fieldNames()).containsExactlyInAnyOrderElementsOf(EPISODE_FIELDS);
      assertThat(((JsonObject) item).getLong("seriesId")).isEqualTo(tested);
    }
    JsonObject first = episodes.getJsonObject(0);
    JsonObject sonarrFirst = sonarrEpisodes.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getLong("id").equals(first.getLong("sonarrEpisodeId"))).findFirst().orElseThrow();
    assertThat(first.getString("title")).isEqualTo(sonarrFirst.getString("title"));
    assertThat(first.getString("airDate")).isEqualTo(sonarrFirst.getString("airDate"));
    assertThat(first.getInteger("episodeNumber")).isEqualTo(sonarrFirst.getInteger("episodeNumber"));

    Map<Integer, Long> perSeason = episodesPerSeason(sonarrEpisodes);
    int someSeason = perSeason.keySet().stream().max(Integer::compare).orElseThrow();
    JsonArray oneSeason = array(library.service.get("/api/series/" + tested + "/episodes?seasonNumber=" + someSeason));
    assertThat(oneSeason).hasSize(perSeason.get(someSeason).intValue());
    assertThat(oneSeason.stream().map(e -> ((JsonObject) e).getInteger("seasonNumber"))).containsOnly(someSeason);
    assertThat(array(library.service.get("/api/series/" + tested + "/episodes?seasonNumber=1"))).isEmpty();
  }

  @Test
  void unknown_series_answer_404() {
    long unknown = Sql.count(library.service.database(), "SELECT max(id) + 1000 FROM series");
    for (String path : List.of("/api/series/" + unknown, "/api/series/" + unknown + "/episodes")) {
      var response = library.service.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(object(response).getString("error")).contains(String.valueOf(unknown));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "0", "1.5", "99999999999999999999", "%20", "1e3"})
  void series_ids_that_are_not_positive_whole_numbers_answer_400(String id) {
    for (String path : List.of("/api/series/" + id, "/api/series/" + id + "/episodes")) {
      var response = library.service.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(object(response).getString("error")).contains("id");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"includeRemoved=yes", "includeRemoved=", "seasonNumber=-1", "seasonNumber=abc",
      "seasonNumber=2147483648", "seasonNumber=1&seasonNumber=2"})
  void bad_query_values_answer_400_naming_the_parameter(String query) {
    long tested = library.seriesId(TestLibrary.TESTED);
    var response = library.service.get("/api/series/" + tested + "/episodes?" + query);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(object(response).getString("error")).contains(query.substring(0, query.indexOf('=')));
  }

  @Test
  void a_bad_include_removed_on_the_list_answers_400() {
    var response = library.service.get("/api/series?includeRemoved=maybe");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(object(response).getString("error")).contains("includeRemoved");
  }

  static JsonObject find(JsonArray list, long sonarrId) {
    return list.stream().map(item -> (JsonObject) item)
        .filter(item -> Long.valueOf(sonarrId).equals(item.getLong("sonarrId"))).findFirst().orElse(null);
  }

  static JsonObject posterOf(JsonObject sonarrSeries) {
    return sonarrSeries.getJsonArray("images").stream().map(i -> (JsonObject) i)
        .filter(i -> "poster".equals(i.getString("coverType"))).findFirst().orElseThrow();
  }

  static Map<Integer, Long> episodesPerSeason(JsonArray sonarrEpisodes) {
    Map<Integer, Long> perSeason = new TreeMap<>();
    for (Object item : sonarrEpisodes) {
      perSeason.merge(((JsonObject) item).getInteger("seasonNumber"), 1L, Long::sum);
    }
    return perSeason;
  }
}
