package io.autoanime.support;

import io.autoanime.db.Database;

/**
 * Lets a test choose where the service's writes of stored releases (feed_items rows) stop or fail,
 * from a session of its own: a trigger pauses every write of a row for which a condition holds (over
 * OLD and NEW) once the statement holds that row, until the test lets go of an advisory lock it
 * holds; another makes such writes fail. Closing ends the session and so lets go.
 */
public final class FeedItemWriteControl implements AutoCloseable {
  /** The advisory lock the test holds to pause a write. */
  private static final int PAUSE = 424_242;

  private final SqlSession session;

  public FeedItemWriteControl(Database database) {
    session = new SqlSession(database);
  }

  /** Every write of a row for which {@code condition} holds waits, holding the row, until {@link #letGo}. */
  public void pauseWrites(String condition) {
    execute("SELECT pg_advisory_lock(" + PAUSE + ")");
    execute("""
        CREATE FUNCTION test_pause_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF %s THEN
            PERFORM pg_advisory_xact_lock_shared(%d);
          END IF;
          RETURN NEW;
        END $$""".formatted(condition, PAUSE));
    execute("""
        CREATE TRIGGER test_pause_write BEFORE UPDATE ON feed_items
           FOR EACH ROW EXECUTE FUNCTION test_pause_write()""");
  }

  /** The paused writes go on (and later ones no longer wait). */
  public void letGo() {
    execute("SELECT pg_advisory_unlock(" + PAUSE + ")");
  }

  /** Every write of a row for which {@code condition} holds fails, until {@link #allowWrites}. */
  public void refuseWrites(String condition) {
    execute("""
        CREATE FUNCTION test_refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF %s THEN
            RAISE EXCEPTION 'the test refuses this write';
          END IF;
          RETURN NEW;
        END $$""".formatted(condition));
    execute("""
        CREATE TRIGGER test_refuse_write BEFORE UPDATE ON feed_items
           FOR EACH ROW EXECUTE FUNCTION test_refuse_write()""");
  }

  public void allowWrites() {
    execute("DROP TRIGGER test_refuse_write ON feed_items");
    execute("DROP FUNCTION test_refuse_write()");
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
