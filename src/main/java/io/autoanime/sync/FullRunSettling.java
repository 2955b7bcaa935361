package io.autoanime.sync;

import static io.autoanime.sync.PresenceStatements.COUNT_KNOWN_SERIES;
import static io.autoanime.sync.PresenceStatements.COUNT_SERIES_TO_MARK_REMOVED;
import static io.autoanime.sync.PresenceStatements.SERIES_IDS_NAMING_OTHER_SHOWS;

import io.autoanime.sonarr.SonarrModels.Series;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A full run's first transaction, before it writes any series: settles the identities of the whole
 * list ({@link SeriesIdentities}) and holds the breaker. A run that would mark more than half of the
 * known series removed, counting the rows it would detach from Sonarr ids that now name other shows
 * and the series absent from the list, is held back: it detaches nothing and marks nothing (the
 * detach is rolled back to a savepoint), shows back under new Sonarr ids still take their rows over,
 * and the series Sonarr lists under the ids of other shows are not written, since writing one would
 * rewrite the old show's row with the new show (docs/reliability.md).
 */
final class FullRunSettling {
  private FullRunSettling() {}

  /** What settling did, and, when the breaker held the run back, why. */
  record Outcome(SeriesIdentities.Settled settled, HeldBack heldBack) {
    boolean mayMarkRemoved() {
      return heldBack == null;
    }

    /** The listed series the run writes: all of them, unless held back. */
    List<Series> toWrite(List<Series> listed) {
      return heldBack == null
          ? listed
          : listed.stream().filter(s -> !heldBack.idsNamingOtherShows().contains(s.id())).toList();
    }
  }

  /** A run held back: of {@code known} series, {@code absent} are not listed, and these ids now name other shows. */
  record HeldBack(long known, long absent, Set<Long> idsNamingOtherShows) {
    String warning() {
      String why = "was Sonarr reset, or pointed at another instance?";
      if (idsNamingOtherShows.isEmpty()) {
        return "Sonarr no longer lists " + absent + " of " + known + " known series; more than half, so none was "
            + "marked removed (" + why + ")";
      }
      int reused = idsNamingOtherShows.size();
      return "Sonarr now gives the ids of " + reused + " of " + known + " known series to other shows"
          + (absent > 0 ? " and no longer lists " + absent + " more" : "") + "; more than half would be marked "
          + "removed, so none was detached or marked removed, and the " + reused + " series Sonarr lists under "
          + "those ids were not written (" + why + ")";
    }
  }

  /**
   * @param listedSonarrIds every id of the series list
   * @param completeList whether every entry of the list had an id: only then do absent series count
   */
  static Future<Outcome> settle(Pool pool, List<Series> listed, Long[] listedSonarrIds, boolean completeList) {
    return pool.withTransaction(transaction -> transaction.preparedQuery(COUNT_KNOWN_SERIES).execute()
        .compose(counted -> {
          long known = counted.iterator().next().getLong("known");
          return transaction.query("SAVEPOINT before_identities").execute()
              .compose(v -> SeriesIdentities.detachAndTakeOver(transaction, listed, listedSonarrIds))
              .compose(moved -> transaction.preparedQuery(COUNT_SERIES_TO_MARK_REMOVED)
                  .execute(Tuple.tuple().addArrayOfLong(moved.detachedRows())
                      .addArrayOfLong(completeList ? listedSonarrIds : null))
                  .compose(toMark -> {
                    Row counts = toMark.iterator().next();
                    long absent = counts.getLong("absent");
                    if ((counts.getLong("detached") + absent) * 2 <= known) {
                      return SeriesIdentities.markDetached(transaction, moved)
                          .map(settled -> new Outcome(settled, null));
                    }
                    return holdBack(transaction, listed, listedSonarrIds, known, absent);
                  }));
        }));
  }

  private static Future<Outcome> holdBack(SqlConnection transaction, List<Series> listed, Long[] listedSonarrIds,
      long known, long absent) {
    List<Series> withTvdb = SeriesIdentities.withTvdb(listed);
    return transaction.query("ROLLBACK TO SAVEPOINT before_identities").execute()
        .compose(v -> transaction.preparedQuery(SERIES_IDS_NAMING_OTHER_SHOWS).execute(Tuple.tuple()
            .addArrayOfLong(SeriesIdentities.sonarrIds(withTvdb)).addArrayOfLong(SeriesIdentities.tvdbIds(withTvdb))))
        .compose(rows -> {
          Set<Long> idsNamingOtherShows = new HashSet<>();
          rows.forEach(row -> idsNamingOtherShows.add(row.getLong("sonarr_id")));
          return SeriesIdentities.takeOverOnly(transaction, listed, listedSonarrIds)
              .map(settled -> new Outcome(settled, new HeldBack(known, absent, idsNamingOtherShows)));
        });
  }
}
