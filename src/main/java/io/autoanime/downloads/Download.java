package io.autoanime.downloads;

import java.util.List;

/** A download as the download verticle works on it (the API's JSON is read from the table by {@link DownloadStore}). */
public record Download(long id, long seriesId, Long feedItemId, String title, String source, String infoHash, String tag,
    DownloadStatus status, double progress, String contentPath, String savePath, int attempts,
    List<Long> trackedEpisodeIds) {

  public Download {
    trackedEpisodeIds = List.copyOf(trackedEpisodeIds);
  }

  /** The id Sonarr knows a download by: the torrent hash in upper case. */
  public String sonarrDownloadId() {
    return infoHash == null ? null : infoHash.toUpperCase(java.util.Locale.ROOT);
  }
}
