package io.autoanime.sync;

import io.vertx.core.json.JsonObject;

/** What a run did to the library, as shown in the run object's {@code counts}. */
public final class SyncCounts {
  int seriesInserted;
  int seriesUpdated;
  int seriesUnchanged;
  int seriesMarkedRemoved;
  int seriesFailed;
  int episodesInserted;
  int episodesUpdated;
  int episodesUnchanged;
  int episodesMarkedRemoved;

  void add(SeriesWriteResult result) {
    switch (result.seriesChange()) {
      case INSERTED -> seriesInserted++;
      case UPDATED -> seriesUpdated++;
      case UNCHANGED -> seriesUnchanged++;
    }
    episodesInserted += result.episodesInserted();
    episodesUpdated += result.episodesUpdated();
    episodesUnchanged += result.episodesUnchanged();
    episodesMarkedRemoved += result.episodesMarkedRemoved();
  }

  /** Counts as the ledger keeps them; a count it lacks is zero. */
  static SyncCounts fromJson(JsonObject json) {
    SyncCounts counts = new SyncCounts();
    counts.seriesInserted = json.getInteger("seriesInserted", 0);
    counts.seriesUpdated = json.getInteger("seriesUpdated", 0);
    counts.seriesUnchanged = json.getInteger("seriesUnchanged", 0);
    counts.seriesMarkedRemoved = json.getInteger("seriesMarkedRemoved", 0);
    counts.seriesFailed = json.getInteger("seriesFailed", 0);
    counts.episodesInserted = json.getInteger("episodesInserted", 0);
    counts.episodesUpdated = json.getInteger("episodesUpdated", 0);
    counts.episodesUnchanged = json.getInteger("episodesUnchanged", 0);
    counts.episodesMarkedRemoved = json.getInteger("episodesMarkedRemoved", 0);
    return counts;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("seriesInserted", seriesInserted)
        .put("seriesUpdated", seriesUpdated)
        .put("seriesUnchanged", seriesUnchanged)
        .put("seriesMarkedRemoved", seriesMarkedRemoved)
        .put("seriesFailed", seriesFailed)
        .put("episodesInserted", episodesInserted)
        .put("episodesUpdated", episodesUpdated)
        .put("episodesUnchanged", episodesUnchanged)
        .put("episodesMarkedRemoved", episodesMarkedRemoved);
  }
}
