package io.autoanime.sync;

import static io.autoanime.support.QueryPlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.db.Database;
import io.autoanime.support.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sync's statements look rows up by key, whatever the planner believes about the tables. During
 * an initial sync the tables fill faster than statistics follow; joins then became hash joins that
 * read a whole table once per group (see {@link SyncedTable}).
 */
class StatementPlansTest {
  private static final int ROWS_PER_STATEMENT = 1250;

  private final Database db = TestDatabases.fresh();

  @Test
  void every_lookup_of_a_sync_statement_uses_an_index_on_tables_without_statistics() throws Exception {
    SyncedTables tables = SyncedTables.STANDARD;
    Map<String, String> argumentsByStatement = Map.of(
        tables.episodes().upsertCountedPerSeriesSql(), arrays(tables.episodes().parameterTypes().toArray(String[]::new)),
        tables.episodes().upsertOfNewRowsSql(), arrays(tables.episodes().parameterTypes().toArray(String[]::new)),
        tables.seasons().upsertSql(), arrays(tables.seasons().parameterTypes().toArray(String[]::new)),
        PresenceStatements.DETACH_REUSED_EPISODE_IDS, arrays("bigint", "bigint", "bigint", "integer", "integer", "integer"),
        PresenceStatements.LOCK_SERIES_ROWS, arrays("bigint"),
        PresenceStatements.DETACH_REUSED_SERIES_IDS, arrays("bigint", "bigint"),
        PresenceStatements.ADOPT_SERIES_ROWS, arrays("bigint", "bigint", "bigint"),
        PresenceStatements.MARK_DETACHED_SERIES_REMOVED, arrays("bigint"),
        PresenceStatements.SERIES_IDS_NAMING_OTHER_SHOWS, arrays("bigint", "bigint"));

    db.migrate();
    try (Connection connection = TestDatabases.jdbc(db); Statement sql = connection.createStatement()) {
      // What an initial sync leaves behind before autovacuum comes by: rows, and no statistics.
      sql.execute("INSERT INTO series (sonarr_id, tvdb_id, title) SELECT g, g, 'Show ' || g FROM generate_series(1, 2000) g");
      sql.execute("INSERT INTO series_seasons (series_id, season_number) SELECT id, n FROM series, generate_series(0, 3) n");
      sql.execute("""
          INSERT INTO series_episodes (series_id, sonarr_episode_id, tvdb_id, season_number, episode_number, title, overview)
          SELECT s.id, s.id * 1000 + e, s.id * 1000 + e, e % 4, e, 'Episode ' || e, repeat('An overview. ', 25)
            FROM series s, generate_series(1, 10) e""");

      for (var statement : argumentsByStatement.entrySet()) {
        sql.execute("PREPARE statement AS " + statement.getKey());
        String plan = plan(sql, "EXPLAIN EXECUTE statement(" + statement.getValue() + ")");
        sql.execute("DEALLOCATE statement");
        assertThat(plan)
            .as(statement.getKey())
            .doesNotContain("Seq Scan on series_episodes")
            .doesNotContain("Seq Scan on series_seasons")
            .doesNotContain("Seq Scan on series ");
      }
    }
  }

  /** One array argument per type, each as long as a group's statement carries. */
  private static String arrays(String... types) {
    StringBuilder arguments = new StringBuilder();
    for (String type : types) {
      String value = switch (type) {
        case "text" -> "'x'";
        case "boolean" -> "true";
        case "date" -> "'2024-01-01'";
        case "timestamptz" -> "'2024-01-01T00:00:00Z'";
        default -> "1";
      };
      arguments.append(arguments.isEmpty() ? "" : ", ")
          .append("array_fill(").append(value).append("::").append(type).append(", ARRAY[").append(ROWS_PER_STATEMENT)
          .append("])");
    }
    return arguments.toString();
  }
}
