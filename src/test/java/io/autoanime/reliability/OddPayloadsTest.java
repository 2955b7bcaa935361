package io.autoanime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Real-world oddities in Sonarr's replies: each fails at most its own series, and never loses data. */
class OddPayloadsTest extends ServiceTest {

  @Test
  void a_series_with_null_or_missing_required_fields_fails_alone_and_is_not_marked_removed() {
    service.fullSync();
    sonarr.series(TestLibrary.AERIAL_AFRICA).putNull("title");
    sonarr.series(TestLibrary.TESTED).getJsonArray("seasons").getJsonObject(1).remove("seasonNumber");
    sonarr.series(TestLibrary.FRIEREN).put("overview", "changed");

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("partial");
    assertThat(run.getJsonArray("failures").stream().map(JsonObject.class::cast).map(f -> f.getString("error")))
        .anySatisfy(error -> assertThat(error).contains("series 9 has no title"))
        .anySatisfy(error -> assertThat(error).contains("seasonNumber"));
    assertThat(run.getJsonObject("counts").getInteger("seriesMarkedRemoved")).isZero();
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 9")).isEqualTo("Aerial Africa");
    assertThat(Sql.value(db, "SELECT overview FROM series WHERE sonarr_id = 1")).isEqualTo("changed");
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  @Test
  void a_series_list_entry_without_an_id_fails_and_stops_removal_marking_for_the_run() {
    service.fullSync();
    sonarr.remove(TestLibrary.AERIAL_AFRICA);
    sonarr.put(new JsonObject().put("id", 0).put("title", "No id"), new JsonArray());

    JsonObject run = service.fullSync();

    assertThat(run.getJsonObject("counts").getInteger("seriesFailed")).isEqualTo(1);
    assertThat(run.getJsonArray("warnings").encode()).contains("without an id");
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
  }

  @Test
  void unknown_values_long_strings_and_nulls_in_optional_fields_are_stored_as_sent() {
    String longOverview = "x".repeat(200_000);
    sonarr.series(TestLibrary.FRIEREN).put("status", "zombie").put("seriesType", "documentary")
        .put("overview", longOverview).putNull("network").putNull("images");
    JsonObject episode = sonarr.episodes(TestLibrary.FRIEREN).getJsonObject(0);
    episode.putNull("overview").putNull("airDate").putNull("airDateUtc").putNull("absoluteEpisodeNumber")
        .put("title", "nul\u0000inside");

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(Sql.value(db, "SELECT status || '/' || series_type FROM series WHERE sonarr_id = 1")).isEqualTo("zombie/documentary");
    assertThat(Sql.value(db, "SELECT length(overview) FROM series WHERE sonarr_id = 1")).isEqualTo(200_000);
    assertThat(Sql.value(db, "SELECT title FROM series_episodes WHERE sonarr_episode_id = " + episode.getLong("id")))
        .isEqualTo("nulinside");
  }

  @Test
  void duplicate_ids_in_one_reply_keep_the_last_and_warn() {
    JsonArray episodes = sonarr.episodes(TestLibrary.FRIEREN);
    episodes.add(episodes.getJsonObject(0).copy().put("title", "the later copy"));
    JsonObject duplicate = sonarr.series(TestLibrary.AERIAL_AFRICA).copy().put("title", "Aerial Africa (again)");
    sonarr.failNext("/api/v3/series", 1, request -> {
      JsonArray list = new JsonArray();
      for (long id : new long[] {1, 8, 9, 340}) {
        list.add(sonarr.series(id));
      }
      request.response().putHeader("Content-Type", "application/json").end(list.add(duplicate).encode());
    });

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonArray("warnings").encode()).contains("series 9 appears more than once")
        .contains("episode " + episodes.getJsonObject(0).getLong("id") + " appears more than once");
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 9")).isEqualTo("Aerial Africa (again)");
    assertThat(Sql.value(db, "SELECT title FROM series_episodes WHERE sonarr_episode_id = " + episodes.getJsonObject(0).getLong("id")))
        .isEqualTo("the later copy");
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
  }

  @Test
  void a_series_whose_write_fails_midway_is_rolled_back_alone() {
    service.fullSync();
    // The database refuses one episode: the whole series' transaction must roll back, not half of it.
    Sql.update(db, "ALTER TABLE series_episodes ADD CONSTRAINT test_poison CHECK (title IS DISTINCT FROM 'poison')");
    sonarr.series(TestLibrary.FRIEREN).put("title", "Frieren (changed)");
    sonarr.episodes(TestLibrary.FRIEREN).getJsonObject(0).put("title", "fine");
    sonarr.episodes(TestLibrary.FRIEREN).getJsonObject(5).put("title", "poison");
    sonarr.series(TestLibrary.TESTED).put("title", "Tested (changed)");

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("partial");
    assertThat(run.getJsonArray("failures").getJsonObject(0).getLong("sonarrSeriesId")).isEqualTo(1L);
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 1")).isEqualTo("Frieren: Beyond Journey's End");
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE title = 'fine'")).isZero();
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 8")).isEqualTo("Tested (changed)");
  }
}
