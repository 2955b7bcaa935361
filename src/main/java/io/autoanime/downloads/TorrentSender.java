package io.autoanime.downloads;

import io.autoanime.config.DownloadSettings;
import io.autoanime.downloads.DownloadLifecycle.Event;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.TorrentAdd;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued downloads to qBittorrent: with the category and the download's tag, unless
 * qBittorrent has the tag already (a torrent it took before this service could record it, a crash,
 * an answer lost), or has the release's hash already (then it is followed by its hash, and takes
 * this download's tag only when an earlier download of this service added it). A failed send is
 * retried with a doubling backoff, then the download fails.
 */
final class TorrentSender {
  private static final Logger log = LoggerFactory.getLogger(TorrentSender.class);

  private final QbittorrentClient qbittorrent;
  private final DownloadStore store;
  private final DownloadTransitions transitions;
  private final DownloadSettings settings;

  TorrentSender(QbittorrentClient qbittorrent, DownloadStore store, DownloadTransitions transitions,
      DownloadSettings settings) {
    this.qbittorrent = qbittorrent;
    this.store = store;
    this.transitions = transitions;
    this.settings = settings;
  }

  /**
   * Sends the download unless a send, an import or a cancel has it claimed. It is read again once
   * claimed, and sent only if its send is still due: the copy handed here may have been read while
   * another send of it ran (the periodic check), and since been sent, cancelled, or failed and put off
   * by a backoff. A download just recorded or retried is due at once ({@code next_attempt_at} is now).
   */
  Future<Void> send(Download queued) {
    return transitions.ifUnclaimed(queued.id(), null, () -> store.due(queued.id(), DownloadStatus.QUEUED)
        .compose(due -> due.isPresent() ? sendClaimed(due.get()) : Future.succeededFuture())
        .onFailure(e -> log.warn("Could not send download {}: {}", queued.id(), e.getMessage()))
        .mapEmpty());
  }

  private Future<?> sendClaimed(Download download) {
    return qbittorrent.torrentsTagged(download.tag())
        .compose(tagged -> tagged.isEmpty() ? alreadyThere(download) : Future.succeededFuture(Optional.of(tagged.get(0).hash())))
        .compose(present -> present.isPresent() ? Future.succeededFuture(present.get()) : add(download))
        .compose(hash -> transitions.move(download, Event.SENT, null, hash, false, Duration.ZERO))
        .onSuccess(moved -> moved.ifPresent(m -> log.info("Download {} sent to qBittorrent ({})", download.id(), download.title())))
        .recover(e -> failed(download, e).mapEmpty());
  }

  /**
   * The hash of the torrent qBittorrent already has for this release, if any: nothing is added then.
   * When an earlier download of this service added it (it carries an {@code autoanime-} tag: one
   * cancelled by a switch-off, whose release the episode switched on again took), this download takes
   * it over with its own tag, so a cancel removes it; unless another download of this service still
   * follows it (a batch, another of whose episodes this one is): then it is only followed, and this
   * download's cancel leaves it to the other. Any other torrent is the user's: followed by its hash,
   * never tagged, never removed.
   */
  private Future<Optional<String>> alreadyThere(Download download) {
    if (download.infoHash() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return qbittorrent.torrent(download.infoHash()).compose(present -> {
      if (present.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      String hash = present.get().hash();
      boolean ours = present.get().tags().stream().anyMatch(tag -> tag.startsWith(DownloadStore.TAG_PREFIX));
      boolean followedByAnother = transitions.downloading().stream()
          .anyMatch(other -> other.id() != download.id() && hash.equalsIgnoreCase(other.infoHash()));
      Future<Void> adopted = ours && !followedByAnother ? qbittorrent.addTag(hash, download.tag()) : Future.succeededFuture();
      return adopted.map(Optional.of(hash));
    });
  }

  private Future<String> add(Download download) {
    TorrentAdd add = new TorrentAdd(download.source(), download.infoHash(), download.tag(), Optional.empty());
    return qbittorrent.add(add).compose(outcome -> add.knownHash().isPresent()
        ? Future.succeededFuture(add.knownHash().get())
        : qbittorrent.torrentsTagged(download.tag()).map(tagged -> tagged.isEmpty() ? null : tagged.get(0).hash()));
  }

  private Future<Optional<MovedDownload>> failed(Download download, Throwable e) {
    String reason = "qBittorrent did not take the torrent: " + e.getMessage();
    if (download.attempts() + 1 > settings.retries()) {
      log.warn("Download {} failed: {}", download.id(), reason);
      return transitions.move(download, Event.SEND_GAVE_UP, reason, null, true, Duration.ZERO);
    }
    log.info("Download {}: {} (try {} of {}, again later)", download.id(), reason, download.attempts() + 1,
        settings.retries() + 1);
    return transitions.move(download, Event.SEND_FAILED, reason, null, true, Backoff.after(settings, download.attempts()));
  }
}
