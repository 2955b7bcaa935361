package io.autoanime.downloads;

import io.autoanime.downloads.DownloadLifecycle.Event;
import io.autoanime.feeds.FeedUrls;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.TorrentInfo;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the downloads being downloaded: one qBittorrent request for all of them (our category),
 * one statement for what changed (a poll with nothing new writes nothing). A torrent in error or
 * gone fails its download; a finished one moves it to importing and hands it to {@code onFinished}.
 * A torrent that never showed yet is given {@code linkWait} from when it was first missed: qBittorrent
 * fetches a {@code .torrent} link only after it answered the add, and a slow indexer proxy is not a
 * dead link.
 */
final class TorrentTracker {
  private static final Logger log = LoggerFactory.getLogger(TorrentTracker.class);
  /** Polls in a row a torrent must be missing from qBittorrent before its download counts it gone. */
  private static final int MISSING_POLLS_BEFORE_GONE = 3;

  private final QbittorrentClient qbittorrent;
  private final DownloadStore store;
  private final DownloadTransitions transitions;
  private final Consumer<Download> onFinished;
  private final Duration linkWait;
  /** Each download's torrent missed in the polls just before, by download id. */
  private final Map<Long, Misses> misses = new HashMap<>();
  private boolean tracking;
  private boolean qbittorrentWasDown;

  TorrentTracker(QbittorrentClient qbittorrent, DownloadStore store, DownloadTransitions transitions,
      Consumer<Download> onFinished, Duration linkWait) {
    this.qbittorrent = qbittorrent;
    this.linkWait = linkWait;
    this.store = store;
    this.transitions = transitions;
    this.onFinished = onFinished;
  }

  /** One poll; nothing when no download is being downloaded or the last poll is still under way. */
  void poll() {
    if (tracking || transitions.downloading().isEmpty()) {
      return;
    }
    tracking = true;
    qbittorrent.torrents()
        .compose(this::locate)
        .compose(found -> {
          if (qbittorrentWasDown) {
            qbittorrentWasDown = false;
            log.info("qBittorrent answers again");
          }
          return follow(found);
        })
        .onFailure(e -> {
          if (!qbittorrentWasDown) {
            qbittorrentWasDown = true;
            log.warn("Cannot follow the downloads in qBittorrent: {}", e.getMessage());
          }
        })
        .onComplete(done -> tracking = false);
  }

  /**
   * The torrent of each download being downloaded that qBittorrent has, by download id. A torrent
   * qBittorrent already had under another category (a duplicate add keeps the first one's category)
   * is looked up by its hash.
   */
  private Future<Map<Long, TorrentInfo>> locate(List<TorrentInfo> torrents) {
    Map<String, TorrentInfo> byHash = new HashMap<>();
    Map<String, TorrentInfo> byTag = new HashMap<>();
    for (TorrentInfo torrent : torrents) {
      byHash.put(torrent.hash(), torrent);
      torrent.tags().forEach(tag -> byTag.put(tag, torrent));
    }
    Map<Long, TorrentInfo> found = new HashMap<>();
    List<Future<?>> lookups = new ArrayList<>();
    for (Download download : transitions.downloading()) {
      TorrentInfo torrent = download.infoHash() != null && byHash.containsKey(download.infoHash())
          ? byHash.get(download.infoHash()) : byTag.get(download.tag());
      if (torrent != null) {
        found.put(download.id(), torrent);
      } else if (download.infoHash() != null) {
        lookups.add(qbittorrent.torrent(download.infoHash())
            .onSuccess(other -> other.ifPresent(t -> found.put(download.id(), t))));
      }
    }
    return Future.all(lookups).map(found);
  }

  private Future<Void> follow(Map<Long, TorrentInfo> found) {
    Collection<Download> downloading = transitions.downloading();
    forgetMissesOfOthers(downloading);
    List<DownloadStore.TorrentProgress> changes = new ArrayList<>();
    List<Supplier<Future<?>>> moves = new ArrayList<>();
    for (Download download : downloading) {
      if (transitions.claimed(download.id())) {
        continue;
      }
      TorrentInfo torrent = found.get(download.id());
      if (torrent == null) {
        if (countsAsGone(download)) {
          forgetMisses(download.id());
          moves.add(() -> moveIfUnclaimed(download, Event.TORRENT_GONE, goneReason(download), null));
        }
        continue;
      }
      forgetMisses(download.id());
      if (torrent.state().failed()) {
        String state = torrent.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String reason = "qBittorrent reports the torrent as " + state;
        moves.add(() -> moveIfUnclaimed(download, Event.TORRENT_FAILED, reason, torrent.hash()));
        continue;
      }
      Download current = download;
      if (torrent.progress() != download.progress() || !torrent.hash().equals(download.infoHash())
          || !Objects.equals(torrent.contentPath(), download.contentPath())) {
        changes.add(new DownloadStore.TorrentProgress(download.id(), torrent.progress(), torrent.sizeBytes(),
            torrent.savePath(), torrent.contentPath(), torrent.hash()));
        current = withTorrent(download, torrent);
        transitions.updated(current);
      }
      if (torrent.state().finished()) {
        Download finished = current;
        moves.add(() -> moveIfUnclaimed(finished, Event.FINISHED, null, torrent.hash())
            .onSuccess(moved -> moved.map(MovedDownload::download).ifPresent(onFinished)));
      }
    }
    return store.progress(changes)
        .onSuccess(v -> changes.forEach(change -> {
          Download moved = transitions.downloading(change.downloadId());
          if (moved != null) {
            transitions.progressed(moved);
          }
        }))
        .compose(v -> Future.all(moves.stream().map(Supplier::get).toList()))
        .mapEmpty();
  }

  /**
   * Moves the download with it claimed, as a send, an import or the user's cancel or retry claims it;
   * nothing when one of those has it (a cancel that claimed it since this poll began has read the status
   * this move would change, and may have removed the torrent already). A cancel arriving while the move
   * is written is refused as busy. Released before the move's callers go on (an import claims it next).
   */
  private Future<Optional<MovedDownload>> moveIfUnclaimed(Download download, Event event, String error,
      String infoHash) {
    return transitions.ifUnclaimed(download.id(), Optional.empty(),
        () -> transitions.move(download, event, error, infoHash, false, Duration.ZERO));
  }

  /**
   * Counts one more miss of the download's torrent: gone after {@value #MISSING_POLLS_BEFORE_GONE}
   * polls in a row, and, for a torrent that never showed (no save path yet), once {@code linkWait}
   * has also passed since the first of them.
   */
  private boolean countsAsGone(Download download) {
    Misses missed = misses.merge(download.id(), Misses.first(), (before, now) -> before.oneMore());
    boolean neverShown = download.savePath() == null;
    return missed.polls() >= MISSING_POLLS_BEFORE_GONE
        && (!neverShown || System.nanoTime() - missed.firstNanos() >= linkWait.toNanos());
  }

  /** Polls in a row that missed a torrent, and when the first of them was ({@link System#nanoTime}). */
  private record Misses(int polls, long firstNanos) {
    static Misses first() {
      return new Misses(1, System.nanoTime());
    }

    Misses oneMore() {
      return new Misses(polls + 1, firstNanos);
    }
  }

  private void forgetMisses(long downloadId) {
    misses.remove(downloadId);
  }

  /**
   * Forgets the misses of downloads that left {@code downloading} other than by this tracker's moves
   * (a cancel, Sonarr's report of the import). Only memory: those end cancelled or imported, which
   * are final, so no count of theirs was ever read again.
   */
  private void forgetMissesOfOthers(Collection<Download> downloading) {
    Set<Long> ids = downloading.stream().map(Download::id).collect(Collectors.toSet());
    misses.keySet().retainAll(ids);
  }

  /** qBittorrent fetches a .torrent URL after it answered the add: a dead link only shows as a torrent that never comes. */
  private static String goneReason(Download download) {
    return download.savePath() == null
        ? "qBittorrent never showed the torrent: the release's link may be dead (" + FeedUrls.masked(download.source()) + ")"
        : "the torrent is no longer in qBittorrent (removed there?)";
  }

  private static Download withTorrent(Download d, TorrentInfo t) {
    return new Download(d.id(), d.seriesId(), d.feedItemId(), d.title(), d.source(), t.hash(), d.tag(), d.status(),
        t.progress(), t.contentPath(), t.savePath(), d.attempts(), d.trackedEpisodeIds());
  }
}
