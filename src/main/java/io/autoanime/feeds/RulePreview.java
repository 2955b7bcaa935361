package io.autoanime.feeds;

import io.autoanime.matching.DownloadRule;
import io.autoanime.matching.EpisodeResolver;
import io.autoanime.matching.Placement;
import io.autoanime.matching.ReleaseMatcher;
import io.autoanime.matching.RuleSettings;
import io.autoanime.matching.RuleStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule would catch, without saving it: the stored releases of the last 90 days (the newest
 * {@value #EXAMINED} at most) its pattern matches, and the episodes each would go to. A fixed number
 * of statements.
 */
public final class RulePreview {
  static final int EXAMINED = 5000;
  static final String EPISODES = """
      SELECT id, season_number, episode_number, absolute_episode_number, title
        FROM series_episodes
       WHERE id = ANY($1::bigint[])""";

  private final Pool pool;
  private final FeedItemStore items;

  public RulePreview(Pool pool) {
    this.pool = pool;
    this.items = new FeedItemStore(pool);
  }

  public Future<JsonObject> preview(long seriesId, RuleSettings settings) {
    DownloadRule rule = new DownloadRule(0, seriesId, settings.seasonNumber(), settings.feedId(),
        settings.compiledPattern(), settings.episodeOffset(), true, settings.preferences(), null);
    return RuleStore.requireSeries(pool, seriesId).compose(v -> items.recent(EXAMINED)).compose(releases -> {
      List<Long> itemIds = new ArrayList<>();
      List<Placement> placements = new ArrayList<>();
      for (var release : releases) {
        if (rule.readsFeed(release.feedId())) {
          ReleaseMatcher.byRule(rule, release.title()).ifPresent(placement -> {
            itemIds.add(release.itemId());
            placements.add(placement);
          });
        }
      }
      return EpisodeResolver.resolve(pool, placements).compose(episodeIds -> describe(itemIds, placements, episodeIds)
          .map(matches -> new JsonObject()
              .put("examined", releases.size())
              .put("count", matches.size())
              .put("matches", matches)));
    });
  }

  private Future<JsonArray> describe(List<Long> itemIds, List<Placement> placements, List<List<Long>> episodeIds) {
    if (itemIds.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    List<Long> allEpisodes = episodeIds.stream().flatMap(List::stream).distinct().toList();
    Future<JsonArray> itemJson = items.items(itemIds);
    Future<Map<Long, JsonObject>> episodes = pool.preparedQuery(EPISODES)
        .execute(Tuple.tuple().addArrayOfLong(allEpisodes.toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, JsonObject> byId = new HashMap<>();
          for (Row row : rows) {
            byId.put(row.getLong("id"), new JsonObject()
                .put("id", row.getLong("id"))
                .put("seasonNumber", row.getInteger("season_number"))
                .put("episodeNumber", row.getInteger("episode_number"))
                .put("absoluteEpisodeNumber", row.getInteger("absolute_episode_number"))
                .put("title", row.getString("title")));
          }
          return byId;
        });
    return Future.all(itemJson, episodes).map(both -> {
      Map<Long, JsonObject> itemsById = new HashMap<>();
      itemJson.result().forEach(item -> itemsById.put(((JsonObject) item).getLong("id"), (JsonObject) item));
      JsonArray matches = new JsonArray();
      for (int i = 0; i < itemIds.size(); i++) {
        JsonArray found = new JsonArray();
        episodeIds.get(i).forEach(id -> found.add(episodes.result().get(id)));
        matches.add(new JsonObject()
            .put("feedItem", itemsById.get(itemIds.get(i)))
            .put("episodeIds", new JsonArray(episodeIds.get(i)))
            .put("episodes", found)
            .put("reason", placements.get(i).reason()));
      }
      return matches;
    });
  }
}
