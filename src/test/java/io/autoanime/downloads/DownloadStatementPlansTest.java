package io.autoanime.downloads;

import static io.autoanime.support.QueryPlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.db.Database;
import io.autoanime.support.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The look for episodes switched off while their download ran (every DOWNLOAD_CHECK_MS, 30 s by
 * default) reads only the downloads that are not over, however long the history of imported and
 * cancelled ones grows.
 */
class DownloadStatementPlansTest {
  private final Database db = TestDatabases.fresh();

  @Test
  void the_switch_off_sweep_reads_only_the_downloads_not_over_through_an_index() throws Exception {
    db.migrate();
    try (Connection connection = TestDatabases.jdbc(db); Statement sql = connection.createStatement()) {
      // A library of 50,000 episodes, each downloaded once: 1% failed, 1% cancelled, a hundred downloading.
      sql.execute("INSERT INTO series (sonarr_id, tvdb_id, title) SELECT g, g, 'Show ' || g FROM generate_series(1, 200) g");
      sql.execute("""
          INSERT INTO series_episodes (series_id, sonarr_episode_id, tvdb_id, season_number, episode_number, title)
          SELECT s.id, s.id * 1000 + n, s.id * 1000 + n, 1, n, 'Episode ' || n FROM series s, generate_series(1, 250) n""");
      sql.execute("""
          INSERT INTO downloads (series_id, title, source, tag, trigger, status, cancelled_by)
          SELECT e.series_id, 'Release ' || e.id, 'magnet:?', 'autoanime-e' || e.id, 'auto',
                 CASE WHEN e.id % 100 = 0 THEN 'failed' WHEN e.id % 100 = 1 THEN 'cancelled'
                      WHEN e.id % 500 = 2 THEN 'downloading' ELSE 'imported' END,
                 CASE WHEN e.id % 100 = 1 THEN 'user' END
            FROM series_episodes e""");
      sql.execute("""
          INSERT INTO download_episodes (download_id, episode_id, tracked)
          SELECT d.id, e.id, d.status <> 'cancelled'
            FROM downloads d JOIN series_episodes e ON d.tag = 'autoanime-e' || e.id""");
      // Switched on (the sweep's statements look for episodes switched off).
      sql.execute("UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'downloaded'");
      sql.execute("ANALYZE");

      for (String statement : List.of(DownloadStore.TRACKING_NOTHING, DownloadStore.UNTRACK_SWITCHED_OFF)) {
        assertThat(plan(sql, "EXPLAIN " + statement))
            .as(statement)
            .doesNotContain("Seq Scan on downloads")
            .doesNotContain("Seq Scan on download_episodes")
            .doesNotContain("Seq Scan on series_episodes");
      }
    }
  }
}
