package io.autoanime.sync;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run ledger as it is shown (the status route, the runs list): before a read, a run left running
 * by a process that died is settled as failed when no instance holds the sync lock, so a live
 * instance does not show it running until its own next run (see {@link RunsLeftRunning}, which
 * never takes the lock).
 */
public final class ShownRuns {
  /** The sync's log lines keep the name operators know them by. */
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);

  private final SyncRuns runs;
  private final RunsLeftRunning leftRunning;

  public ShownRuns(Pool pool) {
    this.runs = new SyncRuns(pool);
    this.leftRunning = new RunsLeftRunning(runs);
  }

  /** The latest run, or null before the first one. */
  public Future<SyncRun> latest() {
    return settled().compose(v -> runs.latest());
  }

  /** The latest {@code limit} runs, newest first; {@code status} (null: any) keeps the runs that ended so. */
  public Future<List<SyncRun>> recent(int limit, RunStatus status) {
    return settled().compose(v -> runs.recent(limit, status));
  }

  /** Settling is a courtesy to the reader: when it fails, the runs are shown as stored. */
  private Future<Void> settled() {
    return leftRunning.failIfAnyIsMarkedRunning()
        .<Void>mapEmpty()
        .recover(failure -> {
          log.warn("Could not settle sync runs left running: {}", failure.getMessage());
          return Future.succeededFuture();
        });
  }
}
