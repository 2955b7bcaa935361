package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Gate;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ToggleDuringSyncTest extends ServiceTest {

  @Test
  void user_writes_made_while_a_sync_runs_survive_it() throws Exception {
    service.fullSync();
    // The next sync rewrites every Frieren episode, and waits on Sonarr before it gets to them.
    sonarr.episodes(TestLibrary.FRIEREN).forEach(e -> ((JsonObject) e).put("overview", "changed upstream"));
    Gate frierensEpisodes = sonarr.hold("/api/v3/episode?seriesId=" + TestLibrary.FRIEREN);

    JsonObject started = service.syncAndWait(new JsonObject().put("mode", "full").put("wait", false));
    assertThat(started.getString("status")).isEqualTo("running");
    frierensEpisodes.awaitHeld(1);
    Sql.update(db, """
        UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'downloaded',
               downloaded_at = now() WHERE sonarr_episode_id BETWEEN 1000001 AND 1000004""");
    Sql.update(db, """
        UPDATE series_seasons SET is_auto_download_enabled = true, auto_download_status = 'pending'
         WHERE series_id = (SELECT id FROM series WHERE sonarr_id = 1)""");
    assertThat(Sql.value(db, "SELECT status FROM sync_runs WHERE id = " + started.getLong("id"))).isEqualTo("running");
    var joining = service.syncAsync(new JsonObject().put("mode", "full")); // joins the running run, answered at its end
    service.syncAndWait(new JsonObject().put("mode", "full").put("wait", false)); // answered once the one before is handled
    frierensEpisodes.open();
    JsonObject finished = TestService.await(joining);

    assertThat(finished.getLong("id")).isEqualTo(started.getLong("id"));
    assertThat(finished.getJsonObject("counts").getInteger("episodesUpdated")).isEqualTo(9);
    assertThat(Sql.count(db, """
        SELECT count(*) FROM series_episodes WHERE sonarr_episode_id BETWEEN 1000001 AND 1000004
           AND is_auto_download_enabled AND auto_download_status = 'downloaded' AND downloaded_at IS NOT NULL
           AND overview = 'changed upstream'""")).isEqualTo(4);
    assertThat(Sql.count(db, """
        SELECT count(*) FROM series_seasons WHERE series_id = (SELECT id FROM series WHERE sonarr_id = 1)
           AND is_auto_download_enabled""")).isEqualTo(3);
  }
}
