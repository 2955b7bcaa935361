package io.autoanime.downloads;

import java.util.Locale;

/** Where a download is in its life (see {@link DownloadLifecycle}), and what it makes of its episodes' status. */
public enum DownloadStatus {
  /** Recorded; the torrent is being sent to qBittorrent (or will be, after a backoff). */
  QUEUED,
  /** qBittorrent has the torrent. */
  DOWNLOADING,
  /** The torrent is complete; Sonarr is importing it (or will be, after a backoff). */
  IMPORTING,
  IMPORTED,
  /** Gave up; {@code error} says why. The user may retry. */
  FAILED,
  CANCELLED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DownloadStatus fromWire(String value) {
    for (DownloadStatus status : values()) {
      if (status.wire().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown download status '" + value + "'");
  }

  /** Queued, downloading or importing: the service is still working on it. */
  public boolean inProgress() {
    return this == QUEUED || this == DOWNLOADING || this == IMPORTING;
  }

  /**
   * The {@code auto_download_status} of the download's tracked episodes: {@code downloading} while in
   * progress, {@code downloaded} once imported, {@code failed} after giving up. Null for a cancelled
   * download: its episodes go back to {@code pending} when their switch is on, else {@code disabled}.
   */
  public String episodeStatus() {
    return switch (this) {
      case QUEUED, DOWNLOADING, IMPORTING -> "downloading";
      case IMPORTED -> "downloaded";
      case FAILED -> "failed";
      case CANCELLED -> null;
    };
  }
}
