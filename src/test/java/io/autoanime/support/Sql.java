package io.autoanime.support;

import io.autoanime.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC for setting up and checking database state in tests, independent of the service's code. */
public final class Sql {
  private Sql() {}

  public static List<Map<String, Object>> rows(Database database, String sql) {
    try (Connection connection = TestDatabases.jdbc(database); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Object value(Database database, String sql) {
    List<Map<String, Object>> rows = rows(database, sql);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  public static long count(Database database, String sql) {
    return ((Number) value(database, sql)).longValue();
  }

  public static int update(Database database, String sql) {
    try (Connection connection = TestDatabases.jdbc(database); Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many sessions wait for a lock whose wait event is like {@code event} (a row's: '%'). */
  public static long sessionsWaitingForLocks(Database database, String event) {
    return count(database, """
        SELECT count(*) FROM pg_stat_activity
         WHERE datname = '%s' AND wait_event_type = 'Lock' AND wait_event LIKE '%s'"""
        .formatted(database.url().database(), event));
  }
}
