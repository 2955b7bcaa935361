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
