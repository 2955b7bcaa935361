package io.autoanime.downloads;

import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.ConflictException;
import io.autoanime.config.ReleasePreferences;
import io.autoanime.feeds.EpisodeReleases;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The release a "download now" takes: the one the user named (it must be placed on the episode), or
 * the best one no preference rejects. A refusal names the episode by its code, as the user knows it.
 */
record ManualPick(long feedItemId, long seriesId) {
  static Future<ManualPick> of(Pool pool, ReleasePreferences defaults, long episodeId, Long feedItemId) {
    return new EpisodeReleases(pool, defaults).ranking(episodeId).compose(ranking -> {
      List<EpisodeReleases.RankedRelease> ranked = ranking.releases();
      String episode = ranking.episodeCode();
      EpisodeReleases.RankedRelease chosen;
      if (feedItemId != null) {
        chosen = ranked.stream().filter(r -> r.feedItemId() == feedItemId).findFirst().orElse(null);
        if (chosen == null) {
          return Future.failedFuture(new BadRequestException("release " + feedItemId + " is not placed on " + episode
              + " (episode " + episodeId + "): GET /api/episodes/" + episodeId + "/releases lists those that are"));
        }
      } else {
        chosen = ranked.stream().filter(r -> r.ranked().accepted()).findFirst().orElse(null);
        if (chosen == null) {
          return Future.failedFuture(new ConflictException(ranked.isEmpty()
              ? "no release of " + episode + " has been seen in the feeds yet"
              : "every release of " + episode + " is rejected by its preferences: pick one under its Releases "
                  + "(feedItemId in the API)"));
        }
      }
      return Future.succeededFuture(new ManualPick(chosen.feedItemId(), ranking.seriesId()));
    });
  }
}
