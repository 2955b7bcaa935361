package io.autoanime.sync;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks series removed together with everything under them: a series Sonarr no longer lists takes its
 * seasons, episodes, images and alternate titles along, in the caller's transaction. Without that,
 * the episodes of a series Sonarr deleted stayed present (and wanted by the downloader).
 */
final class SeriesRemoval {
  private SeriesRemoval() {}

  /** What one marking did: the series rows marked and the episodes marked under them. */
  record Marked(int series, int episodes) {
    static final Marked NOTHING = new Marked(0, 0);
  }

  /**
   * Runs {@code markSeries} (a statement answering the {@code id} of each series row it marked), then
   * marks what is under those rows.
   */
  static Future<Marked> mark(SqlConnection transaction, String markSeries, Tuple parameters) {
    return transaction.preparedQuery(markSeries).execute(parameters).compose(marked -> {
      Long[] seriesRowIds = ids(marked);
      if (seriesRowIds.length == 0) {
        return Future.succeededFuture(Marked.NOTHING);
      }
      return transaction.preparedQuery(PresenceStatements.MARK_EVERYTHING_UNDER_SERIES)
          .execute(Tuple.tuple().addArrayOfLong(seriesRowIds))
          .map(episodes -> new Marked(seriesRowIds.length, episodes.rowCount()));
    });
  }

  private static Long[] ids(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getLong("id")));
    return ids.toArray(Long[]::new);
  }
}
