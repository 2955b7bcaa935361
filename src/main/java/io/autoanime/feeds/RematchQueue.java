package io.autoanime.feeds;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Function;

/**
 * Runs re-placements one at a time (on the verticle's event loop). A change that arrives while one
 * runs is merged into the next run, and its caller is answered when that run ends, so an answer
 * always covers the change it was asked for.
 */
final class RematchQueue<T> {
  private final Function<RematchScope, Future<T>> run;
  private Future<T> running;
  private RematchScope next;
  private Promise<T> nextDone;

  RematchQueue(Function<RematchScope, Future<T>> run) {
    this.run = run;
  }

  Future<T> submit(RematchScope scope) {
    if (running == null) {
      return start(scope);
    }
    if (next == null) {
      next = scope;
      nextDone = Promise.promise();
    } else {
      next = next.with(scope);
    }
    return nextDone.future();
  }

  private Future<T> start(RematchScope scope) {
    Future<T> started = run.apply(scope);
    running = started;
    started.onComplete(done -> {
      running = null;
      if (next != null) {
        RematchScope scopeOfNext = next;
        Promise<T> answer = nextDone;
        next = null;
        nextDone = null;
        start(scopeOfNext).onComplete(answer);
      }
    });
    return started;
  }
}
