package io.autoanime.db;

import io.autoanime.async.Retry;
import io.vertx.core.Future;
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

  private final Pool pool;
  /** Pauses of 25, 50, 100, 200 ms, each plus up to 25 ms at random, so that the two losers do not collide again. */
  private final Retry retry;

  public RetriedTransactions(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.retry = new Retry(vertx, ATTEMPTS - 1, RetriedTransactions::isTransient,
        retry -> BASE_DELAY_MS * (1L << (retry - 1)) + ThreadLocalRandom.current().nextLong(BASE_DELAY_MS));
  }

  public <T> Future<T> run(String what, Function<SqlConnection, Future<T>> work) {
    return retry.announcing((failure, retry, pause) -> log.warn(
            "{}: transaction aborted by PostgreSQL ({}); trying again in {} ms (attempt {} of {})", what,
            ((DatabaseException) failure).getSqlState(), pause, retry + 1, ATTEMPTS))
        .run(() -> pool.withTransaction(work));
  }

  static boolean isTransient(Throwable failure) {
    return failure instanceof DatabaseException database
        && ("40P01".equals(database.getSqlState()) || "40001".equals(database.getSqlState()));
  }
}
