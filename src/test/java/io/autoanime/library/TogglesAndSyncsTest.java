package io.autoanime.library;

import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.support.Eventually;
import io.autoanime.support.Gate;
import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user's writes and the sync's writes meet on the same rows; neither may undo the other. */
class TogglesAndSyncsTest extends SyncedLibraryTest {
  private static final String EPISODES_OF_FRIEREN = "/api/v3/episode?seriesId=" + TestLibrary.FRIEREN;

  private long frieren;

  @BeforeEach
  void findFrieren() {
    frieren = library.seriesId(TestLibrary.FRIEREN);
  }

  @Test
  void a_toggle_made_while_a_sync_is_running_survives_it_and_the_syncs_metadata_lands_too() {
    JsonArray episodes = library.sonarr.episodes(TestLibrary.FRIEREN).copy();
    JsonObject renamed = episodes.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getInteger("seasonNumber") == 1 && e.getInteger("episodeNumber") == 1).findFirst().orElseThrow();
    renamed.put("title", "The Journey's End");
    JsonObject added = renamed.copy().put("id", 1_000_500).put("tvdbId", 9_100_500).put("seasonNumber", 2)
        .put("episodeNumber", 5).put("title", "A brand-new episode");
    episodes.add(added);
    library.sonarr.put(library.sonarr.series(TestLibrary.FRIEREN), episodes);
    Gate frierensEpisodes = library.sonarr.hold(EPISODES_OF_FRIEREN);
    long downloaded = library.episodeId(TestLibrary.FRIEREN, 1, 2);

    Future<Message<JsonObject>> sync = library.service.vertx().eventBus().request(Addresses.SYNC,
        new JsonObject().put("mode", "full"), new DeliveryOptions().setSendTimeout(60_000));
    frierensEpisodes.awaitHeld(1);
    HttpResponse<Buffer> toggle = library.service.patch("/api/series/" + frieren + "/auto-download", "{\"enabled\":true}");
    HttpResponse<Buffer> report = library.service.patch("/api/episodes/" + downloaded + "/download-status",
        "{\"status\":\"downloaded\",\"downloadedAt\":\"2024-01-05T10:00:00Z\"}");
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM sync_runs WHERE status = 'running'"))
        .as("the writes were made while the sync was still running").isEqualTo(1);
    frierensEpisodes.open();
    JsonObject run = TestService.await(sync).body();

    assertThat(toggle.statusCode()).isEqualTo(200);
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts").getInteger("episodesInserted")).isEqualTo(1);
    JsonArray now = new JsonArray(library.service.get("/api/series/" + frieren + "/episodes").bodyAsString());
    for (Object item : now) {
      JsonObject episode = (JsonObject) item;
      boolean specials = episode.getInteger("seasonNumber") == 0;
      assertThat(episode.getBoolean("isAutoDownloadEnabled")).as(episode.getString("title")).isEqualTo(!specials);
      String expected = specials ? "disabled" : episode.getLong("id") == downloaded ? "downloaded" : "pending";
      assertThat(episode.getString("autoDownloadStatus")).as(episode.getString("title")).isEqualTo(expected);
    }
    assertThat(find(now, 1_000_500).getString("title")).isEqualTo("A brand-new episode");
    assertThat(find(now, renamed.getLong("id")).getString("title")).isEqualTo("The Journey's End");
    assertThat(now.stream().map(e -> (JsonObject) e).filter(e -> e.getLong("id") == downloaded).findFirst().orElseThrow()
        .getString("downloadedAt")).isEqualTo("2024-01-05T10:00:00Z");
  }

  @Test
  void a_resync_after_user_writes_rewrites_no_row_and_keeps_every_setting() {
    library.service.patch("/api/series/" + frieren + "/auto-download", "{\"enabled\":true}");
    library.service.patch("/api/series/" + frieren + "/seasons/0/auto-download", "{\"enabled\":true}");
    library.service.patch("/api/episodes/" + library.episodeId(TestLibrary.FRIEREN, 1, 3) + "/download-status",
        "{\"status\":\"downloaded\"}");
    String before = rowVersionsAndUserState();

    JsonObject run = library.service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts").getInteger("seriesUnchanged")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(rowVersionsAndUserState()).isEqualTo(before);
  }

  @Test
  void a_toggle_that_deadlocks_with_another_writer_is_tried_again_and_succeeds() throws Exception {
    long episode = library.episodeId(TestLibrary.FRIEREN, 2, 3);
    try (Connection other = TestDatabases.jdbc(library.service.database())) {
      other.setAutoCommit(false);
      try (Statement sql = other.createStatement()) {
        // This session waits long before checking for deadlocks, so the service's session is the one aborted.
        sql.execute("SET deadlock_timeout = '30s'");
        sql.executeUpdate("UPDATE series_episodes SET title = title WHERE id = " + episode);

        Future<HttpResponse<Buffer>> toggle = library.service.sendAsync(HttpMethod.PATCH,
            "/api/series/" + frieren + "/auto-download", "{\"enabled\":true}", Map.of());
        awaitBlockedOn("UPDATE series_episodes");
        // Now each session waits for the other: the service holds the series row, this one the episode.
        sql.executeUpdate("UPDATE series SET title = title WHERE id = " + frieren);
        other.commit();

        HttpResponse<Buffer> answer = TestService.await(toggle);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(object(answer).getBoolean("isAutoDownloadEnabled")).isTrue();
      }
    }
    assertThat(Sql.count(library.service.database(), """
        SELECT count(*) FROM series_episodes
         WHERE series_id = %d AND season_number <> 0 AND NOT is_auto_download_enabled""".formatted(frieren))).isZero();
  }

  @Test
  void a_season_switched_on_while_a_sync_writes_a_new_episode_of_it_covers_that_episode() throws Exception {
    JsonArray episodes = library.sonarr.episodes(TestLibrary.FRIEREN).copy();
    JsonObject template = episodes.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getInteger("seasonNumber") == 2).findFirst().orElseThrow();
    episodes.add(template.copy().put("id", 1_000_600).put("tvdbId", 9_100_600).put("episodeNumber", 40)
        .put("title", "A brand-new episode"));
    library.sonarr.put(library.sonarr.series(TestLibrary.FRIEREN), episodes); // the series' own row is unchanged

    Future<HttpResponse<Buffer>> toggle;
    Future<Message<JsonObject>> sync;
    try (Connection other = TestDatabases.jdbc(library.service.database())) {
      other.setAutoCommit(false);
      try (Statement sql = other.createStatement()) {
        // Holds the group's last statement (its fingerprint), so the group's transaction stays open
        // after it has written the new episode with the season's switch as it was (off).
        sql.executeUpdate("UPDATE series_sync_fingerprints SET updated_at = updated_at WHERE series_id = " + frieren);
        sync = library.service.vertx().eventBus().request(Addresses.SYNC,
            new JsonObject().put("mode", "full"), new DeliveryOptions().setSendTimeout(60_000));
        awaitBlockedOn("series_sync_fingerprints");

        toggle = library.service.sendAsync(HttpMethod.PATCH,
            "/api/series/" + frieren + "/seasons/2/auto-download", "{\"enabled\":true}", Map.of());
        Eventually.await("the toggle answers or waits for the sync's group", () -> toggle.isComplete()
            || blockedOn("FOR UPDATE OF s"));
        other.commit();
      }
    }
    assertThat(TestService.await(sync).body().getJsonObject("counts").getInteger("episodesInserted")).isEqualTo(1);
    assertThat(TestService.await(toggle).statusCode()).isEqualTo(200);

    assertThat(Sql.count(library.service.database(), """
        SELECT count(*) FROM series_episodes
         WHERE sonarr_episode_id = 1000600 AND is_auto_download_enabled AND auto_download_status = 'pending'"""))
        .as("the new episode of the season switched on").isEqualTo(1);
  }

  /** Waits until a session of the service waits for a lock while running a statement starting so. */
  private void awaitBlockedOn(String statement) {
    Eventually.await("a statement with '" + statement + "' waits for a lock", () -> blockedOn(statement));
  }

  /** Whether a session of the service waits for a lock while running a statement containing this text. */
  private boolean blockedOn(String statement) {
    String database = library.service.database().url().database();
    return Sql.count(library.service.database(), """
        SELECT count(*) FROM pg_stat_activity
         WHERE datname = '%s' AND wait_event_type = 'Lock' AND query LIKE '%%%s%%'""".formatted(database, statement)) > 0;
  }

  private String rowVersionsAndUserState() {
    return Sql.rows(library.service.database(), """
        SELECT 'series' AS t, id, xmin::text, is_auto_download_enabled, auto_download_status, NULL::timestamptz AS downloaded_at
          FROM series
        UNION ALL SELECT 'season', id, xmin::text, is_auto_download_enabled, auto_download_status, NULL FROM series_seasons
        UNION ALL SELECT 'episode', id, xmin::text, is_auto_download_enabled, auto_download_status, downloaded_at
          FROM series_episodes
        UNION ALL SELECT 'image', id, xmin::text, NULL, NULL, NULL FROM series_images
        UNION ALL SELECT 'title', id, xmin::text, NULL, NULL, NULL FROM series_alternate_titles
         ORDER BY 1, 2""").toString();
  }

  private static JsonObject find(JsonArray episodes, long sonarrEpisodeId) {
    return episodes.stream().map(e -> (JsonObject) e).filter(e -> e.getLong("sonarrEpisodeId") == sonarrEpisodeId)
        .findFirst().orElseThrow();
  }
}
