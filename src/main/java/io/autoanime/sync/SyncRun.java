package io.autoanime.sync;

import io.autoanime.bus.SyncRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run: its state while it goes on, or as the ledger keeps it ({@link SyncRuns}). {@link #toJson()}
 * is the contract's run object.
 */
public final class SyncRun {
  /** A series that failed, by its Sonarr id (null when Sonarr's list gave it none). */
  public record Failure(Long sonarrSeriesId, String error) {
    JsonObject toJson() {
      return new JsonObject().put("sonarrSeriesId", sonarrSeriesId).put("error", error);
    }

    static Failure fromJson(JsonObject json) {
      return new Failure(json.getLong("sonarrSeriesId"), json.getString("error"));
    }
  }

  private final SyncRequest request;
  private long id;
  private RunStatus status = RunStatus.RUNNING;
  private final Instant startedAt;
  private Instant finishedAt;
  private int seriesDone;
  private int seriesTotal;
  private final SyncCounts counts;
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Set<Long> changedSeriesIds = new HashSet<>();
  private String error;

  public SyncRun(SyncRequest request) {
    this.request = request;
    this.startedAt = Instant.now();
    this.counts = new SyncCounts();
  }

  private SyncRun(SyncRequest request, Instant startedAt, SyncCounts counts) {
    this.request = request;
    this.startedAt = startedAt;
    this.counts = counts;
  }

  /** A run as the ledger keeps it. */
  static SyncRun recorded(long id, SyncRequest request, RunStatus status, Instant startedAt, Instant finishedAt,
      int seriesDone, int seriesTotal, SyncCounts counts, List<Failure> failures, List<String> warnings, String error) {
    SyncRun run = new SyncRun(request, startedAt, counts);
    run.id = id;
    run.status = status;
    run.finishedAt = finishedAt;
    run.seriesDone = seriesDone;
    run.seriesTotal = seriesTotal;
    run.failures.addAll(failures);
    run.warnings.addAll(warnings);
    run.error = error;
    return run;
  }

  public SyncRequest request() {
    return request;
  }

  public long id() {
    return id;
  }

  void assignId(long id) {
    this.id = id;
  }

  public RunStatus status() {
    return status;
  }

  public String error() {
    return error;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  void seriesTotal(int total) {
    this.seriesTotal = total;
  }

  synchronized void seriesWritten(SeriesWriteResult result) {
    counts.add(result);
    seriesDone++;
    if (result.seriesChange() != SeriesWriteResult.Change.UNCHANGED) {
      changedSeriesIds.add(result.seriesRowId());
    }
  }

  /** The row ids of the series whose rows this run inserted or changed (not part of the run object). */
  public synchronized Set<Long> changedSeriesIds() {
    return Set.copyOf(changedSeriesIds);
  }

  /** Whether this run changed the library: wrote a series or marked one removed. */
  public synchronized boolean changedLibrary() {
    return !changedSeriesIds.isEmpty() || counts.seriesMarkedRemoved > 0;
  }

  synchronized void seriesFailed(Long sonarrSeriesId, String reason) {
    counts.seriesFailed++;
    seriesDone++;
    failures.add(new Failure(sonarrSeriesId, reason));
  }

  synchronized void markedRemoved(SeriesRemoval.Marked marked) {
    counts.seriesMarkedRemoved += marked.series();
    counts.episodesMarkedRemoved += marked.episodes();
  }

  synchronized void warn(String warning) {
    warnings.add(warning);
  }

  /** Ends the run: failed when nothing could be synced, partial when some series failed. */
  void finish(String fatalError) {
    finishedAt = Instant.now();
    error = fatalError;
    if (fatalError != null) {
      status = RunStatus.FAILED;
    } else if (counts.seriesFailed > 0) {
      status = counts.seriesFailed >= seriesTotal ? RunStatus.FAILED : RunStatus.PARTIAL;
      if (status == RunStatus.FAILED) {
        error = "every series failed; first failure: " + failures.get(0).error();
      }
    } else {
      status = RunStatus.SUCCEEDED;
    }
  }

  int seriesDone() {
    return seriesDone;
  }

  int seriesTotal() {
    return seriesTotal;
  }

  synchronized JsonObject countsJson() {
    return counts.toJson();
  }

  synchronized JsonArray failuresJson() {
    JsonArray json = new JsonArray();
    failures.forEach(failure -> json.add(failure.toJson()));
    return json;
  }

  synchronized JsonArray warningsJson() {
    return new JsonArray(new ArrayList<>(warnings));
  }

  public synchronized JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("trigger", request.trigger().wireName())
        .put("mode", request.mode().wireName());
    if (request.sonarrSeriesId() != null) {
      json.put("sonarrSeriesId", request.sonarrSeriesId());
    }
    return json
        .put("status", status.wireName())
        .put("startedAt", startedAt.toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toString())
        .put("progress", new JsonObject().put("seriesDone", seriesDone).put("seriesTotal", seriesTotal))
        .put("counts", counts.toJson())
        .put("failures", failuresJson())
        .put("warnings", warningsJson())
        .put("error", error);
  }
}
