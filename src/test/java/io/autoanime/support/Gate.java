package io.autoanime.support;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds the requests a fake server gets for some paths until the test opens it: the test decides
 * when the service's wait ends, instead of guessing how long it takes.
 */
public final class Gate {
  private final Predicate<String> paths;
  private final List<Runnable> held = new ArrayList<>();
  private boolean open;

  Gate(Predicate<String> paths) {
    this.paths = paths;
  }

  /** Holds the request if it is for one of this gate's paths and the gate is closed; says whether it did. */
  synchronized boolean hold(String path, HttpServerRequest request, Consumer<HttpServerRequest> answer) {
    if (open || !paths.test(path)) {
      return false;
    }
    Context context = io.vertx.core.Vertx.currentContext();
    request.pause();
    held.add(() -> context.runOnContext(v -> {
      request.resume();
      answer.accept(request);
    }));
    return true;
  }

  /** How many requests are held now. */
  public synchronized int held() {
    return held.size();
  }

  /** Waits until at least {@code count} requests are held (the service is waiting here); fails after a minute. */
  public Gate awaitHeld(int count) {
    Eventually.await(count + " request(s) held at the gate", () -> held() >= count);
    return this;
  }

  /** Lets the held requests and every later one through. */
  public void open() {
    List<Runnable> release;
    synchronized (this) {
      open = true;
      release = new ArrayList<>(held);
      held.clear();
    }
    release.forEach(Runnable::run);
  }
}
