package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import org.junit.jupiter.api.Test;

class NoOpResyncTest extends ServiceTest {

  @Test
  void a_sync_with_nothing_new_rewrites_no_row() {
    service.fullSync();
    var versionsBefore = rowVersions();

    var run = service.fullSync();

    // xmin changes whenever PostgreSQL writes a new version of a row: equal means not one row was rewritten.
    assertThat(rowVersions()).isEqualTo(versionsBefore);
    var counts = run.getJsonObject("counts");
    assertThat(counts.getInteger("seriesUnchanged")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(counts.getInteger("episodesUnchanged")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(counts.getInteger("seriesUpdated") + counts.getInteger("seriesInserted")
        + counts.getInteger("episodesUpdated") + counts.getInteger("episodesInserted")).isZero();
  }

  @Test
  void without_fingerprints_the_guarded_upserts_alone_still_rewrite_no_row() {
    service.fullSync();
    var versionsBefore = rowVersions();
    Sql.update(db, "DELETE FROM series_sync_fingerprints"); // forces every series through the upserts

    var run = service.fullSync();

    assertThat(rowVersions()).isEqualTo(versionsBefore);
    assertThat(run.getJsonObject("counts").getInteger("episodesUnchanged")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_sync_fingerprints")).isEqualTo(TestLibrary.STANDARD_SERIES);
  }

  @Test
  void a_resync_rewrites_exactly_the_rows_whose_synced_values_changed() {
    service.fullSync();
    var versionsBefore = rowVersions();
    sonarr.episodes(TestLibrary.TESTED).getJsonObject(10).put("title", "A new title");
    sonarr.episodes(TestLibrary.TESTED).getJsonObject(20).put("hasFile", false);

    var run = service.fullSync();

    var after = rowVersions();
    long rewritten = after.stream().filter(row -> !versionsBefore.contains(row)).count();
    assertThat(rewritten).isEqualTo(2);
    assertThat(run.getJsonObject("counts").getInteger("episodesUpdated")).isEqualTo(2);
    assertThat(run.getJsonObject("counts").getInteger("seriesUpdated")).isEqualTo(1);
    assertThat(Sql.value(db, "SELECT title FROM series_episodes WHERE sonarr_episode_id = "
        + sonarr.episodes(TestLibrary.TESTED).getJsonObject(10).getLong("id"))).isEqualTo("A new title");
  }
}
