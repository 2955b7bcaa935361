package io.autoanime.support;

import io.autoanime.db.Database;

/**
 * Lets a test hold the service's transactions at their commit, from a session of its own: a
 * transaction that wrote a row of a table for which a condition holds (over OLD and NEW) waits when it
 * commits, after every statement of it ran and with every lock it took, until the test lets go of an
 * advisory lock it holds (a deferred constraint trigger). Closing ends the session and so lets go.
 */
public final class HeldCommits implements AutoCloseable {
  /** The advisory lock the test holds to hold a commit (not the one of {@link FeedItemWriteControl}). */
  private static final int HOLD = 434_343;

  private final SqlSession session;
  private int triggers;

  public HeldCommits(Database database) {
    session = new SqlSession(database);
    execute("SELECT pg_advisory_lock(" + HOLD + ")");
  }

  /**
   * Every transaction that {@code event}s ({@code INSERT}, {@code UPDATE} or {@code DELETE}) a row of
   * {@code table} for which {@code condition} holds waits at its commit until {@link #letGo}.
   */
  public void hold(String event, String table, String condition) {
    String name = "test_hold_commit_" + ++triggers;
    execute("""
        CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF %s THEN
            PERFORM pg_advisory_xact_lock_shared(%d);
          END IF;
          RETURN NULL;
        END $$""".formatted(name, condition, HOLD));
    execute("""
        CREATE CONSTRAINT TRIGGER %s AFTER %s ON %s DEFERRABLE INITIALLY DEFERRED
           FOR EACH ROW EXECUTE FUNCTION %s()""".formatted(name, event, table, name));
  }

  /** The held commits go on (and later ones are no longer held). */
  public void letGo() {
    execute("SELECT pg_advisory_unlock(" + HOLD + ")");
  }

  /** How many sessions of the service wait for a lock whose wait event is like {@code event} (a row's: '%'). */
  public long waitingForLocks(String event) {
    return session.waitingForLocks(event);
  }

  private void execute(String sql) {
    session.execute(sql);
  }

  @Override
  public void close() {
    session.close();
  }
}
