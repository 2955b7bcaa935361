package io.autoanime.sync;

import io.autoanime.bus.BusErrors;
import io.autoanime.bus.SyncRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single flight: one run at a time. A request that the current run covers joins it; one it does not
 * cover waits for the next run, joining a queued run that covers it. Whoever asked is answered once
 * the run has started (when it does not wait for the end) or once it has ended.
 *
 * <p>Knows nothing of the bus, the database or time: a {@link Runner} carries the runs out and tells
 * their {@link PlannedRun} when one has started and ended (or joined a run of another instance).
 * Used from one Vert.x context, so its state needs no locking.
 */
final class SyncQueue {
  /** The sync's log lines keep the name operators know them by. */
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);
  static final String STOPPING = "the service is stopping";

  /** Someone to answer about a run (a bus message, say). */
  interface Waiter {
    /** The run as it is now (running, or ended and not failed); {@code joined} when another request started it. */
    void answer(SyncRun run, boolean joined);

    void fail(int code, String error);
  }

  /** Nobody to answer: runs of the schedule and of start-up. */
  static final Waiter NOBODY = new Waiter() {
    @Override
    public void answer(SyncRun run, boolean joined) {}

    @Override
    public void fail(int code, String error) {}
  };

  /** Carries a planned run out. */
  interface Runner {
    /**
     * Carries out {@code planned}, calling its {@link PlannedRun#started}, then {@link PlannedRun#ended}
     * (or {@link PlannedRun#refused}) on the way. Completes when the next run may start; a failure is
     * answered to everyone still waiting.
     */
    Future<Void> carryOut(PlannedRun planned);
  }

  private final Runner runner;
  private PlannedRun current;
  private final List<PlannedRun> queued = new ArrayList<>();
  private boolean stopping;
  private Promise<Void> currentEnded;

  SyncQueue(Runner runner) {
    this.runner = runner;
  }

  /** A run that is queued or going on, with everyone waiting to hear about it. */
  final class PlannedRun {
    private final SyncRequest request;
    private final List<Entry> waiters = new ArrayList<>();
    private SyncRun run;
    /** Set once its waiters have been answered: from then on nobody may join it. */
    private boolean ended;
    /** Set while it is another instance's run: then whoever asked joined that run. */
    private boolean elsewhere;

    private PlannedRun(SyncRequest request) {
      this.request = request;
    }

    SyncRequest request() {
      return request;
    }

    /** The service began to stop: the run should start no new series. */
    boolean serviceStopping() {
      return stopping;
    }

    /** The run has its id: those who do not wait for the end are answered now. */
    void started(SyncRun started) {
      elsewhere = false;
      answerThoseNotWaitingForTheEnd(started);
    }

    /**
     * Another instance (on the same database) is doing a run that covers this one: everyone joins it,
     * those who do not wait for the end are answered now, the others at {@link #ended}.
     */
    void joinedElsewhere(SyncRun running) {
      elsewhere = true;
      answerThoseNotWaitingForTheEnd(running);
    }

    private void answerThoseNotWaitingForTheEnd(SyncRun started) {
      run = started;
      waiters.removeIf(waiter -> {
        if (waiter.waitForEnd()) {
          return false;
        }
        waiter.waiter().answer(run, elsewhere || waiter.joined());
        return true;
      });
    }

    /** The run has ended: everyone still waiting hears how (a failed run fails them). */
    void ended(SyncRun finished) {
      ended = true;
      for (Entry entry : waiters) {
        if (finished.status() == RunStatus.FAILED) {
          entry.waiter().fail(BusErrors.SONARR_FAILED, finished.error() == null ? "the sync failed" : finished.error());
        } else {
          entry.waiter().answer(finished, elsewhere || entry.joined());
        }
      }
      waiters.clear();
    }

    /** The run will not happen (or not go on): everyone still waiting gets this failure. */
    void refused(int code, String error) {
      ended = true;
      waiters.forEach(entry -> entry.waiter().fail(code, error));
      waiters.clear();
    }

    private void join(SyncRequest joining, Waiter waiter) {
      if (run != null && !joining.waitForEnd()) {
        waiter.answer(run, true);
      } else {
        waiters.add(new Entry(waiter, joining.waitForEnd(), true));
      }
    }
  }

  private record Entry(Waiter waiter, boolean waitForEnd, boolean joined) {}

  void request(SyncRequest request, Waiter waiter) {
    if (stopping) {
      waiter.fail(BusErrors.INTERNAL, STOPPING);
      return;
    }
    if (current != null && !current.ended && current.request.covers(request)) {
      current.join(request, waiter);
      return;
    }
    for (PlannedRun planned : queued) {
      if (planned.request.covers(request)) {
        planned.join(request, waiter);
        return;
      }
    }
    PlannedRun planned = new PlannedRun(request);
    planned.waiters.add(new Entry(waiter, request.waitForEnd(), false));
    queued.add(planned);
    startNext();
  }

  boolean stopping() {
    return stopping;
  }

  /** Whether a run is going on. */
  boolean running() {
    return current != null;
  }

  /** Refuses queued and new requests; completes once the run going on (if any) has ended. */
  Future<Void> stop() {
    stopping = true;
    queued.forEach(planned -> planned.refused(BusErrors.INTERNAL, STOPPING));
    queued.clear();
    return currentEnded == null ? Future.succeededFuture() : currentEnded.future();
  }

  private void startNext() {
    if (current != null || queued.isEmpty() || stopping) {
      return;
    }
    PlannedRun planned = queued.remove(0);
    current = planned;
    currentEnded = Promise.promise();
    runner.carryOut(planned)
        .onFailure(e -> {
          log.error("Sync run could not be carried out", e);
          planned.refused(BusErrors.INTERNAL, "the sync could not run: " + e.getMessage());
        })
        .onComplete(ignored -> {
          current = null;
          currentEnded.complete();
          startNext();
        });
  }
}
