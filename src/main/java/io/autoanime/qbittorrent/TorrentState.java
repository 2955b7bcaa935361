package io.autoanime.qbittorrent;

/**
 * A torrent's state, the same for qBittorrent 4.x and 5.x (5.0 renamed {@code pausedUP}/{@code pausedDL}
 * to {@code stoppedUP}/{@code stoppedDL}).
 */
public enum TorrentState {
  /** Fetching the metadata of a magnet link ({@code metaDL}, {@code forcedMetaDL}). */
  METADATA,
  /** Waiting for a download slot ({@code queuedDL}). */
  QUEUED,
  /** Receiving data ({@code downloading}, {@code forcedDL}). */
  DOWNLOADING,
  /** Wants data but no peer sends any ({@code stalledDL}); also an upload-side state short of 100 %. */
  STALLED,
  /** Checking its data ({@code checkingDL}, {@code checkingResumeData}). */
  CHECKING,
  /** Paused or stopped before it finished ({@code pausedDL}, {@code stoppedDL}). */
  PAUSED,
  /**
   * Every byte is there: an upload-side state ({@code uploading}, {@code stalledUP}, {@code queuedUP},
   * {@code forcedUP}, {@code checkingUP}, {@code pausedUP}/{@code stoppedUP}) at progress 1.
   */
  COMPLETED,
  /** Its files are being moved to another folder ({@code moving}). */
  MOVING,
  /** qBittorrent reports an error, such as an I/O error ({@code error}). */
  ERROR,
  /** Its files are gone from disk ({@code missingFiles}). */
  MISSING_FILES,
  /** A state this code does not know ({@code unknown}, or one added by a later qBittorrent). */
  UNKNOWN;

  /** Maps qBittorrent's {@code state} and {@code progress} (0 to 1) fields. */
  public static TorrentState of(String qbState, double progress) {
    if (qbState == null) {
      return UNKNOWN;
    }
    boolean whole = progress >= 1.0;
    return switch (qbState) {
      case "uploading", "stalledUP", "queuedUP", "forcedUP" -> whole ? COMPLETED : STALLED;
      case "checkingUP" -> whole ? COMPLETED : CHECKING;
      case "pausedUP", "stoppedUP" -> whole ? COMPLETED : PAUSED;
      case "metaDL", "forcedMetaDL" -> METADATA;
      case "queuedDL" -> QUEUED;
      case "downloading", "forcedDL" -> DOWNLOADING;
      case "stalledDL" -> STALLED;
      case "checkingDL", "checkingResumeData" -> CHECKING;
      case "pausedDL", "stoppedDL" -> PAUSED;
      case "moving" -> MOVING;
      case "error" -> ERROR;
      case "missingFiles" -> MISSING_FILES;
      default -> UNKNOWN;
    };
  }

  /** Every byte is on disk: time to import. */
  public boolean finished() {
    return this == COMPLETED;
  }

  /** The torrent cannot go on without someone's help (its files or the disk). */
  public boolean failed() {
    return this == ERROR || this == MISSING_FILES;
  }
}
