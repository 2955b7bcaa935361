package io.autoanime.downloads;

import io.autoanime.downloads.DownloadLifecycle.Event;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of the episodes the user switched off while their download ran: they are no longer
 * tracked, and a download left tracking none is cancelled (the torrent is left in qBittorrent).
 */
final class SwitchedOffEpisodes {
  private static final Logger log = LoggerFactory.getLogger(SwitchedOffEpisodes.class);

  private final DownloadStore store;
  private final DownloadTransitions transitions;

  SwitchedOffEpisodes(DownloadStore store, DownloadTransitions transitions) {
    this.store = store;
    this.transitions = transitions;
  }

  /**
   * Untracks the switched-off episodes, then cancels every download that tracks none. A download a
   * send, an import, the tracker's move or the user's cancel or retry has claimed is left to it (the
   * user's cancel then ends cancelled by the user, with its own outcome), and cancelled at a later look
   * if it still tracks nothing; so is one a crash left tracking nothing.
   */
  Future<Void> letGo() {
    return store.untrackSwitchedOff()
        .compose(v -> store.trackingNothing())
        .compose(downloads -> Future.all(downloads.stream().map(this::cancelIfFree).toList()))
        .mapEmpty();
  }

  private Future<Void> cancelIfFree(long downloadId) {
    return transitions.ifUnclaimed(downloadId, null,
        () -> store.download(downloadId).compose(this::cancelIfTrackingNothing));
  }

  /** Read once claimed: a failed download still holds its episodes (for a retry) until they are switched off. */
  private Future<Void> cancelIfTrackingNothing(Download download) {
    if (!download.trackedEpisodeIds().isEmpty()
        || !(download.status().inProgress() || download.status() == DownloadStatus.FAILED)) {
      return Future.succeededFuture();
    }
    log.info("Download {} ({}): its episodes were switched off; no longer tracked, the torrent is left in qBittorrent",
        download.id(), download.title());
    return transitions.move(download, Event.UNTRACKED, "auto-download was switched off: no longer tracked (the torrent "
        + "is left in qBittorrent)", null, false, Duration.ZERO).mapEmpty();
  }
}
