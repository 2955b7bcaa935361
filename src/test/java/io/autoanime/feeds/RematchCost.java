package io.autoanime.feeds;

import io.autoanime.matching.ReleasePlacer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** For bench/ReleaseBenchmark: a re-placement after a sync that changed every one of these series. */
public final class RematchCost {
  private RematchCost() {}

  public static Future<JsonObject> afterSyncOf(Pool pool, List<Long> seriesIds) {
    FeedItemStore items = new FeedItemStore(pool);
    return new Rematcher(pool, items, new ReleasePlacer(pool)).rematch(RematchScope.libraryChanged(seriesIds))
        .map(outcome -> new JsonObject().put("releases", outcome.releases()).put("placed", outcome.placed())
            .put("changed", outcome.changed()));
  }
}
