package io.autoanime.support;

import io.autoanime.db.Database;

/**
 * Lets a test hold rows locked from a transaction of its own session, so that a statement of the
 * service that locks them waits at the first it meets: one that locks its rows in id order holds
 * those before it and none after. Closing ends the session and so lets go.
 */
public final class HeldRows implements AutoCloseable {
  private final SqlSession session;
  private boolean holding;

  public HeldRows(Database database) {
    session = new SqlSession(database);
  }

  /** Locks the row {@code id} of {@code table} (FOR UPDATE) until {@link #letGo}. */
  public void lock(String table, long id) {
    if (!holding) {
      session.begin();
      holding = true;
    }
    session.execute("SELECT 1 FROM " + table + " WHERE id = " + id + " FOR UPDATE");
  }

  /** The rows held go (the statements waiting for them go on). */
  public void letGo() {
    session.commit();
    holding = false;
  }

  /** How many sessions of the service wait for a lock whose wait event is like {@code event} (a row's: '%'). */
  public long waitingForLocks(String event) {
    return session.waitingForLocks(event);
  }

  @Override
  public void close() {
    session.close();
  }
}
