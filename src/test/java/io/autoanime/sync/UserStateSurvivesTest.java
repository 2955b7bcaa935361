package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan the old system failed: sync, set things, sync again, restart; nothing a user set is lost. */
class UserStateSurvivesTest extends ServiceTest {
  private static final String USER_STATE = """
      SELECT 'series' AS kind, s.sonarr_id AS key, s.is_auto_download_enabled AS enabled, s.auto_download_status AS status,
             NULL::timestamptz AS downloaded_at
        FROM series s
      UNION ALL
      SELECT 'season', s.sonarr_id * 10000 + ss.season_number, ss.is_auto_download_enabled, ss.auto_download_status, NULL
        FROM series_seasons ss JOIN series s ON s.id = ss.series_id
      UNION ALL
      SELECT 'episode', e.sonarr_episode_id, e.is_auto_download_enabled, e.auto_download_status, e.downloaded_at
        FROM series_episodes e
      ORDER BY 1, 2""";

  @Test
  void resync_and_restart_keep_every_row_and_every_user_setting() {
    service.fullSync();
    setUserState();
    List<Map<String, Object>> before = Sql.rows(db, USER_STATE);
    List<Map<String, Object>> rowIdsBefore = Sql.rows(db, "SELECT id, sonarr_episode_id FROM series_episodes ORDER BY id");

    // Sonarr's metadata changes, so the resync really rewrites rows that carry user settings.
    sonarr.episodes(TestLibrary.FRIEREN).forEach(e -> ((io.vertx.core.json.JsonObject) e).put("title", "Renamed"));
    sonarr.series(TestLibrary.FRIEREN).put("overview", "A new overview");
    var resync = service.fullSync();
    assertThat(resync.getJsonObject("counts").getInteger("episodesUpdated")).isEqualTo(9);

    service.restart();
    var afterRestart = service.fullSync();

    assertThat(afterRestart.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.rows(db, USER_STATE)).isEqualTo(before);
    assertThat(Sql.rows(db, "SELECT id, sonarr_episode_id FROM series_episodes ORDER BY id")).isEqualTo(rowIdsBefore);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE title = 'Renamed'")).isEqualTo(9);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
    assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE sonarr_episode_id = 1000001"))
        .isEqualTo("downloaded");
    assertThat(Sql.value(db, "SELECT downloaded_at = '2026-01-02T03:04:05Z'::timestamptz FROM series_episodes"
        + " WHERE sonarr_episode_id = 1000001")).isEqualTo(true);
  }

  private void setUserState() {
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id IN (1, 340)");
    Sql.update(db, """
        UPDATE series_seasons SET is_auto_download_enabled = true, auto_download_status = 'pending'
         WHERE series_id = (SELECT id FROM series WHERE sonarr_id = 1) AND season_number IN (1, 2)""");
    Sql.update(db, """
        UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'downloaded',
               downloaded_at = '2026-01-02T03:04:05Z' WHERE sonarr_episode_id = 1000001""");
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'failed' WHERE sonarr_episode_id = 1000002");
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'downloading' WHERE sonarr_episode_id = 1000005");
    Sql.update(db, "UPDATE series_episodes SET auto_download_status = 'skipped' WHERE sonarr_episode_id = 95796");
  }
}
