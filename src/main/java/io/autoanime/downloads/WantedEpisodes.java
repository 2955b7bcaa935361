package io.autoanime.downloads;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.feeds.EpisodeReleases;
import io.autoanime.matching.DownloadRule;
import io.autoanime.matching.ReleaseRanking;
import io.autoanime.matching.RuleStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the episodes to download and the best release of each, in three statements whatever their
 * number: episodes whose switch is on and status {@code pending}, that Sonarr has no file for, that
 * have aired (or have no air date), that Sonarr still lists, that have no download, and that a
 * release is placed on; the releases placed on them; the rules of their series. A release a
 * cancelled download of an episode used is never picked for it again.
 */
final class WantedEpisodes {
  static final String WANTED = """
      SELECT e.id, e.series_id, e.season_number
        FROM series_episodes e
       WHERE e.is_auto_download_enabled AND e.auto_download_status = 'pending'
         AND e.has_file IS NOT TRUE
         AND e.removed_from_sonarr_at IS NULL
         AND (e.air_date_utc IS NULL OR e.air_date_utc <= now())
         AND EXISTS (SELECT 1 FROM feed_items i WHERE i.episode_ids @> ARRAY[e.id])
         AND NOT EXISTS (SELECT 1 FROM download_episodes de WHERE de.episode_id = e.id AND de.tracked)
       ORDER BY e.series_id, e.season_number, e.episode_number
       LIMIT $1""";
  static final String RELEASES = """
      SELECT i.id, i.title, i.parsed, i.seeders, i.published_at, i.episode_ids,
             ARRAY(SELECT de.episode_id
                     FROM downloads d JOIN download_episodes de ON de.download_id = d.id
                    WHERE d.feed_item_id = i.id AND d.status = 'cancelled') AS cancelled_for
        FROM feed_items i
       WHERE i.episode_ids && $1::bigint[]""";
  /** The most episodes picked in one pass (the next pass takes the rest). */
  static final int BATCH = 500;

  /** A release picked for some of the wanted episodes. */
  record Pick(long feedItemId, long seriesId, List<Long> episodeIds) {}

  private record Wanted(long episodeId, long seriesId, int seasonNumber) {}

  private final Pool pool;
  private final ReleasePreferences defaults;

  WantedEpisodes(Pool pool, ReleasePreferences defaults) {
    this.pool = pool;
    this.defaults = defaults;
  }

  Future<List<Pick>> picks() {
    return pool.preparedQuery(WANTED).execute(Tuple.of(BATCH)).compose(rows -> {
      List<Wanted> wanted = new ArrayList<>();
      rows.forEach(row -> wanted.add(new Wanted(row.getLong("id"), row.getLong("series_id"), row.getInteger("season_number"))));
      if (wanted.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      Long[] episodeIds = wanted.stream().map(Wanted::episodeId).toArray(Long[]::new);
      Long[] seriesIds = wanted.stream().map(Wanted::seriesId).distinct().toArray(Long[]::new);
      Future<RowSet<Row>> releases = pool.preparedQuery(RELEASES).execute(Tuple.tuple().addArrayOfLong(episodeIds));
      Future<List<DownloadRule>> rules = RuleStore.enabledRulesOfSeries(pool, seriesIds);
      return Future.all(releases, rules).map(both -> pick(wanted, releases.result(), rules.result()));
    });
  }

  private List<Pick> pick(List<Wanted> wanted, Iterable<Row> releases, List<DownloadRule> rules) {
    Map<Long, List<Row>> releasesByEpisode = new HashMap<>();
    for (Row release : releases) {
      Set<Long> cancelledFor = Set.of(release.getArrayOfLongs("cancelled_for"));
      for (Long episodeId : release.getArrayOfLongs("episode_ids")) {
        if (!cancelledFor.contains(episodeId)) {
          releasesByEpisode.computeIfAbsent(episodeId, id -> new ArrayList<>()).add(release);
        }
      }
    }
    Map<Long, List<DownloadRule>> rulesBySeries = rules.stream().collect(Collectors.groupingBy(DownloadRule::seriesId));
    Map<Long, Pick> picks = new LinkedHashMap<>();
    for (Wanted episode : wanted) {
      List<Row> candidates = releasesByEpisode.getOrDefault(episode.episodeId(), List.of());
      ReleasePreferences preferences = RuleStore.preferencesFor(rulesBySeries.getOrDefault(episode.seriesId(), List.of()),
          episode.seasonNumber(), defaults);
      ReleaseRanking.best(candidates.stream().map(EpisodeReleases::candidate).toList(), preferences).ifPresent(best -> {
        long itemId = best.candidate().feedItemId();
        picks.computeIfAbsent(itemId, id -> new Pick(id, episode.seriesId(), new ArrayList<>()))
            .episodeIds().add(episode.episodeId());
      });
    }
    return List.copyOf(picks.values());
  }

}
