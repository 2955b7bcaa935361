package io.autoanime.support;

import io.autoanime.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A test's own database session, kept open: what it locks stays locked until it lets go or closes
 * (closing ends the session, and PostgreSQL lets go of its locks).
 */
final class SqlSession implements AutoCloseable {
  private final Database database;
  private final Connection connection;
  private final Statement statement;

  SqlSession(Database database) {
    this.database = database;
    try {
      connection = TestDatabases.jdbc(database);
      statement = connection.createStatement();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void execute(String sql) {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Statements from now on run in one transaction, until {@link #commit}. */
  void begin() {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Commits the transaction {@link #begin} started (letting go of its locks); statements commit one by one again. */
  void commit() {
    try {
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many sessions of the service wait for a lock whose wait event is like {@code event} (a row's: '%'). */
  long waitingForLocks(String event) {
    return Sql.sessionsWaitingForLocks(database, event);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
