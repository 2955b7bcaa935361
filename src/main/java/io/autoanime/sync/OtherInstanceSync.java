package io.autoanime.sync;

import io.autoanime.bus.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A planned run while another instance syncing the same database holds the sync lock. A run of that
 * instance which covers the request is joined, as a run of this one would be: read from the ledger,
 * its progress and end published here too, everyone answered as having joined it. A request it does
 * not cover starts right after it: the lock is tried again at every interval and the run carried out
 * here once it is taken. So is a joined run whose instance died (its lock died with its connection;
 * the run is then marked interrupted and this one's own run does the work).
 */
final class OtherInstanceSync {
  private final Vertx vertx;
  private final SyncRuns runs;
  private final SyncLock lock;
  private final long checkIntervalMs;
  /** Publishes a run's "progress" or "finished" on this instance's bus. */
  private final BiConsumer<String, SyncRun> publish;

  OtherInstanceSync(Vertx vertx, SyncRuns runs, SyncLock lock, long checkIntervalMs,
      BiConsumer<String, SyncRun> publish) {
    this.vertx = vertx;
    this.runs = runs;
    this.lock = lock;
    this.checkIntervalMs = checkIntervalMs;
    this.publish = publish;
  }

  /**
   * Completes once {@code planned} has been answered: by the other instance's run, or by the run
   * {@code carryOutHere} carries out with the lock's connection.
   */
  Future<Void> await(SyncQueue.PlannedRun planned, Function<SqlConnection, Future<Void>> carryOutHere) {
    Waiting waiting = new Waiting(planned, carryOutHere);
    waiting.look();
    return waiting.done.future();
  }

  private final class Waiting {
    private final SyncQueue.PlannedRun planned;
    private final Function<SqlConnection, Future<Void>> carryOutHere;
    private final Promise<Void> done = Promise.promise();
    /** The other instance's run that {@code planned} joined, as last read; null until one is. */
    private SyncRun joined;

    Waiting(SyncQueue.PlannedRun planned, Function<SqlConnection, Future<Void>> carryOutHere) {
      this.planned = planned;
      this.carryOutHere = carryOutHere;
    }

    void look() {
      if (planned.serviceStopping()) {
        planned.refused(BusErrors.INTERNAL, SyncQueue.STOPPING);
        done.complete();
        return;
      }
      (joined == null ? joinCoveringRun() : joinedRunEnded())
          .compose(ended -> ended ? Future.succeededFuture(true) : tryTheLock())
          .onSuccess(answered -> {
            if (answered) {
              done.complete();
            } else {
              vertx.setTimer(checkIntervalMs, id -> look());
            }
          })
          .onFailure(done::fail);
    }

    /** Joins the other instance's run when it covers the request; answers false (it goes on). */
    private Future<Boolean> joinCoveringRun() {
      return runs.running().map(running -> {
        if (running != null && running.request().covers(planned.request())) {
          joined = running;
          planned.joinedElsewhere(running);
        }
        return false;
      });
    }

    /** Reads the joined run again: true once it has ended and everyone has been told how. */
    private Future<Boolean> joinedRunEnded() {
      return runs.byId(joined.id()).map(run -> {
        if (run.status() == RunStatus.RUNNING) {
          if (run.seriesDone() != joined.seriesDone()) {
            publish.accept("progress", run);
          }
          joined = run;
          return false;
        }
        publish.accept("finished", run);
        planned.ended(run);
        return true;
      });
    }

    /**
     * Takes the lock if the other instance let go of it: true once the request has been carried out
     * here, or answered by the run it joined (which may have ended just before the lock was free).
     */
    private Future<Boolean> tryTheLock() {
      return lock.tryAcquire().compose(connection -> {
        if (connection == null) {
          return Future.succeededFuture(false);
        }
        if (joined == null) {
          return carryOutHere.apply(connection).map(true);
        }
        return joinedRunEnded().transform(ended -> ended.succeeded() && !ended.result()
            ? carryOutHere.apply(connection).map(true)
            : lock.release(connection).transform(released -> ended.succeeded()
                ? Future.succeededFuture(true)
                : Future.failedFuture(ended.cause())));
      });
    }
  }
}
