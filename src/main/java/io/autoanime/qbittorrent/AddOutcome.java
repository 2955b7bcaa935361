package io.autoanime.qbittorrent;

/** What became of a {@link QbittorrentClient#add} (a refusal is a failed future instead). */
public enum AddOutcome {
  /**
   * qBittorrent took it. For a URL without a known hash qBittorrent fetches the {@code .torrent}
   * itself afterwards: find the torrent by its tag ({@link QbittorrentClient#torrentsTagged}).
   */
  ADDED,
  /**
   * qBittorrent refused the add because it already has a torrent with this hash. That torrent keeps
   * its own category and tags (qBittorrent does not change them on a duplicate add).
   */
  ALREADY_PRESENT
}
