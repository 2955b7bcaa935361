package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Fixtures;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SyncModesTest extends ServiceTest {

  @Test
  void new_mode_adds_only_series_not_yet_known() {
    service.fullSync();
    sonarr.series(TestLibrary.AERIAL_AFRICA).put("title", "Changed upstream");
    sonarr.put(Fixtures.seriesLike(Fixtures.frieren(), 50, 777_001, "A New Show", 1), Fixtures.episodesFor(50, 5_000_001, 1, 2));
    sonarr.requests().clear();

    JsonObject run = service.syncAndWait(new JsonObject().put("mode", "new"));

    assertThat(run.getString("mode")).isEqualTo("new");
    assertThat(run.getJsonObject("counts").getInteger("seriesInserted")).isEqualTo(1);
    assertThat(run.getJsonObject("counts").getInteger("episodesInserted")).isEqualTo(2);
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 9")).isEqualTo("Aerial Africa");
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 50")).isEqualTo("A New Show");
    assertThat(sonarr.requests()).containsExactly("/api/v3/series", "/api/v3/episode?seriesId=50");
  }

  @Test
  void series_mode_touches_only_that_series() {
    service.fullSync();
    var versionsBefore = rowVersions();
    sonarr.series(TestLibrary.AERIAL_AFRICA).put("title", "Changed upstream");
    sonarr.series(TestLibrary.FRIEREN).put("title", "Frieren (new title)");

    JsonObject run = service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", 1));

    assertThat(run.getString("mode")).isEqualTo("series");
    assertThat(run.getLong("sonarrSeriesId")).isEqualTo(1L);
    assertThat(run.getJsonObject("counts").getInteger("seriesUpdated")).isEqualTo(1);
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 1")).isEqualTo("Frieren (new title)");
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 9")).isEqualTo("Aerial Africa");
    var changed = rowVersions().stream().filter(row -> !versionsBefore.contains(row)).toList();
    assertThat(changed).hasSize(1).allSatisfy(row -> assertThat(row.get("t")).isEqualTo("series"));
  }

  @Test
  void series_mode_for_a_series_sonarr_deleted_marks_it_and_its_episodes_removed() {
    service.fullSync();
    sonarr.remove(TestLibrary.AERIAL_AFRICA);

    JsonObject run = service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", 9));

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts").getInteger("seriesMarkedRemoved")).isEqualTo(1);
    assertThat(Sql.value(db, "SELECT removed_from_sonarr_at IS NOT NULL FROM series WHERE sonarr_id = 9")).isEqualTo(true);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes e JOIN series s ON s.id = e.series_id WHERE s.sonarr_id = 9"))
        .isEqualTo(3);
    assertThat(run.getJsonObject("counts").getInteger("episodesMarkedRemoved")).isEqualTo(3);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes e JOIN series s ON s.id = e.series_id"
        + " WHERE s.sonarr_id = 9 AND e.removed_from_sonarr_at IS NULL")).as("episodes still shown present").isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM series_seasons ss JOIN series s ON s.id = ss.series_id"
        + " WHERE s.sonarr_id = 9 AND ss.removed_from_sonarr_at IS NULL")).as("seasons still shown present").isZero();
  }
}
