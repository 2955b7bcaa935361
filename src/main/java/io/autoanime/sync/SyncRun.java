package io.autoanime.sync;

import io.autoanime.bus.SyncRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The state of one run while it goes on; {@link #toJson()} is the contract's run object. */
public final class SyncRun {
  private final SyncRequest request;
  private long id;
  private RunStatus status = RunStatus.RUNNING;
  private final Instant startedAt = Instant.now();
  private Instant finishedAt;
  private int seriesDone;
  private int seriesTotal;
  private final SyncCounts counts = new SyncCounts();
  private final JsonArray failures = new JsonArray();
  private final JsonArray warnings = new JsonArray();
  private String error;

  public SyncRun(SyncRequest request) {
    this.request = request;
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

  void seriesTotal(int total) {
    this.seriesTotal = total;
  }

  synchronized void seriesWritten(SeriesWriteResult result) {
    counts.add(result);
    seriesDone++;
  }

  synchronized void seriesFailed(Long sonarrSeriesId, String reason) {
    counts.seriesFailed++;
    seriesDone++;
    failures.add(new JsonObject().put("sonarrSeriesId", sonarrSeriesId).put("error", reason));
  }

  void seriesMarkedRemoved(int count) {
    counts.seriesMarkedRemoved += count;
  }

  void warn(String warning) {
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
        error = "every series failed; first failure: " + failures.getJsonObject(0).getString("error");
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

  public synchronized JsonObject toJson() {
    return SyncRuns.runJson(id, request.trigger().wireName(), request.mode().wireName(), request.sonarrSeriesId(),
        status.wireName(), startedAt, finishedAt, seriesDone, seriesTotal, counts.toJson(), failures.copy(),
        warnings.copy(), error);
  }
}
