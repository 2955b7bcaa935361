package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Fixtures;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RemovalTest extends ServiceTest {

  @Test
  void episodes_sonarr_stops_listing_are_marked_not_deleted_and_come_back_with_their_settings() {
    service.fullSync();
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_episode_id = 1000003");
    JsonArray episodes = sonarr.episodes(TestLibrary.FRIEREN);
    JsonObject third = episodes.getJsonObject(2);
    JsonObject fourth = episodes.getJsonObject(3);
    episodes.remove(third);
    episodes.remove(fourth);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("episodesMarkedRemoved")).isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(Sql.rows(db, "SELECT sonarr_episode_id FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL ORDER BY 1"))
        .extracting(row -> row.get("sonarr_episode_id")).containsExactly(1_000_003L, 1_000_004L);

    episodes.add(third).add(fourth);
    JsonObject back = service.fullSync();

    assertThat(back.getJsonObject("counts").getInteger("episodesUpdated")).isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
    assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE sonarr_episode_id = 1000003"))
        .isEqualTo("pending");
  }

  @Test
  void a_series_sonarr_stops_listing_is_marked_removed_and_comes_back_with_its_settings() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 9");
    JsonObject africa = sonarr.series(TestLibrary.AERIAL_AFRICA);
    JsonArray africaEpisodes = sonarr.episodes(TestLibrary.AERIAL_AFRICA);
    sonarr.remove(TestLibrary.AERIAL_AFRICA);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("seriesMarkedRemoved")).isEqualTo(1);
    assertThat(Sql.value(db, "SELECT removed_from_sonarr_at IS NOT NULL FROM series WHERE sonarr_id = 9")).isEqualTo(true);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);

    sonarr.put(africa, africaEpisodes);
    service.fullSync();

    assertThat(Sql.value(db, "SELECT removed_from_sonarr_at IS NULL AND is_auto_download_enabled FROM series WHERE sonarr_id = 9"))
        .isEqualTo(true);
  }

  @Test
  void a_series_sonarr_deletes_is_marked_removed_with_its_seasons_episodes_images_and_titles() {
    service.fullSync();
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'downloaded',"
        + " downloaded_at = now() WHERE sonarr_episode_id = 3000001");
    var userColumnsBefore = userColumnsOfTheQueen();
    sonarr.remove(TestLibrary.LAST_BOSS_QUEEN);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("seriesMarkedRemoved")).isEqualTo(1);
    assertThat(run.getJsonObject("counts").getInteger("episodesMarkedRemoved")).isEqualTo(6);
    for (String table : CHILD_TABLES) {
      assertThat(Sql.count(db, "SELECT count(*) FROM " + table + " WHERE series_id = " + queenRowId()
          + " AND removed_from_sonarr_at IS NULL")).as(table + " rows still shown present").isZero();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isEqualTo(6);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(userColumnsOfTheQueen()).isEqualTo(userColumnsBefore);
  }

  @Test
  void a_deleted_series_that_sonarr_lists_again_has_its_seasons_episodes_images_and_titles_present_again() {
    service.fullSync();
    JsonObject queen = sonarr.series(TestLibrary.LAST_BOSS_QUEEN);
    JsonArray queenEpisodes = sonarr.episodes(TestLibrary.LAST_BOSS_QUEEN);
    long presentBefore = presentChildRowsOfTheQueen();
    sonarr.remove(TestLibrary.LAST_BOSS_QUEEN);
    service.fullSync();
    assertThat(presentChildRowsOfTheQueen()).isZero();

    // Listed again exactly as before: the fingerprint of its last write matches, yet it must be written.
    sonarr.put(queen, queenEpisodes);
    JsonObject back = service.fullSync();

    assertThat(back.getJsonObject("counts").getInteger("episodesUpdated")).isEqualTo(6);
    assertThat(presentChildRowsOfTheQueen()).isEqualTo(presentBefore);
    assertThat(Sql.value(db, "SELECT removed_from_sonarr_at IS NULL FROM series WHERE sonarr_id = 340")).isEqualTo(true);
    assertThat(service.fullSync().getJsonObject("counts").getInteger("episodesUpdated")).as("the sync after").isZero();
  }

  @Test
  void images_seasons_and_alternate_titles_sonarr_drops_are_marked_too() {
    service.fullSync();
    long images = Sql.count(db, "SELECT count(*) FROM series_images");
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN);
    frieren.getJsonArray("images").remove(0);
    frieren.getJsonArray("alternateTitles").remove(0);
    JsonArray seasons = frieren.getJsonArray("seasons");
    seasons.remove(seasons.size() - 1);
    sonarr.episodes(TestLibrary.FRIEREN).stream().map(JsonObject.class::cast)
        .filter(e -> e.getInteger("seasonNumber") == 2).toList()
        .forEach(e -> sonarr.episodes(TestLibrary.FRIEREN).remove(e));

    service.fullSync();

    assertThat(Sql.count(db, "SELECT count(*) FROM series_images WHERE removed_from_sonarr_at IS NOT NULL")).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_alternate_titles WHERE removed_from_sonarr_at IS NOT NULL")).isEqualTo(1);
    assertThat(Sql.rows(db, "SELECT season_number FROM series_seasons WHERE removed_from_sonarr_at IS NOT NULL"))
        .extracting(row -> row.get("season_number")).containsExactly(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_images")).isEqualTo(images);
  }

  @Test
  void a_run_that_would_mark_more_than_half_of_the_library_removed_marks_none_and_warns() {
    service.fullSync();
    sonarr.remove(TestLibrary.FRIEREN).remove(TestLibrary.TESTED).remove(TestLibrary.AERIAL_AFRICA);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("seriesMarkedRemoved")).isZero();
    assertThat(run.getJsonArray("warnings").encode()).contains("3 of 4 known series");
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  @Test
  void a_sonarr_pointed_at_another_instance_with_as_many_series_marks_none_of_the_known_ones_removed() {
    service.fullSync();
    sonarr.remove(TestLibrary.FRIEREN).remove(TestLibrary.TESTED).remove(TestLibrary.AERIAL_AFRICA)
        .remove(TestLibrary.LAST_BOSS_QUEEN);
    TestLibrary.addGenerated(sonarr, 501, 4);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("seriesMarkedRemoved")).isZero();
    assertThat(run.getJsonObject("counts").getInteger("seriesInserted")).isEqualTo(4);
    assertThat(run.getJsonArray("warnings").encode()).contains("4 of 4 known series");
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  @Test
  void a_sonarr_pointed_at_another_instance_whose_ids_name_other_shows_detaches_none_and_writes_none_of_those() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    var seriesBefore = seriesRows();
    var episodesBefore = Sql.rows(db, "SELECT id, series_id, sonarr_episode_id, title, removed_from_sonarr_at"
        + " FROM series_episodes ORDER BY id");
    // The other instance's shows have the ids of the known ones.
    long[] knownIds = {TestLibrary.FRIEREN, TestLibrary.TESTED, TestLibrary.AERIAL_AFRICA, TestLibrary.LAST_BOSS_QUEEN};
    for (long id : knownIds) {
      sonarr.remove(id).put(Fixtures.seriesLike(Fixtures.lastBossQueen(), id, 7_000_000 + id, "Other show " + id, 1),
          Fixtures.episodesFor(id, 20_000_000 + id * 10, 1, 2));
    }

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts")).isEqualTo(counts());
    assertThat(run.getJsonObject("progress")).isEqualTo(new JsonObject().put("seriesDone", 0).put("seriesTotal", 0));
    assertThat(run.getJsonArray("warnings")).hasSize(1);
    assertThat(run.getJsonArray("warnings").getString(0)).contains("4 of 4 known series").contains("none was detached");
    assertThat(seriesRows()).isEqualTo(seriesBefore);
    assertThat(Sql.rows(db, "SELECT id, series_id, sonarr_episode_id, title, removed_from_sonarr_at"
        + " FROM series_episodes ORDER BY id")).isEqualTo(episodesBefore);
  }

  @Test
  void series_detached_because_sonarr_gave_their_ids_to_other_shows_count_towards_the_half() {
    service.fullSync();
    var queenBefore = Sql.rows(db, "SELECT * FROM series WHERE sonarr_id = 340");
    // 340 now names another show, and 8 and 9 are gone: 3 of the 4 known series would be marked removed.
    sonarr.remove(TestLibrary.TESTED).remove(TestLibrary.AERIAL_AFRICA).remove(TestLibrary.LAST_BOSS_QUEEN)
        .put(Fixtures.seriesLike(Fixtures.frieren(), 340, 555_555, "Another Show", 1),
            Fixtures.episodesFor(340, 6_000_001, 1, 2));

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts")).isEqualTo(counts("seriesUnchanged", 1, "episodesUnchanged", 9));
    assertThat(run.getJsonObject("progress")).isEqualTo(new JsonObject().put("seriesDone", 1).put("seriesTotal", 1));
    assertThat(run.getJsonArray("warnings").encode()).contains("1 of 4 known series").contains("no longer lists 2 more");
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
    assertThat(Sql.rows(db, "SELECT * FROM series WHERE sonarr_id = 340")).as("the known show's row").isEqualTo(queenBefore);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
  }

  @Test
  void a_run_held_back_by_the_breaker_still_gives_a_show_back_under_a_new_id_its_row() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    long frierenRow = ((Number) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1")).longValue();
    // Another instance: Frieren under id 500, and other shows under the ids of the three others.
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy().put("id", 500);
    JsonArray frierenEpisodes = new JsonArray();
    sonarr.episodes(TestLibrary.FRIEREN).stream().map(JsonObject.class::cast)
        .forEach(e -> frierenEpisodes.add(e.copy().put("seriesId", 500)));
    sonarr.remove(TestLibrary.FRIEREN).put(frieren, frierenEpisodes);
    for (long id : new long[] {TestLibrary.TESTED, TestLibrary.AERIAL_AFRICA, TestLibrary.LAST_BOSS_QUEEN}) {
      sonarr.remove(id).put(Fixtures.seriesLike(Fixtures.lastBossQueen(), id, 7_000_000 + id, "Other show " + id, 1),
          Fixtures.episodesFor(id, 20_000_000 + id * 10, 1, 2));
    }

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts")).isEqualTo(counts("seriesUpdated", 1, "episodesUnchanged", 9));
    assertThat(run.getJsonArray("warnings").encode()).contains("3 of 4 known series");
    assertThat(Sql.rows(db, "SELECT id, is_auto_download_enabled FROM series WHERE sonarr_id = 500"))
        .containsExactly(java.util.Map.of("id", frierenRow, "is_auto_download_enabled", true));
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE title LIKE 'Other show%'")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  private java.util.List<java.util.Map<String, Object>> seriesRows() {
    return Sql.rows(db, "SELECT id, sonarr_id, tvdb_id, title, is_auto_download_enabled, removed_from_sonarr_at, updated_at"
        + " FROM series ORDER BY id");
  }

  /** A run's counts: those named, the others 0. */
  private static JsonObject counts(Object... namesAndValues) {
    JsonObject counts = new JsonObject();
    for (String name : new String[] {"seriesInserted", "seriesUpdated", "seriesUnchanged", "seriesMarkedRemoved",
        "seriesFailed", "episodesInserted", "episodesUpdated", "episodesUnchanged", "episodesMarkedRemoved"}) {
      counts.put(name, 0);
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      counts.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return counts;
  }

  private static final java.util.List<String> CHILD_TABLES =
      java.util.List.of("series_seasons", "series_episodes", "series_images", "series_alternate_titles");

  private long queenRowId() {
    return ((Number) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.LAST_BOSS_QUEEN)).longValue();
  }

  private long presentChildRowsOfTheQueen() {
    long present = 0;
    for (String table : CHILD_TABLES) {
      present += Sql.count(db, "SELECT count(*) FROM " + table + " WHERE series_id = " + queenRowId()
          + " AND removed_from_sonarr_at IS NULL");
    }
    return present;
  }

  private java.util.List<java.util.Map<String, Object>> userColumnsOfTheQueen() {
    return Sql.rows(db, """
        SELECT 'episode' AS t, id, is_auto_download_enabled, auto_download_status, downloaded_at FROM series_episodes
         WHERE series_id = %1$d
        UNION ALL SELECT 'season', id, is_auto_download_enabled, auto_download_status, NULL FROM series_seasons
         WHERE series_id = %1$d
        UNION ALL SELECT 'series', id, is_auto_download_enabled, auto_download_status, NULL FROM series WHERE id = %1$d
        ORDER BY 1, 2""".formatted(queenRowId()));
  }

  @Test
  void a_failed_series_list_changes_nothing_about_presence() {
    service.fullSync();
    var versionsBefore = rowVersions();
    sonarr.remove(TestLibrary.AERIAL_AFRICA);
    sonarr.failNext("/api/v3/series", 10, request -> request.response().setStatusCode(503).end());

    var failure = org.assertj.core.api.Assertions.catchThrowable(service::fullSync);

    assertThat(failure).hasMessageContaining("503");
    assertThat(rowVersions()).isEqualTo(versionsBefore);
    assertThat(Sql.value(db, "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1")).isEqualTo("failed");
  }

  @Test
  void a_series_whose_episodes_could_not_be_fetched_keeps_its_episodes_unmarked_and_the_rest_are_synced() {
    service.fullSync();
    sonarr.episodes(TestLibrary.FRIEREN).clear();
    sonarr.series(TestLibrary.TESTED).put("title", "Tested (renamed)");
    sonarr.failNext("/api/v3/episode?seriesId=1", 10, request -> request.response().setStatusCode(500).end());

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("partial");
    assertThat(run.getJsonArray("failures").getJsonObject(0).getLong("sonarrSeriesId")).isEqualTo(1L);
    assertThat(run.getJsonArray("failures").getJsonObject(0).getString("error")).contains("HTTP 500");
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 8")).isEqualTo("Tested (renamed)");
  }
}
