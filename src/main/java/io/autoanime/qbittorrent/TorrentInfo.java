package io.autoanime.qbittorrent;

import java.time.Instant;
import java.util.List;

/**
 * One torrent as {@code torrents/info} lists it.
 *
 * @param hash the info hash (v1, or the truncated v2 one), 40 lower-case hex digits
 * @param name the torrent's name (the magnet's {@code dn} until the metadata arrives)
 * @param state the mapped state ({@link TorrentState#of})
 * @param progress 0 to 1
 * @param savePath the folder the torrent's content goes into, as qBittorrent sees it
 * @param contentPath the content itself: the file of a single-file torrent, the root folder of a
 *     multi-file one; empty until the metadata arrives
 * @param sizeBytes the bytes selected for download (0 until the metadata arrives)
 * @param amountLeft bytes still to download
 * @param tags the torrent's tags
 * @param category its category ("" for none)
 * @param completedAt when it finished downloading, or null
 */
public record TorrentInfo(String hash, String name, TorrentState state, double progress, String savePath,
    String contentPath, long sizeBytes, long amountLeft, List<String> tags, String category, Instant completedAt) {

  public TorrentInfo {
    tags = List.copyOf(tags);
  }
}
