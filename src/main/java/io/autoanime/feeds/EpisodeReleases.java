package io.autoanime.feeds;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.library.EpisodeCode;
import io.autoanime.library.NotFoundException;
import io.autoanime.matching.ReleaseRanking;
import io.autoanime.matching.RuleStore;
import io.autoanime.releases.ParsedRelease;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The releases placed on one episode, ranked by the preferences that apply to it (its series' rules
 * over the service defaults). Three statements: the episode, its series' rules, the releases.
 */
public final class EpisodeReleases {
  static final String EPISODE = "SELECT series_id, season_number, episode_number FROM series_episodes WHERE id = $1";

  /** A ranked release with its stored row as JSON. */
  public record RankedRelease(ReleaseRanking.Ranked ranked, JsonObject item) {
    public long feedItemId() {
      return ranked.candidate().feedItemId();
    }
  }

  /** An episode's releases, ranked, the series the episode belongs to, and its code ({@code S01E05}). */
  public record EpisodeRanking(long seriesId, String episodeCode, List<RankedRelease> releases) {}

  private final Pool pool;
  private final FeedItemStore items;
  private final ReleasePreferences defaults;

  public EpisodeReleases(Pool pool, ReleasePreferences defaults) {
    this.pool = pool;
    this.items = new FeedItemStore(pool);
    this.defaults = defaults;
  }

  public Future<EpisodeRanking> ranking(long episodeId) {
    return pool.preparedQuery(EPISODE).execute(Tuple.of(episodeId)).compose(episodes -> {
      if (episodes.size() == 0) {
        return Future.failedFuture(new NotFoundException("no episode with id " + episodeId));
      }
      Row episode = episodes.iterator().next();
      long seriesId = episode.getLong("series_id");
      int seasonNumber = episode.getInteger("season_number");
      String episodeCode = EpisodeCode.of(seasonNumber, episode.getInteger("episode_number"));
      return RuleStore.enabledRulesOfSeries(pool, seriesId).compose(rules -> items.placedOnEpisode(episodeId)
          .map(rows -> {
            ReleasePreferences preferences = RuleStore.preferencesFor(rules, seasonNumber, defaults);
            List<ReleaseRanking.Candidate> candidates = new ArrayList<>();
            Map<Long, JsonObject> json = new HashMap<>();
            for (Row row : rows) {
              candidates.add(candidate(row));
              json.put(row.getLong("id"), FeedItemJson.of(row));
            }
            return new EpisodeRanking(seriesId, episodeCode, ReleaseRanking.rank(candidates, preferences).stream()
                .map(r -> new RankedRelease(r, json.get(r.candidate().feedItemId())))
                .toList());
          }));
    });
  }

  /** The ranked releases as the API shows them: each release with its {@code rank}, {@code accepted} and {@code why}. */
  public Future<JsonArray> json(long episodeId) {
    return ranking(episodeId).map(ranking -> {
      JsonArray releases = new JsonArray();
      for (RankedRelease release : ranking.releases()) {
        releases.add(release.item().copy()
            .put("rank", release.ranked().rank())
            .put("accepted", release.ranked().accepted())
            .put("why", new JsonArray(release.ranked().why())));
      }
      return releases;
    });
  }

  /** A release row (id, title, parsed, seeders, published_at, episode_ids) as the ranking takes it. */
  public static ReleaseRanking.Candidate candidate(Row row) {
    OffsetDateTime published = row.getOffsetDateTime("published_at");
    Long[] episodeIds = row.getArrayOfLongs("episode_ids");
    return new ReleaseRanking.Candidate(row.getLong("id"), row.getString("title"),
        ParsedRelease.fromJson((JsonObject) row.getValue("parsed")), row.getInteger("seeders"),
        published == null ? null : published.toInstant(), episodeIds == null ? 0 : episodeIds.length);
  }
}
