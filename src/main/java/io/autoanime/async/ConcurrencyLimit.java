package io.autoanime.async;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs at most {@code limit} asynchronous tasks at once; the others wait, in the order they came.
 * Not thread-safe: use it from one Vert.x context.
 */
public final class ConcurrencyLimit {
  private final int limit;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public ConcurrencyLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a concurrency limit must be at least 1, not " + limit);
    }
    this.limit = limit;
  }

  /** Starts {@code task} now if fewer than the limit are running, else once one of them ends. */
  public <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    Runnable start = () -> {
      running++;
      Future<T> started;
      try {
        started = task.get();
      } catch (RuntimeException e) {
        started = Future.failedFuture(e);
      }
      started.onComplete(result -> {
        running--;
        Runnable next = waiting.poll();
        if (next != null) {
          next.run();
        }
        promise.handle(result);
      });
    };
    if (running < limit) {
      start.run();
    } else {
      waiting.add(start);
    }
    return promise.future();
  }

  /**
   * Applies {@code task} to every item with at most {@code concurrency} in flight. After a failure no
   * new item starts; the result waits for the ones in flight, then fails with the first failure.
   */
  public static <T> Future<Void> forEach(List<T> items, int concurrency, Function<T, Future<Void>> task) {
    ConcurrencyLimit limit = new ConcurrencyLimit(concurrency);
    Throwable[] firstFailure = new Throwable[1];
    List<Future<Void>> all = new ArrayList<>(items.size());
    for (T item : items) {
      all.add(limit.run(() -> {
        if (firstFailure[0] != null) {
          return Future.succeededFuture(); // not started
        }
        return task.apply(item).onFailure(failure -> {
          if (firstFailure[0] == null) {
            firstFailure[0] = failure;
          }
        });
      }));
    }
    return Future.join(all).transform(ignored ->
        firstFailure[0] == null ? Future.succeededFuture() : Future.failedFuture(firstFailure[0]));
  }
}
