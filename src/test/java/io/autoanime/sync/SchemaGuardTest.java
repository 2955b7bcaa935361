package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.library.UserColumns;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the schema and the statements refuse. No test depends on what the library holds, so they share one service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaGuardTest extends ServiceTest {

  @Test
  void no_foreign_key_cascades_a_delete_into_a_table_with_user_columns() {
    List<String> tablesWithUserColumns = Sql.rows(db, """
        SELECT DISTINCT table_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name IN ('is_auto_download_enabled', 'auto_download_status', 'downloaded_at')
        """).stream().map(row -> (String) row.get("table_name")).toList();
    assertThat(tablesWithUserColumns).contains("series", "series_seasons", "series_episodes");

    // confdeltype: a = no action, r = restrict, c = cascade, n = set null, d = set default.
    var deletingKeys = Sql.rows(db, """
        SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent, confdeltype::text AS on_delete
          FROM pg_constraint
         WHERE contype = 'f' AND confdeltype NOT IN ('a', 'r')""");
    assertThat(deletingKeys).isEmpty();
    assertThat(Sql.rows(db, """
        SELECT conrelid::regclass::text AS child FROM pg_constraint WHERE contype = 'f' ORDER BY 1"""))
        .extracting(row -> row.get("child"))
        .containsExactly("download_episodes", "download_episodes", "download_rules", "download_rules", "downloads", "downloads",
            "feed_items", "feed_items", "feed_items", "series_alternate_titles", "series_images", "series_seasons",
            "series_sync_fingerprints");
  }

  @Test
  void the_database_refuses_to_delete_or_truncate_library_rows() {
    service.fullSync();
    var before = rowVersions();
    assertThat(before).isNotEmpty();
    for (String table : List.of("series", "series_seasons", "series_episodes", "series_images", "series_alternate_titles")) {
      assertThatThrownBy(() -> Sql.update(db, "DELETE FROM " + table + " WHERE id = (SELECT max(id) FROM " + table + ")"))
          .hasMessageContaining("rows of " + table + " are never deleted");
      assertThatThrownBy(() -> Sql.update(db, "TRUNCATE " + table + " CASCADE"))
          .hasMessageContaining("are never deleted");
    }
    assertThat(rowVersions()).isEqualTo(before);
  }

  @Test
  void the_upserts_never_set_a_user_column() {
    SyncedTables tables = SyncedTables.STANDARD;
    for (String sql : List.of(tables.series().upsertSql(), tables.seasons().upsertSql(),
        tables.episodes().upsertCountedPerSeriesSql(), tables.images().upsertSql(), tables.alternateTitles().upsertSql())) {
      String setClause = sql.substring(sql.indexOf("DO UPDATE SET"));
      assertThat(setClause).contains("IS DISTINCT FROM");
      for (String column : UserColumns.ALL) {
        assertThat(setClause).doesNotContain(column);
      }
    }
  }

  @Test
  void a_synced_column_list_cannot_name_a_user_column() {
    assertThatThrownBy(() -> SyncedTable.<Object>named("series_episodes").column("downloaded_at", ColumnType.TIMESTAMPTZ, row -> null))
        .hasMessageContaining("user column");
  }
}
