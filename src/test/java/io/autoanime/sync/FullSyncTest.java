package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FullSyncTest extends ServiceTest {

  @Test
  void a_full_sync_mirrors_series_seasons_episodes_images_and_titles() {
    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts").getInteger("seriesInserted")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(run.getJsonObject("counts").getInteger("episodesInserted")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(run.getJsonObject("progress").getInteger("seriesDone")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE season_id IS NULL")).isZero();
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 1")).isEqualTo("Frieren: Beyond Journey's End");
    assertThat(Sql.count(db, "SELECT count(*) FROM series_images i JOIN series s ON s.id = i.series_id WHERE s.sonarr_id = 1"))
        .isEqualTo(4);
    assertThat(Sql.rows(db, """
        SELECT a.title, a.scene_season_number FROM series_alternate_titles a JOIN series s ON s.id = a.series_id
         WHERE s.sonarr_id = 340 ORDER BY a.title""")).hasSize(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_seasons ss JOIN series s ON s.id = ss.series_id WHERE s.sonarr_id = 8"))
        .isEqualTo(14);
    assertThat(Sql.value(db, "SELECT size_on_disk FROM series WHERE sonarr_id = 8")).isEqualTo(222_218_203_624L);
  }

  @Test
  void real_episode_oddities_are_stored_as_sonarr_sent_them() {
    service.fullSync();

    // A JST broadcast: the local air date differs from the UTC day; missing absolute numbers stay empty.
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE absolute_episode_number IS NULL"))
        .isEqualTo(384 - 156);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE episode_file_id IS NULL AND has_file = false"))
        .isGreaterThan(0);
    assertThat(Sql.count(db, "SELECT max(tvdb_id) FROM series_episodes")).isGreaterThan(11_000_000L);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_seasons WHERE season_number = 2025")).isEqualTo(1);
  }

  @Test
  void new_seasons_and_episodes_start_with_auto_download_off() {
    service.fullSync();

    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled OR auto_download_status <> 'disabled'"))
        .isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_seasons WHERE is_auto_download_enabled")).isZero();
  }

  @Test
  void new_episodes_inherit_auto_download_from_their_season_and_new_seasons_from_their_series_except_specials() {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    Sql.update(db, """
        UPDATE series_seasons SET is_auto_download_enabled = true, auto_download_status = 'pending'
         WHERE season_number = 1 AND series_id = (SELECT id FROM series WHERE sonarr_id = 1)""");
    // Sonarr adds episode 5 to season 1, and a season 3 with one episode, and a second special.
    var episodes = sonarr.episodes(1);
    episodes.add(episodes.getJsonObject(0).copy().put("id", 1_000_050).put("tvdbId", 9_100_050).put("episodeNumber", 5));
    episodes.add(episodes.getJsonObject(0).copy().put("id", 1_000_060).put("tvdbId", 9_100_060).put("seasonNumber", 3));
    episodes.add(episodes.getJsonObject(0).copy().put("id", 1_000_070).put("tvdbId", 9_100_070).put("seasonNumber", 0)
        .put("episodeNumber", 2));
    sonarr.series(1).getJsonArray("seasons").add(new JsonObject().put("seasonNumber", 3).put("monitored", true));

    service.fullSync();

    assertThat(Sql.rows(db, """
        SELECT sonarr_episode_id, is_auto_download_enabled, auto_download_status FROM series_episodes
         WHERE sonarr_episode_id IN (1000050, 1000060, 1000070) ORDER BY 1""")).containsExactly(
        java.util.Map.of("sonarr_episode_id", 1_000_050L, "is_auto_download_enabled", true, "auto_download_status", "pending"),
        java.util.Map.of("sonarr_episode_id", 1_000_060L, "is_auto_download_enabled", true, "auto_download_status", "pending"),
        java.util.Map.of("sonarr_episode_id", 1_000_070L, "is_auto_download_enabled", false, "auto_download_status", "disabled"));
    assertThat(Sql.value(db, """
        SELECT ss.is_auto_download_enabled FROM series_seasons ss JOIN series s ON s.id = ss.series_id
         WHERE s.sonarr_id = 1 AND ss.season_number = 3""")).isEqualTo(true);
    // Existing episodes of season 1 were not switched on by the sync: only the user's routes do that.
    assertThat(Sql.value(db, "SELECT is_auto_download_enabled FROM series_episodes WHERE sonarr_episode_id = 1000001"))
        .isEqualTo(false);
  }
}
