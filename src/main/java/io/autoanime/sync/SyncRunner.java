package io.autoanime.sync;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.SyncRequest;
import io.autoanime.config.Intervals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the runs the {@link SyncQueue} plans: takes the cross-instance lock (or joins, or waits
 * for, another instance's run: {@link OtherInstanceSync}), keeps the ledger row, has the {@link
 * SyncEngine} do the work, and publishes the run's start, progress and end on {@link
 * Addresses#SYNC_EVENTS}; a run that changed the library also names the series it changed on {@link
 * Addresses#LIBRARY_CHANGED}.
 */
final class SyncRunner implements SyncQueue.Runner {
  /** The sync's log lines keep the name operators know them by. */
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);

  private final Vertx vertx;
  private final SyncRuns runs;
  private final SyncLock lock;
  private final RunsLeftRunning leftRunning;
  private final OtherInstanceSync otherInstance;
  /** Null when Sonarr is not configured: then no run is ever planned. */
  private final SyncEngine engine;
  private final Intervals intervals;
  /** The held-back progress of the run going on (one run at a time). */
  private HeldProgress heldProgress = new HeldProgress();

  SyncRunner(Vertx vertx, SyncRuns runs, SyncLock lock, SyncEngine engine, Intervals intervals) {
    this.vertx = vertx;
    this.runs = runs;
    this.lock = lock;
    this.leftRunning = new RunsLeftRunning(runs);
    this.otherInstance = new OtherInstanceSync(vertx, runs, lock, intervals.otherInstanceSyncCheckMs(),
        this::publishOtherInstanceRun);
    this.engine = engine;
    this.intervals = intervals;
  }

  @Override
  public Future<Void> carryOut(SyncQueue.PlannedRun planned) {
    return lock.tryAcquire().compose(connection -> connection == null
        ? otherInstance.await(planned, heldLock -> carryOut(planned, heldLock))
        : carryOut(planned, connection));
  }

  /** At start-up: runs still marked running were left by a process that died, unless another instance holds the lock. */
  Future<Void> failRunsLeftByDeadInstances() {
    return leftRunning.fail().mapEmpty();
  }

  /** Records a run that could not start at all (Sonarr not configured), so the ledger shows why. */
  Future<Void> recordRefusedRun(SyncRequest request, String error) {
    SyncRun run = new SyncRun(request);
    return runs.insert(run).compose(id -> {
      run.assignId(id);
      run.finish(error);
      return runs.update(run);
    }).onFailure(e -> log.warn("Could not record the failed run: {}", e.getMessage()));
  }

  private Future<Void> carryOut(SyncQueue.PlannedRun planned, SqlConnection lockConnection) {
    SyncRun run = new SyncRun(planned.request());
    return runs.markInterrupted()
        .compose(v -> runs.insert(run))
        .compose(id -> {
          run.assignId(id);
          ProgressThrottle progress = new ProgressThrottle(intervals.syncProgressRecordMs(),
              intervals.syncProgressLogMs(), System::currentTimeMillis);
          heldProgress = new HeldProgress();
          log.info("Sync run {} started ({} sync, trigger {})", id, planned.request().mode().wireName(),
              planned.request().trigger().wireName());
          publish("started", run);
          planned.started(run);
          return engine.execute(run, () -> onProgress(run, progress), planned::serviceStopping)
              .transform(result -> {
                run.finish(result.succeeded() ? null : SyncEngine.describe(result.cause()));
                return runs.update(run);
              });
        })
        // The lock is let go before anyone hears of the end: whoever asked may at once read the runs
        // (which settles those left running only while no session holds the lock) or ask for more.
        .eventually(() -> lock.release(lockConnection))
        .onSuccess(v -> {
          heldProgress.cancel(vertx);
          logSummary(run);
          publish("finished", run);
          announceLibraryChange(run);
          planned.ended(run);
        });
  }

  private void onProgress(SyncRun run, ProgressThrottle progress) {
    if (progress.recordNow()) {
      recordProgress(run);
    } else if (heldProgress.timer < 0) {
      // Progress held back by the interval still goes out at its end: a run waiting on one slow
      // series shows how far it got instead of the count of a second before.
      HeldProgress held = heldProgress;
      held.timer = vertx.setTimer(Math.max(1, progress.msUntilNextRecord()), id -> {
        held.timer = -1;
        if (run.status() == RunStatus.RUNNING && progress.recordNow()) {
          recordProgress(run);
        }
      });
    }
    if (progress.logNow()) {
      log.info("Sync run {}: {} of {} series done", run.id(), run.seriesDone(), run.seriesTotal());
    }
  }

  private void recordProgress(SyncRun run) {
    runs.updateProgress(run).onFailure(e -> log.warn("Could not record the progress of run {}: {}",
        run.id(), e.getMessage()));
    publish("progress", run);
  }

  /** The timer that reports progress the interval held back, for the run going on. */
  private static final class HeldProgress {
    long timer = -1;

    void cancel(Vertx vertx) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }

  private void announceLibraryChange(SyncRun run) {
    if (run.changedLibrary()) {
      vertx.eventBus().publish(Addresses.LIBRARY_CHANGED, new JsonObject().put("runId", run.id())
          .put("seriesIds", new JsonArray(List.copyOf(run.changedSeriesIds()))));
    }
  }

  private void publish(String type, SyncRun run) {
    vertx.eventBus().publish(Addresses.SYNC_EVENTS, new JsonObject().put("type", type).put("run", run.toJson()));
  }

  /** Marked, so that this instance's metrics do not count a run the other instance counts. */
  private void publishOtherInstanceRun(String type, SyncRun run) {
    vertx.eventBus().publish(Addresses.SYNC_EVENTS, new JsonObject().put("type", type).put("run", run.toJson())
        .put("otherInstance", true));
  }

  private static void logSummary(SyncRun run) {
    JsonObject json = run.toJson();
    log.info("Sync run {} {} ({} sync, trigger {}): progress {}, counts {}{}", run.id(), json.getString("status"),
        json.getString("mode"), json.getString("trigger"), json.getJsonObject("progress").encode(),
        json.getJsonObject("counts").encode(), run.error() == null ? "" : ", error: " + run.error());
  }
}
