package io.autoanime.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.DatabaseUrl;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V11: a database synced before the sync marked everything under a removed series has such
 * series with seasons, episodes, images and alternate titles still shown present.
 */
class RemovedSeriesChildrenMigrationTest {
  private static final String[] CHILD_TABLES = {
      "series_seasons", "series_episodes", "series_images", "series_alternate_titles"};

  private final Database db = TestDatabases.empty();

  @Test
  void the_rows_under_a_series_already_marked_removed_are_marked_with_it_and_nothing_a_user_set_changes() {
    migrateTo("10");
    // 1 was removed from Sonarr and 3 detached (its id given to another show), before the fix; 2 is listed.
    Sql.update(db, """
        INSERT INTO series (id, sonarr_id, tvdb_id, title, removed_from_sonarr_at, is_auto_download_enabled,
                            auto_download_status)
        VALUES (1, 10, 100, 'Removed show', '2026-01-02T03:04:05Z', true, 'pending'),
               (2, 20, 200, 'Listed show', NULL, true, 'pending'),
               (3, NULL, 300, 'Detached show', '2026-02-03T04:05:06Z', false, 'disabled')""");
    Sql.update(db, """
        INSERT INTO series_seasons (series_id, season_number, is_auto_download_enabled, auto_download_status)
        SELECT id, n, n > 0, CASE WHEN n > 0 THEN 'pending' ELSE 'disabled' END
          FROM series, generate_series(0, 1) n""");
    Sql.update(db, """
        INSERT INTO series_episodes (sonarr_episode_id, series_id, season_id, season_number, episode_number,
                                     is_auto_download_enabled, auto_download_status, downloaded_at)
        SELECT s.id * 100 + e, s.id, ss.id, 1, e, e <> 3,
               CASE e WHEN 1 THEN 'downloaded' WHEN 2 THEN 'failed' ELSE 'disabled' END,
               CASE e WHEN 1 THEN timestamptz '2025-11-30T10:00:00Z' END
          FROM series s JOIN series_seasons ss ON ss.series_id = s.id AND ss.season_number = 1,
               generate_series(1, 3) e""");
    // Sonarr had stopped listing one episode of the removed show before the show itself went.
    Sql.update(db, "UPDATE series_episodes SET removed_from_sonarr_at = '2025-12-01T00:00:00Z'"
        + " WHERE sonarr_episode_id = 103");
    Sql.update(db, "INSERT INTO series_images (series_id, cover_type, url) SELECT id, 'poster', '/p.jpg' FROM series");
    Sql.update(db, "INSERT INTO series_alternate_titles (series_id, title) SELECT id, title || ' (alt)' FROM series");
    List<Map<String, Object>> userState = userState();
    List<Map<String, Object>> listedRows = rowVersions(2);
    List<Map<String, Object>> seriesRows = seriesRows();

    migrateTo("11");

    assertThat(Sql.rows(db, """
        SELECT c.t, c.series_id, c.removed_from_sonarr_at = s.removed_from_sonarr_at AS at_its_series_time,
               count(*) AS rows
          FROM (%s) AS c
          JOIN series s ON s.id = c.series_id
         WHERE s.removed_from_sonarr_at IS NOT NULL
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3""".formatted(everyChildRow())))
        .as("the rows under the removed series, marked at their series' time").containsExactly(
            row("series_alternate_titles", 1, true, 1), row("series_alternate_titles", 3, true, 1),
            row("series_episodes", 1, false, 1), row("series_episodes", 1, true, 2),
            row("series_episodes", 3, true, 3),
            row("series_images", 1, true, 1), row("series_images", 3, true, 1),
            row("series_seasons", 1, true, 2), row("series_seasons", 3, true, 2));
    assertThat(Sql.value(db, "SELECT removed_from_sonarr_at = '2025-12-01T00:00:00Z' FROM series_episodes"
        + " WHERE sonarr_episode_id = 103")).as("an episode marked before keeps its time").isEqualTo(true);
    assertThat(rowVersions(2)).as("the rows of the listed series, untouched").isEqualTo(listedRows);
    assertThat(seriesRows()).as("the series rows, untouched").isEqualTo(seriesRows);
    assertThat(userState()).as("every user column of every row").isEqualTo(userState);
  }

  private void migrateTo(String version) {
    DatabaseUrl url = db.url();
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:" + Migrations.LOCATION)
        .target(version)
        .load()
        .migrate();
    assertThat(Sql.value(db, "SELECT max(version::integer) FROM flyway_schema_history WHERE success"))
        .isEqualTo(Integer.parseInt(version));
  }

  /** (table, row id, row version, removed) of every row under series {@code seriesId}. */
  private List<Map<String, Object>> rowVersions(long seriesId) {
    return Sql.rows(db, "SELECT * FROM (" + everyChildRow() + ") AS c WHERE series_id = " + seriesId
        + " ORDER BY 1, 2");
  }

  private List<Map<String, Object>> seriesRows() {
    return Sql.rows(db, "SELECT id, xmin::text AS version, removed_from_sonarr_at FROM series ORDER BY id");
  }

  /** SQL: every row of the tables under the series, as (t, id, version, series_id, removed_from_sonarr_at). */
  private static String everyChildRow() {
    StringBuilder sql = new StringBuilder();
    for (String table : CHILD_TABLES) {
      sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table)
          .append("' AS t, id, xmin::text AS version, series_id, removed_from_sonarr_at FROM ").append(table);
    }
    return sql.toString();
  }

  private static Map<String, Object> row(String table, long seriesId, boolean atItsSeriesTime, long rows) {
    return Map.of("t", table, "series_id", seriesId, "at_its_series_time", atItsSeriesTime, "rows", rows);
  }

  private List<Map<String, Object>> userState() {
    return Sql.rows(db, """
        SELECT 'episode' AS t, id, is_auto_download_enabled, auto_download_status, downloaded_at
          FROM series_episodes
        UNION ALL SELECT 'season', id, is_auto_download_enabled, auto_download_status, NULL FROM series_seasons
        UNION ALL SELECT 'series', id, is_auto_download_enabled, auto_download_status, NULL FROM series
        ORDER BY 1, 2""");
  }
}
