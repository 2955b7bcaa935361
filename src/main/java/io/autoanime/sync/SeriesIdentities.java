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

  /** The rows detached and the rows taken over, before the detached rows no show took over are marked. */
  record Moved(Long[] detachedRows, Set<Long> rowsTakenOver) {
    static final Moved NOTHING = new Moved(new Long[0], Set.of());
  }

  /**
   * @param series the listed series to settle (one without a tvdb id has no identity to settle)
   * @param listedSonarrIds every id of a complete series list, or null when only these series were
   *     fetched (see {@link PresenceStatements#ADOPT_SERIES_ROWS})
   */
  static Future<Settled> settle(SqlConnection transaction, List<Series> series, Long[] listedSonarrIds) {
    return detachAndTakeOver(transaction, series, listedSonarrIds).compose(moved -> markDetached(transaction, moved));
  }

  /** The first two steps of {@link #settle}: nothing is marked removed yet. */
  static Future<Moved> detachAndTakeOver(SqlConnection transaction, List<Series> series, Long[] listedSonarrIds) {
    List<Series> withTvdb = withTvdb(series);
    if (withTvdb.isEmpty()) {
      return Future.succeededFuture(Moved.NOTHING);
    }
    Future<RowSet<Row>> detached = transaction.preparedQuery(DETACH_REUSED_SERIES_IDS)
        .execute(Tuple.tuple().addArrayOfLong(sonarrIds(withTvdb)).addArrayOfLong(tvdbIds(withTvdb)));
    Future<Set<Long>> takenOver = takeOver(transaction, withTvdb, listedSonarrIds);
    return Future.all(detached, takenOver)
        .map(done -> new Moved(ids(detached.result()).toArray(Long[]::new), takenOver.result()));
  }

  /** The last step of {@link #settle}: the detached rows no show took over are marked removed. */
  static Future<Settled> markDetached(SqlConnection transaction, Moved moved) {
    Future<SeriesRemoval.Marked> marked = moved.detachedRows().length == 0
        ? Future.succeededFuture(SeriesRemoval.Marked.NOTHING)
        : SeriesRemoval.mark(transaction, MARK_DETACHED_SERIES_REMOVED,
            Tuple.tuple().addArrayOfLong(moved.detachedRows()));
    return marked.map(removed -> new Settled(moved.rowsTakenOver(), moved.detachedRows().length, removed));
  }

  /**
   * Only lets shows back under new Sonarr ids take their rows over: no row is detached, so a series
   * listed under an id whose row names another show takes nothing over (its id has a row).
   */
  static Future<Settled> takeOverOnly(SqlConnection transaction, List<Series> series, Long[] listedSonarrIds) {
    List<Series> withTvdb = withTvdb(series);
    if (withTvdb.isEmpty()) {
      return Future.succeededFuture(Settled.NOTHING);
    }
    return takeOver(transaction, withTvdb, listedSonarrIds)
        .map(takenOver -> new Settled(takenOver, 0, SeriesRemoval.Marked.NOTHING));
  }

  private static Future<Set<Long>> takeOver(SqlConnection transaction, List<Series> withTvdb, Long[] listedSonarrIds) {
    return transaction.preparedQuery(ADOPT_SERIES_ROWS).execute(Tuple.tuple()
            .addArrayOfLong(sonarrIds(withTvdb)).addArrayOfLong(tvdbIds(withTvdb)).addArrayOfLong(listedSonarrIds))
        .map(SeriesIdentities::ids);
  }

  static List<Series> withTvdb(List<Series> series) {
    return series.stream().filter(s -> s.tvdbId() != null).toList();
  }

  static Long[] sonarrIds(List<Series> series) {
    return series.stream().map(Series::id).toArray(Long[]::new);
  }

  static Long[] tvdbIds(List<Series> series) {
    return series.stream().map(Series::tvdbId).toArray(Long[]::new);
  }

  private static Set<Long> ids(RowSet<Row> rows) {
    Set<Long> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.getLong("id")));
    return ids;
  }
}
