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
