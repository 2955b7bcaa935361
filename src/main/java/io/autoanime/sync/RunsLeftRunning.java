package io.autoanime.sync;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the runs a process that died left marked running: while no instance holds the sync lock,
 * no run is going on, so each is marked failed ("interrupted", as a run stopped by the service's own
 * shutdown). The lock is only tried, never waited for; while an instance runs a run (this one
 * included: the lock is held on a connection of the run's own), nothing changes.
 */
final class RunsLeftRunning {
  /** The sync's log lines keep the name operators know them by. */
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);

  private final SyncRuns runs;
  private final SyncLock lock;

  RunsLeftRunning(SyncRuns runs, SyncLock lock) {
    this.runs = runs;
    this.lock = lock;
  }

  /** The runs marked failed (0 while an instance holds the lock). */
  Future<Integer> fail() {
    return lock.tryAcquire().compose(connection -> connection == null
        ? Future.succeededFuture(0)
        : runs.markInterrupted().eventually(() -> lock.release(connection)))
        .onSuccess(count -> {
          if (count > 0) {
            log.warn("Marked {} sync run(s) failed: they were left running by a process that died", count);
          }
        });
  }

  /** As {@link #fail}, but only when a run is marked running: otherwise one probe of an (almost) empty index. */
  Future<Integer> failIfAnyIsMarkedRunning() {
    return runs.anyRunning().compose(any -> any ? fail() : Future.succeededFuture(0));
  }
}
