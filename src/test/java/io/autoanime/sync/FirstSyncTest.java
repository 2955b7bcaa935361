package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstSyncTest {
  private Vertx sonarrVertx;
  private FakeSonarr sonarr;
  private TestService service;

  @BeforeEach
  void start() {
    sonarrVertx = Vertx.vertx();
    sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(sonarr));
  }

  @AfterEach
  void stop() {
    service.close();
    sonarr.stop();
    sonarrVertx.close();
  }

  @Test
  void a_full_sync_mirrors_series_seasons_episodes_images_and_titles() {
    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getJsonObject("counts").getInteger("seriesInserted")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(run.getJsonObject("counts").getInteger("episodesInserted")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(run.getJsonObject("progress").getInteger("seriesDone")).isEqualTo(TestLibrary.STANDARD_SERIES);
    var db = service.database();
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
}
