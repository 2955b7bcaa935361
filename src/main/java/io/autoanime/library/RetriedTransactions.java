package io.autoanime.library;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one transaction, and runs it again (a few times, after a short random pause) when
 * PostgreSQL aborted it for a deadlock (SQLSTATE 40P01) or a serialization failure (40001): the
 * user's writes and a sync's writes to the same series may collide, and the loser's transaction is
 * rolled back whole, so running it again is safe.
 */
public final class RetriedTransactions {
  private static final Logger log = LoggerFactory.getLogger(RetriedTransactions.class);
  static final int ATTEMPTS = 5;
  private static final long BASE_DELAY_MS = 25;

  private final Vertx vertx;
  private final Pool pool;

  public RetriedTransactions(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public <T> Future<T> run(String what, Function<SqlConnection, Future<T>> work) {
    return attempt(what, work, 1);
  }

  private <T> Future<T> attempt(String what, Function<SqlConnection, Future<T>> work, int attempt) {
    return pool.withTransaction(work).recover(failure -> {
      if (!isTransient(failure) || attempt >= ATTEMPTS) {
        return Future.failedFuture(failure);
      }
      long delay = BASE_DELAY_MS * (1L << (attempt - 1)) + ThreadLocalRandom.current().nextLong(BASE_DELAY_MS);
      log.warn("{}: transaction aborted by PostgreSQL ({}); trying again in {} ms (attempt {} of {})", what,
          ((DatabaseException) failure).getSqlState(), delay, attempt + 1, ATTEMPTS);
      Promise<T> retried = Promise.promise();
      vertx.setTimer(delay, id -> attempt(what, work, attempt + 1).onComplete(retried));
      return retried.future();
    });
  }

  static boolean isTransient(Throwable failure) {
    return failure instanceof DatabaseException database
        && ("40P01".equals(database.getSqlState()) || "40001".equals(database.getSqlState()));
  }
}
