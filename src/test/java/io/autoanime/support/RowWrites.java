package io.autoanime.support;

import io.autoanime.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Counts every row written to the tables the user sees, so that a test can check, after each request,
 * that a refused one wrote nothing: a row-level trigger on each table bumps a sequence on every insert,
 * update and delete (even one that is rolled back later, or that writes the same values), and reading
 * the count is one cheap query. The tables are found in the schema when this is created, so tables
 * added by later migrations are covered without listing them. Left out: Flyway's history, and the run
 * ledger {@code sync_runs}, which a valid sync request goes on writing after it has been answered.
 */
public final class RowWrites implements AutoCloseable {
  private static final Set<String> LEFT_OUT = Set.of("flyway_schema_history", "sync_runs");

  private final Connection connection;
  private final List<String> tables = new ArrayList<>();

  public RowWrites(Database database) {
    try {
      connection = TestDatabases.jdbc(database);
      try (Statement statement = connection.createStatement()) {
        try (ResultSet rs = statement.executeQuery("""
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
             ORDER BY table_name""")) {
          while (rs.next()) {
            if (!LEFT_OUT.contains(rs.getString(1))) {
              tables.add(rs.getString(1));
            }
          }
        }
        statement.execute("""
            CREATE SEQUENCE test_row_writes;
            CREATE FUNCTION test_count_row_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM nextval('test_row_writes');
              RETURN NULL;
            END $$""");
        for (String table : tables) {
          statement.execute("""
              CREATE TRIGGER test_count_row_writes AFTER INSERT OR UPDATE OR DELETE ON %s
                 FOR EACH ROW EXECUTE FUNCTION test_count_row_write()""".formatted(table));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("no tables to watch: is the schema migrated?");
    }
  }

  /** How many rows have been written (inserted, updated or deleted) since this was created. */
  public long count() {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_row_writes")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The count once no sync run is going on (a sync of an unchanged Sonarr library writes no row). */
  public long afterSyncs() {
    Eventually.await("no sync run going on", () -> runningSyncs() == 0);
    return count();
  }

  /**
   * The count once the background work of an accepted request (a 202) has settled: no sync run is
   * going on, and the count is the same on two reads 50 ms apart.
   */
  public long settled() {
    long deadline = System.currentTimeMillis() + 30_000;
    long previous = afterSyncs();
    while (System.currentTimeMillis() < deadline) {
      pause(50);
      long current = afterSyncs();
      if (current == previous) {
        return current;
      }
      previous = current;
    }
    throw new AssertionError("rows were still being written 30 s after an accepted request");
  }

  private long runningSyncs() {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM sync_runs WHERE status = 'running'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
