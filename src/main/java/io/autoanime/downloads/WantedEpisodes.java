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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the episodes to download and the best release of each: episodes whose switch is on and
 * status {@code pending}, that Sonarr has no file for, that have aired (or have no air date), that
 * Sonarr still lists (the episode and its series: a series marked removed is never downloaded for,
 * whatever its episodes' own marks say), that have no download, and that a release is placed on; the
 * releases placed on them; the rules of their series. A release of a download the user cancelled is never picked again
 * for that download's episodes; one of a download cancelled because its episodes were switched off
 * may be (switched on again, the episode takes it: qBittorrent still has the torrent, see
 * {@link TorrentSender}).
 *
 * <p>The wanted episodes are read a page at a time (three statements a page, whatever its size), in
 * the order their rows were made (as the library was first synced), so that a page starts where the
 * last ended on the primary key instead of sorting every wanted episode again. An episode whose
 * releases are all refused (a word the rules forbid, say) stays wanted, so a pass goes on to the
 * next page until it has picked a page's worth of releases or read {@link #PAGES_PER_PASS} pages,
 * and the next pass resumes where this one stopped (from the start once the last page is read):
 * however many episodes wait with nothing acceptable, the ones after them are reached. One pass at a
 * time (the caller's), so the place to resume from needs no lock.
 */
final class WantedEpisodes {
  /**
   * The series marked removed are read once per statement (an init plan), so the plan stays the one
   * measured in docs/auto-download.md. As a join the planner hashed every episode; as a look-up per
   * episode its estimate crossed PostgreSQL's JIT thresholds, and a page cost 4 to 5 times as much.
   */
  static final String WANTED = """
      SELECT e.id, e.series_id, e.season_number
        FROM series_episodes e
       WHERE e.is_auto_download_enabled AND e.auto_download_status = 'pending'
         AND e.has_file IS NOT TRUE
         AND e.removed_from_sonarr_at IS NULL
         AND e.series_id <> ALL (ARRAY(SELECT s.id FROM series s WHERE s.removed_from_sonarr_at IS NOT NULL))
         AND (e.air_date_utc IS NULL OR e.air_date_utc <= now())
         AND EXISTS (SELECT 1 FROM feed_items i WHERE i.episode_ids @> ARRAY[e.id])
         AND NOT EXISTS (SELECT 1 FROM download_episodes de WHERE de.episode_id = e.id AND de.tracked)
         AND e.id > $1
       ORDER BY e.id
       LIMIT $2""";
  static final String RELEASES = """
      SELECT i.id, i.title, i.parsed, i.seeders, i.published_at, i.episode_ids,
             ARRAY(SELECT de.episode_id
                     FROM downloads d JOIN download_episodes de ON de.download_id = d.id
                    WHERE d.feed_item_id = i.id AND d.cancelled_by = 'user') AS refused_for
        FROM feed_items i
       WHERE i.episode_ids && $1::bigint[]""";
  /** Wanted episodes read at once; also the most releases picked in one pass. */
  static final int PAGE_SIZE = 500;
  static final int PAGES_PER_PASS = 10;

  /** A release picked for some of the wanted episodes. */
  record Pick(long feedItemId, long seriesId, List<Long> episodeIds) {}

  private record Wanted(long episodeId, long seriesId, int seasonNumber) {}

  /** Before every episode: row ids start at 1. */
  private static final long START = 0;

  private final Pool pool;
  private final ReleasePreferences defaults;
  private final int pageSize;
  private final int pagesPerPass;
  /** The row id of the last episode the last pass read, or {@link #START}. */
  private long resumeAfter = START;

  WantedEpisodes(Pool pool, ReleasePreferences defaults) {
    this(pool, defaults, PAGE_SIZE, PAGES_PER_PASS);
  }

  WantedEpisodes(Pool pool, ReleasePreferences defaults, int pageSize, int pagesPerPass) {
    this.pool = pool;
    this.defaults = defaults;
    this.pageSize = pageSize;
    this.pagesPerPass = pagesPerPass;
  }

  /** One pass: the releases to download, each with the wanted episodes it is the best release of. */
  Future<List<Pick>> picks() {
    return pickFromPages(new LinkedHashMap<>(), 1).map(picks -> List.copyOf(picks.values()));
  }

  /** Reads the next page and picks its releases (a release already picked on an earlier page takes more episodes). */
  private Future<Map<Long, Pick>> pickFromPages(Map<Long, Pick> picks, int page) {
    return pool.preparedQuery(WANTED).execute(Tuple.of(resumeAfter, pageSize)).compose(rows -> {
      List<Wanted> wanted = new ArrayList<>();
      rows.forEach(row -> wanted.add(new Wanted(row.getLong("id"), row.getLong("series_id"), row.getInteger("season_number"))));
      boolean lastPage = wanted.size() < pageSize;
      resumeAfter = lastPage ? START : wanted.get(wanted.size() - 1).episodeId();
      Future<Void> picked = wanted.isEmpty() ? Future.succeededFuture() : pickAmong(wanted, picks);
      return picked.compose(v -> lastPage || picks.size() >= pageSize || page >= pagesPerPass
          ? Future.succeededFuture(picks)
          : pickFromPages(picks, page + 1));
    });
  }

  /** Reads the releases placed on these episodes and the rules of their series, and picks. */
  private Future<Void> pickAmong(List<Wanted> wanted, Map<Long, Pick> picks) {
    Long[] episodeIds = wanted.stream().map(Wanted::episodeId).toArray(Long[]::new);
    Long[] seriesIds = wanted.stream().map(Wanted::seriesId).distinct().toArray(Long[]::new);
    Future<RowSet<Row>> releases = pool.preparedQuery(RELEASES).execute(Tuple.tuple().addArrayOfLong(episodeIds));
    Future<List<DownloadRule>> rules = RuleStore.enabledRulesOfSeries(pool, seriesIds);
    return Future.all(releases, rules).map(both -> {
      pick(wanted, releases.result(), rules.result(), picks);
      return null;
    });
  }

  private void pick(List<Wanted> wanted, Iterable<Row> releases, List<DownloadRule> rules, Map<Long, Pick> picks) {
    Map<Long, List<Row>> releasesByEpisode = new HashMap<>();
    for (Row release : releases) {
      // An episode appears once per download of this release the user cancelled: twice after two.
      Set<Long> refusedFor = new HashSet<>(Arrays.asList(release.getArrayOfLongs("refused_for")));
      for (Long episodeId : release.getArrayOfLongs("episode_ids")) {
        if (!refusedFor.contains(episodeId)) {
          releasesByEpisode.computeIfAbsent(episodeId, id -> new ArrayList<>()).add(release);
        }
      }
    }
    Map<Long, List<DownloadRule>> rulesBySeries = rules.stream().collect(Collectors.groupingBy(DownloadRule::seriesId));
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
  }
}
