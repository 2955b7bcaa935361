package io.autoanime.sync;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.SyncRequest;
import io.autoanime.config.AppConfig;
import io.autoanime.config.Intervals;
import io.autoanime.sonarr.SonarrClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every sync: the bus adapter of {@link Addresses#SYNC}. Requests from the bus, start-up and the
 * schedule ({@link SyncSchedule}) go to the single-flight {@link SyncQueue}; a {@link SyncRunner}
 * carries the runs out, one at a time across instances too (see {@link SyncLock}).
 */
public final class SonarrSyncVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SonarrSyncVerticle.class);
  /** How many series a sync writes per transaction (a group's write waits for all its series). */
  public static final int SERIES_PER_TRANSACTION = SyncEngine.GROUP_SIZE;

  private final AppConfig config;
  private final Pool pool;
  private final Intervals intervals;
  private final Future<?> serviceUp;
  private SonarrClient sonarr;
  private SyncRunner runner;
  private SyncQueue queue;
  private SyncSchedule schedule;
  private MessageConsumer<Object> consumer;

  /**
   * The start-up sync and the schedule begin once {@code serviceUp} completes: {@link
   * io.autoanime.Application} completes it when every verticle is deployed, so that the start-up sync
   * does not slow the rest of the start down (nor is slowed by it).
   */
  public SonarrSyncVerticle(AppConfig config, Pool pool, Intervals intervals, Future<?> serviceUp) {
    this.config = config;
    this.pool = pool;
    this.intervals = intervals;
    this.serviceUp = serviceUp;
  }

  @Override
  public Future<?> start() {
    SyncEngine engine = null;
    if (config.sonarrConfigured()) {
      sonarr = new SonarrClient(vertx, config.sonarrUrl().get(), config.sonarrApiKey().get(), config.sonarrTuning());
      engine = new SyncEngine(vertx, sonarr, pool, config.sonarrTuning().concurrency());
    }
    runner = new SyncRunner(vertx, new SyncRuns(pool), new SyncLock(pool), engine, intervals);
    queue = new SyncQueue(runner);
    schedule = new SyncSchedule(vertx, config.syncOnStartup(), config.syncIntervalMinutes(),
        request -> queue.request(request, SyncQueue.NOBODY));
    consumer = vertx.eventBus().consumer(Addresses.SYNC, BusErrors.guard(this::onSyncMessage));
    return consumer.completion()
        .compose(v -> runner.failRunsLeftByDeadInstances())
        .onSuccess(v -> {
          if (config.sonarrConfigured()) {
            Context context = vertx.getOrCreateContext();
            serviceUp.onSuccess(up -> context.runOnContext(ignored -> {
              if (!queue.stopping()) {
                schedule.start();
              }
            }));
          } else {
            log.warn("{}; the API is served, and sync requests will fail until it is", AppConfig.SONARR_NOT_CONFIGURED);
          }
        });
  }

  @Override
  public Future<?> stop() {
    schedule.stop();
    if (queue.running()) {
      log.info("Stopping: the sync run going on ends once the series in flight are written");
    }
    Future<Void> ended = queue.stop();
    return consumer.unregister().compose(v -> ended).onComplete(v -> {
      if (sonarr != null) {
        sonarr.close();
      }
    });
  }

  private void onSyncMessage(Message<Object> message) {
    SyncRequest request = SyncRequest.fromJson(message.body() instanceof JsonObject body ? body : null);
    if (queue.stopping()) {
      message.fail(BusErrors.INTERNAL, SyncQueue.STOPPING);
      return;
    }
    if (!config.sonarrConfigured()) {
      runner.recordRefusedRun(request, AppConfig.SONARR_NOT_CONFIGURED)
          .onComplete(ignored -> message.fail(BusErrors.SONARR_FAILED, AppConfig.SONARR_NOT_CONFIGURED));
      return;
    }
    queue.request(request, new MessageWaiter(message));
  }

  /** Answers a bus request: the run object (with {@code joined}), or a failure code and message. */
  private record MessageWaiter(Message<Object> message) implements SyncQueue.Waiter {
    @Override
    public void answer(SyncRun run, boolean joined) {
      message.reply(run.toJson().put("joined", joined));
    }

    @Override
    public void fail(int code, String error) {
      message.fail(code, error);
    }
  }
}
