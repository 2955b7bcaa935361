package io.autoanime.sync;

import static io.autoanime.sync.PresenceStatements.ADOPT_SERIES_ROWS;
import static io.autoanime.sync.PresenceStatements.DETACH_REUSED_SERIES_IDS;
import static io.autoanime.sync.PresenceStatements.MARK_DETACHED_SERIES_REMOVED;

import io.autoanime.sonarr.SonarrModels.Series;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settles which row each listed series is, in the caller's transaction (docs/reliability.md,
 * "Identity"): rows whose Sonarr id now names another show are detached, shows back under a new
 * Sonarr id take their old rows over, and only then are the detached rows no show took over marked
 * removed, with everything under them. A row detached and taken over at once (Sonarr swapped two
 * shows' ids) is never marked: its seasons and episodes stay as they are, and the run counts only
 * what changed.
 */
final class SeriesIdentities {
  private SeriesIdentities() {}

  /** What settling did: the rows taken over, how many were detached, and those of them marked removed. */
  record Settled(Set<Long> rowsTakenOver, int detached, SeriesRemoval.Marked markedRemoved) {
    static final Settled NOTHING = new Settled(Set.of(), 0, SeriesRemoval.Marked.NOTHING);
  }

  /**
   * @param series the listed series to settle (one without a tvdb id has no identity to settle)
   * @param listedSonarrIds every id of a complete series list, or null when only these series were
   *     fetched (see {@link PresenceStatements#ADOPT_SERIES_ROWS})
   */
  static Future<Settled> settle(SqlConnection transaction, List<Series> series, Long[] listedSonarrIds) {
    List<Series> withTvdb = series.stream().filter(s -> s.tvdbId() != null).toList();
    if (withTvdb.isEmpty()) {
      return Future.succeededFuture(Settled.NOTHING);
    }
    Long[] sonarrIds = withTvdb.stream().map(Series::id).toArray(Long[]::new);
    Long[] tvdbIds = withTvdb.stream().map(Series::tvdbId).toArray(Long[]::new);
    Future<RowSet<Row>> detached = transaction.preparedQuery(DETACH_REUSED_SERIES_IDS)
        .execute(Tuple.tuple().addArrayOfLong(sonarrIds).addArrayOfLong(tvdbIds));
    Future<RowSet<Row>> takenOver = transaction.preparedQuery(ADOPT_SERIES_ROWS).execute(Tuple.tuple()
        .addArrayOfLong(sonarrIds).addArrayOfLong(tvdbIds).addArrayOfLong(listedSonarrIds));
    return Future.all(detached, takenOver).compose(done -> {
      Long[] detachedRows = ids(detached.result()).toArray(Long[]::new);
      Future<SeriesRemoval.Marked> marked = detachedRows.length == 0
          ? Future.succeededFuture(SeriesRemoval.Marked.NOTHING)
          : SeriesRemoval.mark(transaction, MARK_DETACHED_SERIES_REMOVED,
              Tuple.tuple().addArrayOfLong(detachedRows));
      return marked.map(removed -> new Settled(ids(takenOver.result()), detachedRows.length, removed));
    });
  }

  private static Set<Long> ids(RowSet<Row> rows) {
    Set<Long> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.getLong("id")));
    return ids;
  }
}
