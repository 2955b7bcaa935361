package io.autoanime.db;

import io.autoanime.async.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one transaction, and runs it again (a few times, after a short random pause) when
 * PostgreSQL aborted it for a deadlock (SQLSTATE 40P01) or a serialization failure (40001): the
 * user's writes and a sync's writes to the same series may collide, and the loser's transaction is
 * rolled back whole, so running it again is safe. The user's writes of rules and feeds may collide
 * with each other too, or lose a race to a foreign key ({@link #alsoOnForeignKeyRaces}).
 */
public final class RetriedTransactions {
  private static final Logger log = LoggerFactory.getLogger(RetriedTransactions.class);
  static final int ATTEMPTS = 5;
  private static final long BASE_DELAY_MS = 25;
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Pool pool;
  /** Pauses of 25, 50, 100, 200 ms, each plus up to 25 ms at random, so that the two losers do not collide again. */
  private final Retry retry;

  public RetriedTransactions(Vertx vertx, Pool pool) {
    this(vertx, pool, RetriedTransactions::isTransient);
  }

  private RetriedTransactions(Vertx vertx, Pool pool, Predicate<Throwable> worthRetrying) {
    this.pool = pool;
    this.retry = new Retry(vertx, ATTEMPTS - 1, worthRetrying,
        retry -> BASE_DELAY_MS * (1L << (retry - 1)) + ThreadLocalRandom.current().nextLong(BASE_DELAY_MS));
  }

  /**
   * As {@link #RetriedTransactions(Vertx, Pool)}, and also runs the work again when a foreign key
   * refused one of its writes (23503). Only for work that checks, in its transaction, the rows it
   * refers to, and clears the rows that refer to a row it deletes: such a refusal then means that
   * another transaction wrote or removed such a row meanwhile (PostgreSQL checks a foreign key against
   * rows committed after the statement began), and the work, run again, sees it and answers as it
   * would have.
   */
  public static RetriedTransactions alsoOnForeignKeyRaces(Vertx vertx, Pool pool) {
    return new RetriedTransactions(vertx, pool, failure -> isTransient(failure)
        || failure instanceof DatabaseException database && FOREIGN_KEY_VIOLATION.equals(database.getSqlState()));
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
