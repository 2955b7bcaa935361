package io.autoanime.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The run ledger: every run is a row of {@code sync_runs}, so the history survives restarts. */
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

  private static final String RUNNING = "SELECT " + COLUMNS + " FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1";

  private static final String MARK_INTERRUPTED = """
      UPDATE sync_runs
         SET status = 'failed', finished_at = now(), error = $1
       WHERE status = 'running'""";

  private final Pool pool;

  public SyncRuns(Pool pool) {
    this.pool = pool;
  }

  Future<Long> insert(SyncRun run) {
    JsonObject json = run.toJson();
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(json.getString("trigger"), json.getString("mode"), json.getLong("sonarrSeriesId"),
            json.getString("status"), run.seriesTotal(), json.getJsonObject("counts")))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> update(SyncRun run) {
    JsonObject json = run.toJson();
    return pool.preparedQuery(UPDATE)
        .execute(progress(run.id(), json)
            .addString(json.getString("status"))
            .addOffsetDateTime(json.getString("finishedAt") == null ? null
                : OffsetDateTime.ofInstant(Instant.parse(json.getString("finishedAt")), ZoneOffset.UTC))
            .addString(json.getString("error")))
        .mapEmpty();
  }

  Future<Void> updateProgress(SyncRun run) {
    return pool.preparedQuery(UPDATE_PROGRESS).execute(progress(run.id(), run.toJson())).mapEmpty();
  }

  /** $1 to $6 of both updates: the run id, then its progress, counts, failures and warnings. */
  private static Tuple progress(long id, JsonObject json) {
    JsonObject progress = json.getJsonObject("progress");
    return Tuple.tuple()
        .addLong(id)
        .addInteger(progress.getInteger("seriesDone"))
        .addInteger(progress.getInteger("seriesTotal"))
        .addValue(json.getJsonObject("counts"))
        .addValue(json.getJsonArray("failures"))
        .addValue(json.getJsonArray("warnings"));
  }

  /** The latest run, or null before the first one. */
  public Future<JsonObject> latest() {
    return pool.query(LATEST).execute().map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
  }

  /** The run another instance is doing, or null. */
  Future<JsonObject> running() {
    return pool.query(RUNNING).execute().map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
  }

  /** The latest runs, newest first; {@code status} (null: any) keeps the runs that ended so. */
  public Future<JsonArray> recent(int limit, RunStatus status) {
    return pool.preparedQuery(RECENT).execute(Tuple.of(limit, status == null ? null : status.wireName())).map(rows -> {
      JsonArray runs = new JsonArray();
      rows.forEach(row -> runs.add(fromRow(row)));
      return runs;
    });
  }

  /** Call only while holding the sync lock: then no live instance is running any of these. */
  Future<Integer> markInterrupted() {
    return pool.preparedQuery(MARK_INTERRUPTED).execute(Tuple.of(INTERRUPTED)).map(rows -> rows.rowCount());
  }

  private static JsonObject fromRow(Row row) {
    OffsetDateTime finished = row.getOffsetDateTime("finished_at");
    return runJson(row.getLong("id"), row.getString("trigger"), row.getString("mode"), row.getLong("sonarr_series_id"),
        row.getString("status"), row.getOffsetDateTime("started_at").toInstant(),
        finished == null ? null : finished.toInstant(), row.getInteger("series_done"), row.getInteger("series_total"),
        (JsonObject) row.getValue("counts"), (JsonArray) row.getValue("failures"), (JsonArray) row.getValue("warnings"),
        row.getString("error"));
  }

  static JsonObject runJson(long id, String trigger, String mode, Long sonarrSeriesId, String status, Instant startedAt,
      Instant finishedAt, int seriesDone, int seriesTotal, JsonObject counts, JsonArray failures, JsonArray warnings,
      String error) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("trigger", trigger)
        .put("mode", mode);
    if (sonarrSeriesId != null) {
      json.put("sonarrSeriesId", sonarrSeriesId);
    }
    return json
        .put("status", status)
        .put("startedAt", startedAt.toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toString())
        .put("progress", new JsonObject().put("seriesDone", seriesDone).put("seriesTotal", seriesTotal))
        .put("counts", counts)
        .put("failures", failures)
        .put("warnings", warnings)
        .put("error", error);
  }
}
