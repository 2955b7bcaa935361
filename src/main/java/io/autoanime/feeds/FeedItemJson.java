package io.autoanime.feeds;

import io.autoanime.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;

/** A stored release as the API shows it: its links masked, its parse, and its match (null when placed on no series). */
public final class FeedItemJson {
  private FeedItemJson() {}

  public static JsonObject of(Row row) {
    Long seriesId = row.getLong("series_id");
    Long[] episodeIds = row.getArrayOfLongs("episode_ids");
    JsonObject match = seriesId == null ? null : new JsonObject()
        .put("seriesId", seriesId)
        .put("episodeIds", new JsonArray(episodeIds == null ? java.util.List.of() : Arrays.asList(episodeIds)))
        .put("ruleId", row.getLong("rule_id"))
        .put("reason", row.getString("match_reason"));
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("feedId", row.getLong("feed_id"))
        .put("title", row.getString("title"))
        .put("guid", FeedUrls.masked(row.getString("guid")))
        .put("infoHash", row.getString("info_hash"))
        .put("torrentUrl", FeedUrls.masked(row.getString("torrent_url")))
        .put("magnetUrl", FeedUrls.masked(row.getString("magnet_url")))
        .put("sizeBytes", row.getLong("size_bytes"))
        .put("seeders", row.getInteger("seeders"))
        .put("publishedAt", Rows.instant(row, "published_at"))
        .put("parsed", row.getValue("parsed"))
        .put("match", match)
        .put("unplacedReason", seriesId == null ? row.getString("match_reason") : null)
        .put("createdAt", Rows.instant(row, "created_at"));
  }
}
