package io.autoanime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Eventually;
import io.autoanime.support.Fixtures;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sonarr ids are not identities: user state follows the show (tvdb id), never the id. */
class IdentityTest extends ServiceTest {

  /**
   * series_episodes has no foreign keys (V4): the sync alone keeps its references right, and after
   * every identity swap here each episode still names an existing series and its own season.
   */
  @AfterEach
  void every_episode_still_names_its_series_and_its_season() {
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isPositive();
    assertThat(Sql.count(db, """
        SELECT count(*) FROM series_episodes e
         WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.id = e.series_id)""")).isZero();
    assertThat(Sql.count(db, """
        SELECT count(*) FROM series_episodes e
         WHERE e.season_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM series_seasons ss
                            WHERE ss.id = e.season_id AND ss.series_id = e.series_id
                              AND ss.season_number = e.season_number)""")).isZero();
    assertThat(Sql.count(db, """
        SELECT count(*) FROM series_episodes e
         WHERE e.season_id IS NULL
           AND EXISTS (SELECT 1 FROM series_seasons ss
                        WHERE ss.series_id = e.series_id AND ss.season_number = e.season_number)""")).isZero();
  }

  @Test
  void a_series_deleted_and_re_added_in_sonarr_keeps_its_settings_and_episodes_rows() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'downloaded', downloaded_at = now() WHERE sonarr_episode_id = 1000001");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");
    reAddInSonarr(sonarr.series(TestLibrary.FRIEREN).copy(), sonarr.episodes(TestLibrary.FRIEREN).copy());

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertFrierenReAddedKeptItsRow(rowId);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  @Test
  void a_series_re_added_in_sonarr_and_first_seen_by_its_series_add_webhook_keeps_its_settings_and_episodes_rows() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'downloaded', downloaded_at = now() WHERE sonarr_episode_id = 1000001");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");
    JsonObject readded = reAddInSonarr(sonarr.series(TestLibrary.FRIEREN).copy(), sonarr.episodes(TestLibrary.FRIEREN).copy());

    // Sonarr's SeriesAdd notification for the re-added show syncs it alone, before any full sync.
    assertThat(service.post("/api/sonarr/webhook", new JsonObject().put("eventType", "SeriesAdd")
        .put("series", new JsonObject().put("id", 77).put("title", "Frieren").put("tvdbId", readded.getLong("tvdbId"))))
        .statusCode()).isEqualTo(200);
    Eventually.await("the webhook's series sync has run", () ->
        Sql.count(db, "SELECT count(*) FROM sync_runs WHERE mode = 'series' AND status <> 'running'") == 1);
    service.fullSync();

    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE tvdb_id = " + readded.getLong("tvdbId")))
        .as("one row for the show").isEqualTo(1);
    assertFrierenReAddedKeptItsRow(rowId);
  }

  @Test
  void a_series_re_added_after_a_sync_marked_it_removed_takes_its_rows_back_with_everything_under_them_present() {
    service.fullSync();
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'downloaded', downloaded_at = now() WHERE sonarr_episode_id = 1000001");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy();
    JsonArray frierenEpisodes = sonarr.episodes(TestLibrary.FRIEREN).copy();
    sonarr.remove(TestLibrary.FRIEREN);
    service.fullSync();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE series_id = " + rowId
        + " AND removed_from_sonarr_at IS NULL")).as("episodes of the deleted series shown present").isZero();
    reAddInSonarr(frieren, frierenEpisodes);

    service.fullSync();

    assertThat(Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 77")).isEqualTo(rowId);
    for (String table : new String[] {"series_seasons", "series_episodes", "series_images", "series_alternate_titles"}) {
      assertThat(Sql.count(db, "SELECT count(*) FROM " + table + " WHERE series_id = " + rowId
          + " AND removed_from_sonarr_at IS NOT NULL")).as(table + " rows still marked removed").isZero();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE series_id = " + rowId)).isEqualTo(9);
    assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE sonarr_episode_id = 1500001"))
        .isEqualTo("downloaded");
  }

  /**
   * Frieren re-added in Sonarr: under the series id 77 and new episode ids (its old ones plus
   * 500,000); the tvdb ids stay. Answers the series as Sonarr now lists it.
   */
  private JsonObject reAddInSonarr(JsonObject frieren, JsonArray episodes) {
    JsonObject readded = frieren.put("id", 77);
    JsonArray newEpisodes = new JsonArray();
    episodes.stream().map(JsonObject.class::cast)
        .forEach(e -> newEpisodes.add(e.copy().put("id", e.getLong("id") + 500_000).put("seriesId", 77)));
    sonarr.remove(TestLibrary.FRIEREN).put(readded, newEpisodes);
    return readded;
  }

  /** Frieren, re-added as 77, has its old row with the series' switch and an episode's status, and no extra episode row. */
  private void assertFrierenReAddedKeptItsRow(long rowId) {
    assertThat(Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 77")).isEqualTo(rowId);
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series WHERE sonarr_id = 77")).isEqualTo(true);
    assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE sonarr_episode_id = 1500001"))
        .isEqualTo("downloaded");
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);
  }

  @Test
  void two_new_series_with_the_tvdb_id_of_one_removed_row_share_it_out_one_row_each() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");
    // Frieren is re-added twice (ids 78 and 77, both with its tvdb id): the lower id takes the old row over.
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy();
    JsonArray frierenEpisodes = sonarr.episodes(TestLibrary.FRIEREN).copy();
    sonarr.remove(TestLibrary.FRIEREN);
    for (long id : new long[] {78, 77}) {
      JsonArray episodes = new JsonArray();
      frierenEpisodes.stream().map(JsonObject.class::cast)
          .forEach(e -> episodes.add(e.copy().put("id", e.getLong("id") + id * 10_000).put("seriesId", id)));
      sonarr.put(frieren.copy().put("id", id), episodes);
    }

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 77")).isEqualTo(rowId);
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series WHERE sonarr_id = 77")).isEqualTo(true);
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series WHERE sonarr_id = 78")).isEqualTo(false);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES + 1);
  }

  @Test
  void two_new_series_with_the_tvdb_id_of_a_row_marked_removed_share_it_out_the_lower_id_taking_it() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 1");
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy();
    JsonArray frierenEpisodes = sonarr.episodes(TestLibrary.FRIEREN).copy();
    sonarr.remove(TestLibrary.FRIEREN);
    service.fullSync();
    // Frieren, marked removed, is re-added twice (ids 78 and 77, both with its tvdb id).
    for (long id : new long[] {78, 77}) {
      JsonArray episodes = new JsonArray();
      frierenEpisodes.stream().map(JsonObject.class::cast)
          .forEach(e -> episodes.add(e.copy().put("id", e.getLong("id") + id * 10_000).put("seriesId", id)));
      sonarr.put(frieren.copy().put("id", id), episodes);
    }

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.value(db, "SELECT id FROM series WHERE sonarr_id = 77")).isEqualTo(rowId);
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series WHERE sonarr_id = 77")).isEqualTo(true);
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series WHERE sonarr_id = 78")).isEqualTo(false);
    assertThat(run.getJsonObject("counts")).isEqualTo(counts("seriesInserted", 1, "seriesUpdated", 1,
        "seriesUnchanged", 3, "episodesInserted", 9, "episodesUpdated", 9, "episodesUnchanged", 384 + 3 + 6));
  }

  @Test
  void a_reinstalled_sonarr_that_reuses_ids_for_other_shows_never_moves_user_state() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'downloaded', downloaded_at = now() WHERE sonarr_episode_id = 1000001");
    // The reinstalled Sonarr swaps ids: 1 is now "Aerial Africa" (was 9) and 9 is Frieren; episode ids are reused too.
    JsonObject africa = sonarr.series(TestLibrary.AERIAL_AFRICA).copy().put("id", 1);
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy().put("id", 9);
    JsonArray africaEpisodes = sonarr.episodes(TestLibrary.AERIAL_AFRICA).copy();
    JsonArray frierenEpisodes = sonarr.episodes(TestLibrary.FRIEREN).copy();
    // Africa's first episode now carries the id Frieren's first episode had.
    africaEpisodes.getJsonObject(0).put("id", 1_000_001);
    frierenEpisodes.getJsonObject(0).put("id", 2_000_001);
    sonarr.remove(1).remove(9).put(africa, africaEpisodes).put(frieren, frierenEpisodes);

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.rows(db, "SELECT sonarr_id, title, is_auto_download_enabled FROM series WHERE sonarr_id IN (1, 9) ORDER BY 1"))
        .containsExactly(
            java.util.Map.of("sonarr_id", 1L, "title", "Aerial Africa", "is_auto_download_enabled", false),
            java.util.Map.of("sonarr_id", 9L, "title", "Frieren: Beyond Journey's End", "is_auto_download_enabled", true));
    assertThat(Sql.value(db, """
        SELECT e.auto_download_status FROM series_episodes e JOIN series s ON s.id = e.series_id
         WHERE s.sonarr_id = 9 AND e.tvdb_id = 9001000001""".replace("9001000001", String.valueOf(9_000_000 + 1_000_001))))
        .isEqualTo("downloaded");
    assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE sonarr_episode_id = 1000001"))
        .isEqualTo("disabled");
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
  }

  @Test
  void a_sonarr_id_now_naming_a_different_show_gets_a_new_row_and_the_old_one_is_detached() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 340");
    sonarr.remove(TestLibrary.LAST_BOSS_QUEEN)
        .put(Fixtures.seriesLike(Fixtures.frieren(), 340, 555_555, "Another Show", 1), Fixtures.episodesFor(340, 6_000_001, 1, 2));

    service.fullSync();

    assertThat(Sql.rows(db, "SELECT title, is_auto_download_enabled FROM series WHERE sonarr_id = 340"))
        .containsExactly(java.util.Map.of("title", "Another Show", "is_auto_download_enabled", false));
    assertThat(Sql.rows(db, """
        SELECT COALESCE(sonarr_id::text, 'detached') AS sonarr_id, is_auto_download_enabled,
               removed_from_sonarr_at IS NOT NULL AS removed
          FROM series WHERE tvdb_id = 426528"""))
        .containsExactly(java.util.Map.of("sonarr_id", "detached", "is_auto_download_enabled", true, "removed", true));
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes e JOIN series s ON s.id = e.series_id"
        + " WHERE s.tvdb_id = 426528 AND e.removed_from_sonarr_at IS NULL")).as("episodes of the detached show shown present")
        .isZero();
  }

  @Test
  void a_reinstalled_sonarr_that_swaps_two_shows_ids_counts_both_series_updated_and_no_episode_changed() {
    service.fullSync();
    JsonObject africa = sonarr.series(TestLibrary.AERIAL_AFRICA).copy().put("id", 1);
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy().put("id", 9);
    JsonArray africaEpisodes = withSeriesId(sonarr.episodes(TestLibrary.AERIAL_AFRICA), 1);
    JsonArray frierenEpisodes = withSeriesId(sonarr.episodes(TestLibrary.FRIEREN), 9);
    sonarr.remove(1).remove(9).put(africa, africaEpisodes).put(frieren, frierenEpisodes);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts")).isEqualTo(counts(
        "seriesUpdated", 2, "seriesUnchanged", 2, "episodesUnchanged", TestLibrary.STANDARD_EPISODES));
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL"))
        .isZero();
  }

  @Test
  void a_full_sync_that_detaches_one_show_and_gives_a_removed_row_back_to_another_counts_each_change_once() {
    service.fullSync();
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy();
    JsonArray frierenEpisodes = sonarr.episodes(TestLibrary.FRIEREN).copy();
    sonarr.remove(TestLibrary.FRIEREN);
    service.fullSync();
    // Frieren comes back as 77 (taking its removed row over); Sonarr gives 340 to another show
    // (its row is detached).
    reAddInSonarr(frieren, frierenEpisodes);
    sonarr.remove(TestLibrary.LAST_BOSS_QUEEN).put(Fixtures.seriesLike(Fixtures.frieren(), 340, 555_555,
        "Another Show", 1), Fixtures.episodesFor(340, 6_000_001, 1, 2));

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts")).isEqualTo(counts("seriesInserted", 1, "seriesUpdated", 1,
        "seriesUnchanged", 2, "seriesMarkedRemoved", 1, "episodesInserted", 2, "episodesUpdated", 9,
        "episodesUnchanged", 384 + 3, "episodesMarkedRemoved", 6));
  }

  @Test
  void a_series_sync_that_detaches_its_ids_old_show_and_takes_a_removed_row_over_counts_each_change_once() {
    service.fullSync();
    JsonObject frieren = sonarr.series(TestLibrary.FRIEREN).copy().put("id", 340);
    JsonArray frierenEpisodes = withSeriesId(sonarr.episodes(TestLibrary.FRIEREN), 340);
    sonarr.remove(TestLibrary.FRIEREN);
    service.fullSync();
    // Sonarr, reinstalled, lists Frieren under the id "The Last Boss Queen" had.
    sonarr.remove(TestLibrary.LAST_BOSS_QUEEN).put(frieren, frierenEpisodes);

    JsonObject run = service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", 340));

    assertThat(run.getJsonObject("counts")).isEqualTo(counts("seriesUpdated", 1, "seriesMarkedRemoved", 1,
        "episodesUpdated", 9, "episodesMarkedRemoved", 6));
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes e JOIN series s ON s.id = e.series_id"
        + " WHERE s.tvdb_id = 426528 AND e.removed_from_sonarr_at IS NULL"))
        .as("episodes of the detached show shown present").isZero();
  }

  /** Copies of {@code episodes} under another series id (their own ids kept). */
  private static JsonArray withSeriesId(JsonArray episodes, long seriesId) {
    JsonArray moved = new JsonArray();
    episodes.stream().map(JsonObject.class::cast).forEach(e -> moved.add(e.copy().put("seriesId", seriesId)));
    return moved;
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

  @Test
  void a_new_show_whose_episodes_reuse_sonarr_ids_gets_rows_of_its_own_and_the_old_rows_keep_their_settings() {
    service.fullSync();
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'downloaded', downloaded_at = now() WHERE sonarr_episode_id = 2000001");
    // A reinstalled Sonarr: "Aerial Africa" is gone, and a new show's episodes carry its old episode ids.
    sonarr.remove(TestLibrary.AERIAL_AFRICA)
        .put(Fixtures.seriesLike(Fixtures.frieren(), 60, 606_060, "A Newer Show", 1), Fixtures.episodesFor(60, 2_000_001, 1, 3));

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.rows(db, "SELECT s.title, e.auto_download_status FROM series_episodes e JOIN series s ON s.id = e.series_id"
        + " WHERE e.sonarr_episode_id = 2000001"))
        .containsExactly(java.util.Map.of("title", "A Newer Show", "auto_download_status", "disabled"));
    assertThat(Sql.rows(db, "SELECT e.auto_download_status, e.sonarr_episode_id IS NULL AS detached FROM series_episodes e"
        + " JOIN series s ON s.id = e.series_id WHERE s.tvdb_id = 344507 AND e.episode_number = 1"))
        .containsExactly(java.util.Map.of("auto_download_status", "downloaded", "detached", true));
  }

  @Test
  void an_episode_whose_tvdb_id_thetvdb_replaced_keeps_its_row_and_the_users_setting() {
    service.fullSync();
    // Season 1 switched on, one of its episodes switched off by hand.
    Sql.update(db, "UPDATE series_seasons SET is_auto_download_enabled = true, auto_download_status = 'pending'"
        + " WHERE season_number = 1 AND series_id = (SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN + ")");
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = false, auto_download_status = 'disabled'"
        + " WHERE sonarr_episode_id = 1000002");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series_episodes WHERE sonarr_episode_id = 1000002");
    // Sonarr keeps its episode id and numbers and takes TheTVDB's new id for the episode.
    sonarr.episodes(TestLibrary.FRIEREN).getJsonObject(1).put("tvdbId", 11_002_054);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("episodesInserted")).isZero();
    assertThat(Sql.rows(db, "SELECT id, tvdb_id, is_auto_download_enabled, auto_download_status FROM series_episodes"
        + " WHERE sonarr_episode_id = 1000002"))
        .containsExactly(java.util.Map.of("id", rowId, "tvdb_id", 11_002_054L, "is_auto_download_enabled", false,
            "auto_download_status", "disabled"));
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);
  }

  @Test
  void an_episode_id_a_reinstalled_sonarr_gave_another_episode_of_the_same_show_gets_a_row_of_its_own() {
    service.fullSync();
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'downloaded', downloaded_at = now() WHERE sonarr_episode_id = 1000002");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series_episodes WHERE sonarr_episode_id = 1000002");
    JsonObject episode = sonarr.episodes(TestLibrary.FRIEREN).getJsonObject(1);
    int season = episode.getInteger("seasonNumber");
    int number = episode.getInteger("episodeNumber");
    // The id now names another episode of the show: other numbers, another tvdb id.
    episode.put("tvdbId", 11_002_055).put("episodeNumber", number + 40).putNull("absoluteEpisodeNumber");

    service.fullSync();

    assertThat(Sql.rows(db, "SELECT auto_download_status, sonarr_episode_id IS NULL AS detached FROM series_episodes"
        + " WHERE id = " + rowId)).containsExactly(java.util.Map.of("auto_download_status", "downloaded", "detached", true));
    assertThat(Sql.rows(db, "SELECT season_number, episode_number, auto_download_status FROM series_episodes"
        + " WHERE sonarr_episode_id = 1000002"))
        .containsExactly(java.util.Map.of("season_number", season, "episode_number", number + 40, "auto_download_status", "disabled"));
  }

  @Test
  void an_episode_re_created_under_a_new_id_keeps_its_settings() {
    service.fullSync();
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'failed' WHERE sonarr_episode_id = 1000002");
    long rowId = (Long) Sql.value(db, "SELECT id FROM series_episodes WHERE sonarr_episode_id = 1000002");
    sonarr.episodes(TestLibrary.FRIEREN).getJsonObject(1).put("id", 1_000_902);

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("episodesMarkedRemoved")).isZero();
    assertThat(Sql.rows(db, "SELECT id, is_auto_download_enabled, auto_download_status FROM series_episodes WHERE sonarr_episode_id = 1000902"))
        .containsExactly(java.util.Map.of("id", rowId, "is_auto_download_enabled", true, "auto_download_status", "failed"));
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);
  }
}
