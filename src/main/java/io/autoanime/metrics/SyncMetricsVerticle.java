package io.autoanime.metrics;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.SyncMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync metrics, derived from the runs published on {@link Addresses#SYNC_EVENTS} (the sync code
 * knows nothing of them):
 * <ul>
 *   <li>{@code autoanime_sync_duration_seconds{mode,trigger,status}}: a timer per finished run;</li>
 *   <li>{@code autoanime_sync_rows_total{table,change}}: series and episode rows inserted, updated,
 *       unchanged and marked removed;</li>
 *   <li>{@code autoanime_sync_series_failed_total}: series that failed within a run;</li>
 *   <li>{@code autoanime_sync_last_success_age_seconds{mode}}: seconds since the last run of that
 *       mode ended with status {@code succeeded} (NaN before the first; read back from the run
 *       ledger at start, so it survives restarts).</li>
 * </ul>
 */
public final class SyncMetricsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SyncMetricsVerticle.class);

  static final String DURATION = "autoanime.sync.duration";
  static final String ROWS = "autoanime.sync.rows";
  static final String SERIES_FAILED = "autoanime.sync.series.failed";
  static final String LAST_SUCCESS_AGE = "autoanime.sync.last.success.age";

  private static final String LAST_SUCCESSES = """
      SELECT mode, max(finished_at) AS finished_at
        FROM sync_runs
       WHERE status = 'succeeded' AND finished_at IS NOT NULL
       GROUP BY mode""";

  /** Run-object count field, table label, change label. */
  private static final String[][] ROW_COUNTS = {
      {"seriesInserted", "series", "inserted"},
      {"seriesUpdated", "series", "updated"},
      {"seriesUnchanged", "series", "unchanged"},
      {"seriesMarkedRemoved", "series", "marked_removed"},
      {"episodesInserted", "episodes", "inserted"},
      {"episodesUpdated", "episodes", "updated"},
      {"episodesUnchanged", "episodes", "unchanged"},
      {"episodesMarkedRemoved", "episodes", "marked_removed"},
  };

  private final Pool pool;
  private final MeterRegistry registry;
  private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> consumer;

  public SyncMetricsVerticle(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    for (SyncMode mode : SyncMode.values()) {
      Gauge.builder(LAST_SUCCESS_AGE, () -> ageSeconds(mode.wireName()))
          .description("Seconds since the last sync run of this mode that succeeded (NaN before the first)")
          .baseUnit("seconds")
          .tag("mode", mode.wireName())
          .register(registry);
    }
    for (String[] count : ROW_COUNTS) {
      rowCounter(count[1], count[2]);
    }
    seriesFailedCounter();
    consumer = vertx.eventBus().consumer(Addresses.SYNC_EVENTS, this::onSyncEvent);
    return consumer.completion().compose(v -> loadLastSuccesses());
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  private Future<Void> loadLastSuccesses() {
    return pool.query(LAST_SUCCESSES).execute()
        .onSuccess(rows -> {
          for (Row row : rows) {
            lastSuccess.merge(row.getString("mode"), row.getOffsetDateTime("finished_at").toInstant(), SyncMetricsVerticle::later);
          }
        })
        .recover(e -> {
          log.warn("Could not read the last successful sync runs for the metrics: {}", e.getMessage());
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private void onSyncEvent(Message<JsonObject> message) {
    JsonObject event = message.body();
    if (event == null || !"finished".equals(event.getString("type")) || event.getJsonObject("run") == null
        || Boolean.TRUE.equals(event.getValue("otherInstance"))) {
      return; // another instance's run: that instance counts it
    }
    try {
      record(event.getJsonObject("run"));
    } catch (RuntimeException e) {
      log.warn("Could not record the metrics of a finished sync run: {}", e.toString());
    }
  }

  private void record(JsonObject run) {
    String mode = run.getString("mode", "unknown");
    String status = run.getString("status", "unknown");
    Instant startedAt = Instant.parse(run.getString("startedAt"));
    Instant finishedAt = run.getString("finishedAt") == null ? Instant.now() : Instant.parse(run.getString("finishedAt"));
    Timer.builder(DURATION)
        .description("Sync runs: how long they took, by mode, trigger and final status")
        .tag("mode", mode)
        .tag("trigger", run.getString("trigger", "unknown"))
        .tag("status", status)
        .register(registry)
        .record(Duration.between(startedAt, finishedAt));
    JsonObject counts = run.getJsonObject("counts", new JsonObject());
    for (String[] count : ROW_COUNTS) {
      rowCounter(count[1], count[2]).increment(counts.getInteger(count[0], 0));
    }
    seriesFailedCounter().increment(counts.getInteger("seriesFailed", 0));
    if ("succeeded".equals(status)) {
      lastSuccess.merge(mode, finishedAt, SyncMetricsVerticle::later);
    }
  }

  private Counter rowCounter(String table, String change) {
    return Counter.builder(ROWS)
        .description("Library rows a sync inserted, updated, left unchanged or marked removed")
        .tag("table", table)
        .tag("change", change)
        .register(registry);
  }

  private Counter seriesFailedCounter() {
    return Counter.builder(SERIES_FAILED).description("Series that failed within a sync run").register(registry);
  }

  private double ageSeconds(String mode) {
    Instant last = lastSuccess.get(mode);
    return last == null ? Double.NaN : Duration.between(last, Instant.now()).toMillis() / 1000.0;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
