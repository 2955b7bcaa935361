package io.autoanime.downloads;

import io.autoanime.library.NotFoundException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * What to send qBittorrent for a stored release: its {@code .torrent} URL when the feed gave one
 * (qBittorrent has the metadata at once, and private trackers need it), else its magnet link.
 */
record ReleaseSource(String title, String source, String infoHash, Long sizeBytes) {
  static final String RELEASE = "SELECT title, torrent_url, magnet_url, info_hash, size_bytes FROM feed_items WHERE id = $1";

  static Future<ReleaseSource> of(SqlClient client, long feedItemId) {
    return client.preparedQuery(RELEASE).execute(Tuple.of(feedItemId)).map(rows -> {
      if (rows.size() == 0) {
        throw new NotFoundException("no release (feed item) with id " + feedItemId);
      }
      Row row = rows.iterator().next();
      String torrentUrl = row.getString("torrent_url");
      return new ReleaseSource(row.getString("title"), torrentUrl != null ? torrentUrl : row.getString("magnet_url"),
          row.getString("info_hash"), row.getLong("size_bytes"));
    });
  }
}
