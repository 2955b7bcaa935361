package io.autoanime.sync;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Makes sure only one service instance syncs a database at a time: a session-level PostgreSQL
 * advisory lock, held on a connection of its own for the whole run. PostgreSQL releases it when
 * that connection ends, so a holder that dies cannot leave it taken.
 */
final class SyncLock {
  /** "AutoAnime sync", as a 64-bit key. */
  private static final long KEY = 0x4155_544F_414E_494DL;

  /**
   * SQL that holds while no session holds the lock, for a statement that must not run beside a run
   * and must not take the lock either (see {@link RunsLeftRunning}). pg_locks shows a bigint key as
   * its two halves: the high one in {@code classid}, the low one in {@code objid}, with {@code objsubid} 1.
   */
  static final String NOT_HELD = """
      NOT EXISTS (SELECT 1
                    FROM pg_locks
                   WHERE locktype = 'advisory' AND granted
                     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                     AND classid = %d AND objid = %d AND objsubid = 1)"""
      .formatted(KEY >>> 32, KEY & 0xFFFF_FFFFL);

  private final Pool pool;

  SyncLock(Pool pool) {
    this.pool = pool;
  }

  /** The connection holding the lock, or null when another instance holds it. */
  Future<SqlConnection> tryAcquire() {
    return pool.getConnection().compose(connection -> connection
        .preparedQuery("SELECT pg_try_advisory_lock($1) AS acquired")
        .execute(Tuple.of(KEY))
        .transform(result -> {
          if (result.succeeded() && result.result().iterator().next().getBoolean("acquired")) {
            return Future.succeededFuture(connection);
          }
          connection.close();
          return result.succeeded() ? Future.succeededFuture(null) : Future.failedFuture(result.cause());
        }));
  }

  Future<Void> release(SqlConnection connection) {
    return connection.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(KEY))
        .transform(ignored -> connection.close());
  }
}
