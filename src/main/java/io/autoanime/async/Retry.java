package io.autoanime.async;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.IntToLongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an asynchronous attempt again, after a pause that may grow, while its failure is worth
 * another try and retries are left. The pause is a Vert.x timer: nothing blocks.
 */
public final class Retry {
  /** Told of each retry before its pause: the failure, which retry comes (1, 2, ...), the pause. */
  public interface Announcer {
    void retrying(Throwable failure, int retry, long pauseMs);
  }

  private final Vertx vertx;
  private final int maxRetries;
  private final Predicate<Throwable> worthRetrying;
  private final IntToLongFunction pauseMs;
  private final Announcer announcer;

  /**
   * @param maxRetries how many times a failed attempt may be made again
   * @param pauseMs the pause before retry n (n = 1, 2, ...), in milliseconds
   */
  public Retry(Vertx vertx, int maxRetries, Predicate<Throwable> worthRetrying, IntToLongFunction pauseMs) {
    this(vertx, maxRetries, worthRetrying, pauseMs, (failure, retry, pause) -> { });
  }

  private Retry(Vertx vertx, int maxRetries, Predicate<Throwable> worthRetrying, IntToLongFunction pauseMs,
      Announcer announcer) {
    this.vertx = vertx;
    this.maxRetries = maxRetries;
    this.worthRetrying = worthRetrying;
    this.pauseMs = pauseMs;
    this.announcer = announcer;
  }

  /** The same retries, announcing each one (to log it, say). */
  public Retry announcing(Announcer announcer) {
    return new Retry(vertx, maxRetries, worthRetrying, pauseMs, announcer);
  }

  /** Pauses of {@code baseMs}, twice that, four times that, ... (at least 1 ms). */
  public static IntToLongFunction doubling(long baseMs) {
    return retry -> Math.max(1, baseMs << (retry - 1));
  }

  /** The first success of {@code attempt}, or its last failure. */
  public <T> Future<T> run(Supplier<Future<T>> attempt) {
    return run(attempt, 0);
  }

  private <T> Future<T> run(Supplier<Future<T>> attempt, int retriesDone) {
    return attempt.get().recover(failure -> {
      if (retriesDone >= maxRetries || !worthRetrying.test(failure)) {
        return Future.failedFuture(failure);
      }
      int retry = retriesDone + 1;
      long pause = Math.max(1, pauseMs.applyAsLong(retry));
      announcer.retrying(failure, retry, pause);
      Promise<T> retried = Promise.promise();
      vertx.setTimer(pause, id -> run(attempt, retry).onComplete(retried));
      return retried.future();
    });
  }
}
