package io.autoanime.sync;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.autoanime.config.AppConfig;
import io.autoanime.sonarr.SonarrClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every sync. Exactly one run at a time, across instances too (see {@link SyncLock}): a request
 * that the current run covers joins it; one it does not cover waits for the next run, joining a
 * queued run that covers it. Runs come from {@link Addresses#SYNC}, start-up and the schedule.
 */
public final class SonarrSyncVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);
  private static final long PROGRESS_INTERVAL_MS = 1000;
  private static final long PROGRESS_LOG_INTERVAL_MS = 5000;
  static final String NOT_CONFIGURED = "Sonarr is not configured: set SONARR_URL and SONARR_API_KEY";

  private final AppConfig config;
  private final Pool pool;
  private SyncRuns runs;
  private SyncLock lock;
  private SonarrClient sonarr;
  private SyncEngine engine;
  private MessageConsumer<Object> consumer;
  private long scheduleTimer = -1;

  private PlannedRun current;
  private final List<PlannedRun> queued = new ArrayList<>();
  private boolean stopping;
  private Promise<Void> currentEnded;

  public SonarrSyncVerticle(AppConfig config, Pool pool) {
    this.config = config;
    this.pool = pool;
  }

  /** A run that is queued or going on, with everyone waiting to hear about it. */
  private static final class PlannedRun {
    final SyncRequest request;
    final List<Waiter> waiters = new ArrayList<>();
    SyncRun run;
    /** Set once its waiters have been answered: from then on nobody may join it. */
    boolean ended;
    long lastPersistedAt;
    long lastLoggedAt;
    /** The timer that reports progress held back by the interval, or -1. */
    long heldProgressTimer = -1;

    PlannedRun(SyncRequest request) {
      this.request = request;
    }
  }

  /** Someone to answer: a bus message (null for start-up and schedule runs). */
  private record Waiter(Message<Object> message, boolean waitForEnd, boolean joined) {}

  @Override
  public Future<?> start() {
    runs = new SyncRuns(pool);
    lock = new SyncLock(pool);
    if (config.sonarrConfigured()) {
      sonarr = new SonarrClient(vertx, config.sonarrUrl().get(), config.sonarrApiKey().get(), config.sonarrTuning());
      engine = new SyncEngine(vertx, sonarr, pool, config.sonarrTuning().concurrency());
    }
    consumer = vertx.eventBus().consumer(Addresses.SYNC, BusErrors.guard(this::onSyncMessage));
    return consumer.completion()
        .compose(v -> failRunsLeftByDeadInstances())
        .onSuccess(v -> scheduleRuns());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(scheduleTimer);
    queued.forEach(planned -> answerFailure(planned, BusErrors.INTERNAL, "the service is stopping"));
    queued.clear();
    Future<Void> ended = currentEnded == null ? Future.succeededFuture() : currentEnded.future();
    return consumer.unregister().compose(v -> ended).onComplete(v -> {
      if (sonarr != null) {
        sonarr.close();
      }
    });
  }

  private Future<Void> failRunsLeftByDeadInstances() {
    return lock.tryAcquire().compose(connection -> {
      if (connection == null) {
        return Future.succeededFuture();
      }
      return runs.markInterrupted()
          .onSuccess(count -> {
            if (count > 0) {
              log.warn("Marked {} sync run(s) failed: they were left running by a process that died", count);
            }
          })
          .eventually(() -> lock.release(connection))
          .mapEmpty();
    });
  }

  private void scheduleRuns() {
    if (!config.sonarrConfigured()) {
      log.warn("{}; the API is served, and sync requests will fail until it is", NOT_CONFIGURED);
      return;
    }
    if (config.syncOnStartup()) {
      request(SyncRequest.full(SyncTrigger.STARTUP, false), null);
    }
    if (config.syncIntervalMinutes() > 0) {
      long interval = TimeUnit.MINUTES.toMillis(config.syncIntervalMinutes());
      scheduleTimer = vertx.setPeriodic(interval, interval,
          id -> request(SyncRequest.full(SyncTrigger.SCHEDULE, false), null));
    }
  }

  private void onSyncMessage(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body)) {
      throw new BadRequestException("the body must be a JSON object {\"mode\":\"full\"|\"new\"|\"series\",...}");
    }
    SyncRequest request = SyncRequest.fromJson(body);
    if (stopping) {
      message.fail(BusErrors.INTERNAL, "the service is stopping");
      return;
    }
    if (!config.sonarrConfigured()) {
      recordUnconfiguredRun(request).onComplete(ignored -> message.fail(BusErrors.SONARR_FAILED, NOT_CONFIGURED));
      return;
    }
    request(request, message);
  }

  private void request(SyncRequest request, Message<Object> message) {
    if (current != null && !current.ended && current.request.covers(request)) {
      join(current, request, message);
      return;
    }
    for (PlannedRun planned : queued) {
      if (planned.request.covers(request)) {
        join(planned, request, message);
        return;
      }
    }
    PlannedRun planned = new PlannedRun(request);
    planned.waiters.add(new Waiter(message, request.waitForEnd(), false));
    queued.add(planned);
    startNext();
  }

  private void join(PlannedRun planned, SyncRequest request, Message<Object> message) {
    if (planned.run != null && !request.waitForEnd()) {
      reply(message, planned.run, true);
    } else {
      planned.waiters.add(new Waiter(message, request.waitForEnd(), true));
    }
  }

  private void startNext() {
    if (current != null || queued.isEmpty() || stopping) {
      return;
    }
    PlannedRun planned = queued.remove(0);
    current = planned;
    currentEnded = Promise.promise();
    lock.tryAcquire()
        .compose(connection -> connection == null ? refuseBecauseAnotherInstanceSyncs(planned) : carryOut(planned, connection))
        .onFailure(e -> {
          log.error("Sync run could not be carried out", e);
          answerFailure(planned, BusErrors.INTERNAL, "the sync could not run: " + e.getMessage());
        })
        .onComplete(ignored -> {
          current = null;
          currentEnded.complete();
          startNext();
        });
  }

  private Future<Void> refuseBecauseAnotherInstanceSyncs(PlannedRun planned) {
    return runs.running().map(running -> {
      String which = running == null ? "" : " (run " + running.getLong("id") + ")";
      answerFailure(planned, BusErrors.CONFLICT, "another AutoAnime instance is syncing this database" + which);
      return null;
    });
  }

  private Future<Void> carryOut(PlannedRun planned, SqlConnection lockConnection) {
    SyncRun run = new SyncRun(planned.request);
    return runs.markInterrupted()
        .compose(v -> runs.insert(run))
        .compose(id -> {
          run.assignId(id);
          planned.run = run;
          planned.lastPersistedAt = planned.lastLoggedAt = System.currentTimeMillis();
          log.info("Sync run {} started ({} sync, trigger {})", id, planned.request.mode().wireName(),
              planned.request.trigger().wireName());
          publish("started", run);
          answerThoseNotWaiting(planned);
          return engine.execute(run, () -> onProgress(planned), () -> stopping)
              .transform(result -> {
                run.finish(result.succeeded() ? null : SyncEngine.describe(result.cause()));
                return runs.update(run);
              });
        })
        .onSuccess(v -> {
          planned.ended = true;
          vertx.cancelTimer(planned.heldProgressTimer);
          logSummary(run);
          publish("finished", run);
          answerThoseWaiting(planned, run, failureCode(run));
        })
        .eventually(() -> lock.release(lockConnection));
  }

  private void onProgress(PlannedRun planned) {
    long now = System.currentTimeMillis();
    if (now - planned.lastPersistedAt >= PROGRESS_INTERVAL_MS) {
      reportProgress(planned, now);
    } else if (planned.heldProgressTimer < 0) {
      // Progress held back by the interval still goes out at its end: a run waiting on one slow
      // series shows how far it got instead of the count of a second before.
      planned.heldProgressTimer = vertx.setTimer(planned.lastPersistedAt + PROGRESS_INTERVAL_MS - now, id -> {
        planned.heldProgressTimer = -1;
        if (!planned.ended && planned.run.status() == RunStatus.RUNNING) {
          reportProgress(planned, System.currentTimeMillis());
        }
      });
    }
    if (now - planned.lastLoggedAt >= PROGRESS_LOG_INTERVAL_MS) {
      planned.lastLoggedAt = now;
      log.info("Sync run {}: {} of {} series done", planned.run.id(), planned.run.seriesDone(), planned.run.seriesTotal());
    }
  }

  private void reportProgress(PlannedRun planned, long now) {
    planned.lastPersistedAt = now;
    runs.updateProgress(planned.run).onFailure(e -> log.warn("Could not record the progress of run {}: {}",
        planned.run.id(), e.getMessage()));
    publish("progress", planned.run);
  }

  private Future<Void> recordUnconfiguredRun(SyncRequest request) {
    SyncRun run = new SyncRun(request);
    return runs.insert(run).compose(id -> {
      run.assignId(id);
      run.finish(NOT_CONFIGURED);
      return runs.update(run);
    }).onFailure(e -> log.warn("Could not record the failed run: {}", e.getMessage()));
  }

  private static int failureCode(SyncRun run) {
    return run.status() == RunStatus.FAILED ? BusErrors.SONARR_FAILED : 0;
  }

  private void answerThoseNotWaiting(PlannedRun planned) {
    planned.waiters.removeIf(waiter -> {
      if (waiter.waitForEnd()) {
        return false;
      }
      reply(waiter.message(), planned.run, waiter.joined());
      return true;
    });
  }

  private void answerThoseWaiting(PlannedRun planned, SyncRun run, int failureCode) {
    for (Waiter waiter : planned.waiters) {
      if (waiter.message() == null) {
        continue;
      }
      if (failureCode != 0) {
        waiter.message().fail(failureCode, run.error() == null ? "the sync failed" : run.error());
      } else {
        reply(waiter.message(), run, waiter.joined());
      }
    }
    planned.waiters.clear();
  }

  private void answerFailure(PlannedRun planned, int code, String error) {
    planned.ended = true;
    for (Waiter waiter : planned.waiters) {
      if (waiter.message() != null) {
        waiter.message().fail(code, error);
      }
    }
    planned.waiters.clear();
  }

  private static void reply(Message<Object> message, SyncRun run, boolean joined) {
    if (message != null) {
      message.reply(run.toJson().put("joined", joined));
    }
  }

  private void publish(String type, SyncRun run) {
    vertx.eventBus().publish(Addresses.SYNC_EVENTS, new JsonObject().put("type", type).put("run", run.toJson()));
  }

  private static void logSummary(SyncRun run) {
    JsonObject json = run.toJson();
    log.info("Sync run {} {} ({} sync, trigger {}): progress {}, counts {}{}", run.id(), json.getString("status"),
        json.getString("mode"), json.getString("trigger"), json.getJsonObject("progress").encode(),
        json.getJsonObject("counts").encode(), run.error() == null ? "" : ", error: " + run.error());
  }
}
