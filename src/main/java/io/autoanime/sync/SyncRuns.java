package io.autoanime.sync;

import io.autoanime.bus.SyncMode;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The run ledger: every run is a row of {@code sync_runs}, so the history survives restarts. A
 * {@link SyncRun} goes in and comes out; JSON only where the row keeps it (counts, failures, warnings).
 */
public final class SyncRuns {
  static final String INTERRUPTED = "interrupted: the service stopped before the run ended";

  private static final String COLUMNS = """
      id, trigger, mode, sonarr_series_id, status, started_at, finished_at, series_done, series_total,
      counts, failures, warnings, error""";

  private static final String INSERT = """
      INSERT INTO sync_runs (trigger, mode, sonarr_series_id, status, series_total, counts)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE sync_runs
         SET series_done = $2, series_total = $3, counts = $4, failures = $5, warnings = $6,
             status = $7, finished_at = $8, error = $9
       WHERE id = $1""";

  /** Progress only, and only while the run is still running: a late progress write never undoes the end. */
  private static final String UPDATE_PROGRESS = """
      UPDATE sync_runs
         SET series_done = $2, series_total = $3, counts = $4, failures = $5, warnings = $6
       WHERE id = $1 AND status = 'running'""";

  private static final String LATEST = "SELECT " + COLUMNS + " FROM sync_runs ORDER BY id DESC LIMIT 1";

  /** $1 limit, $2 status or null for any. */
  private static final String RECENT = "SELECT " + COLUMNS + """
       FROM sync_runs
      WHERE $2::text IS NULL OR status = $2::text
      ORDER BY id DESC
      LIMIT $1""";

  private static final String BY_ID = "SELECT " + COLUMNS + " FROM sync_runs WHERE id = $1";

  private static final String RUNNING = "SELECT " + COLUMNS + " FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1";

  /** Answered from the partial index of running runs (migration V10). */
  private static final String ANY_RUNNING = "SELECT EXISTS (SELECT 1 FROM sync_runs WHERE status = 'running') AS any_running";

  private static final String MARK_INTERRUPTED = """
      UPDATE sync_runs
         SET status = 'failed', finished_at = now(), error = $1
       WHERE status = 'running'""";

  /**
   * The runs a process that died left running: while no instance holds the sync lock, no run is
   * going on. The lock is checked, never taken. The statement sees the runs marked before it
   * started, and a run starts only once its instance holds the lock, so a run that starts while it
   * runs is never among those it marks.
   */
  private static final String MARK_LEFT_RUNNING = """
      UPDATE sync_runs
         SET status = 'failed', finished_at = now(), error = $1
       WHERE status = 'running'
         AND %s""".formatted(SyncLock.NOT_HELD);

  private final Pool pool;

  public SyncRuns(Pool pool) {
    this.pool = pool;
  }

  Future<Long> insert(SyncRun run) {
    SyncRequest request = run.request();
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(request.trigger().wireName(), request.mode().wireName(), request.sonarrSeriesId(),
            run.status().wireName(), run.seriesTotal(), run.countsJson()))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> update(SyncRun run) {
    return pool.preparedQuery(UPDATE)
        .execute(progress(run)
            .addString(run.status().wireName())
            .addOffsetDateTime(run.finishedAt() == null ? null : OffsetDateTime.ofInstant(run.finishedAt(), ZoneOffset.UTC))
            .addString(run.error()))
        .mapEmpty();
  }

  Future<Void> updateProgress(SyncRun run) {
    return pool.preparedQuery(UPDATE_PROGRESS).execute(progress(run)).mapEmpty();
  }

  /** $1 to $6 of both updates: the run id, then its progress, counts, failures and warnings. */
  private static Tuple progress(SyncRun run) {
    // One consistent view of a run that series in flight may still be adding to.
    synchronized (run) {
      return Tuple.tuple()
          .addLong(run.id())
          .addInteger(run.seriesDone())
          .addInteger(run.seriesTotal())
          .addValue(run.countsJson())
          .addValue(run.failuresJson())
          .addValue(run.warningsJson());
    }
  }

  /** The latest run, or null before the first one. */
  public Future<SyncRun> latest() {
    return pool.query(LATEST).execute().map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
  }

  /** The run of this id, or null. */
  Future<SyncRun> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
  }

  /** The run another instance is doing, or null. */
  Future<SyncRun> running() {
    return pool.query(RUNNING).execute().map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
  }

  /** Whether any run is marked running (by a live instance, or left so by a dead one). */
  Future<Boolean> anyRunning() {
    return pool.query(ANY_RUNNING).execute().map(rows -> rows.iterator().next().getBoolean("any_running"));
  }

  /** The latest {@code limit} runs, newest first; {@code status} (null: any) keeps the runs that ended so. */
  public Future<List<SyncRun>> recent(int limit, RunStatus status) {
    return pool.preparedQuery(RECENT).execute(Tuple.of(limit, status == null ? null : status.wireName())).map(rows -> {
      List<SyncRun> runs = new ArrayList<>();
      rows.forEach(row -> runs.add(fromRow(row)));
      return runs;
    });
  }

  /** Call only while holding the sync lock: then no live instance is running any of these. */
  Future<Integer> markInterrupted() {
    return pool.preparedQuery(MARK_INTERRUPTED).execute(Tuple.of(INTERRUPTED)).map(rows -> rows.rowCount());
  }

  /** The runs marked failed: none while an instance holds the sync lock (it is running one of them). */
  Future<Integer> markLeftRunning() {
    return pool.preparedQuery(MARK_LEFT_RUNNING).execute(Tuple.of(INTERRUPTED)).map(rows -> rows.rowCount());
  }

  private static SyncRun fromRow(Row row) {
    SyncMode mode = SyncMode.parse(row.getString("mode"))
        .orElseThrow(() -> new IllegalStateException("sync run " + row.getLong("id") + " has an unknown mode"));
    SyncTrigger trigger = SyncTrigger.parse(row.getString("trigger"))
        .orElseThrow(() -> new IllegalStateException("sync run " + row.getLong("id") + " has an unknown trigger"));
    OffsetDateTime finished = row.getOffsetDateTime("finished_at");
    List<SyncRun.Failure> failures = new ArrayList<>();
    ((JsonArray) row.getValue("failures")).forEach(f -> failures.add(SyncRun.Failure.fromJson((JsonObject) f)));
    List<String> warnings = new ArrayList<>();
    ((JsonArray) row.getValue("warnings")).forEach(w -> warnings.add(String.valueOf(w)));
    return SyncRun.recorded(row.getLong("id"), new SyncRequest(mode, row.getLong("sonarr_series_id"), false, trigger),
        RunStatus.parse(row.getString("status")), row.getOffsetDateTime("started_at").toInstant(),
        finished == null ? null : finished.toInstant(), row.getInteger("series_done"), row.getInteger("series_total"),
        SyncCounts.fromJson((JsonObject) row.getValue("counts")), failures, warnings, row.getString("error"));
  }
}
