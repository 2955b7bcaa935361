package io.autoanime.sync;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the runs a process that died left marked running: while no instance holds the sync lock,
 * no run is going on, so each is marked failed ("interrupted", as a run stopped by the service's own
 * shutdown). While an instance runs a run (this one included: the lock is held on a connection of the
 * run's own), nothing changes. The lock is only looked at, never taken, so a sync requested while a
 * settle goes on takes it as usual (a settle that took it made that sync answer 409).
 */
final class RunsLeftRunning {
  /** The sync's log lines keep the name operators know them by. */
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);

  private final SyncRuns runs;

  RunsLeftRunning(SyncRuns runs) {
    this.runs = runs;
  }

  /** The runs marked failed (0 while an instance holds the lock). */
  Future<Integer> fail() {
    return runs.markLeftRunning()
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
