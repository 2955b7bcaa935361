package io.autoanime.sync;

import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The runs nobody asks for: one full sync at start-up, and one every interval. */
final class SyncSchedule {
  private final Vertx vertx;
  private final boolean onStartup;
  private final long intervalMinutes;
  private final Consumer<SyncRequest> request;
  private long timer = -1;

  SyncSchedule(Vertx vertx, boolean onStartup, long intervalMinutes, Consumer<SyncRequest> request) {
    this.vertx = vertx;
    this.onStartup = onStartup;
    this.intervalMinutes = intervalMinutes;
    this.request = request;
  }

  void start() {
    if (onStartup) {
      request.accept(SyncRequest.full(SyncTrigger.STARTUP, false));
    }
    if (intervalMinutes > 0) {
      long interval = TimeUnit.MINUTES.toMillis(intervalMinutes);
      timer = vertx.setPeriodic(interval, interval, id -> request.accept(SyncRequest.full(SyncTrigger.SCHEDULE, false)));
    }
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}
