package io.autoanime.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL's plan of a statement, for tests that check which indexes a statement uses. */
public final class QueryPlans {
  private QueryPlans() {}

  /** The text of {@code explain} (an {@code EXPLAIN ...} statement) run on {@code sql}, one line per plan line. */
  public static String plan(Statement sql, String explain) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = sql.executeQuery(explain)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
