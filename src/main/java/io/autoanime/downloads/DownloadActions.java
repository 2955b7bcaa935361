package io.autoanime.downloads;

import io.autoanime.config.AppConfig;
import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.ConflictException;
import io.autoanime.config.ReleasePreferences;
import io.autoanime.downloads.DownloadLifecycle.Event;
import io.autoanime.library.EpisodeCode;
import io.autoanime.library.NotFoundException;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.QbittorrentException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's actions on {@code autoanime.downloads.actions}: download an episode now (the best
 * release, or the one named), retry a failed download, cancel one (the torrent this service added
 * leaves qBittorrent; one qBittorrent already had is left there).
 * Each is checked (404, 409) before it needs qBittorrent; without qBittorrent it answers 502.
 */
final class DownloadActions {
  private static final Logger log = LoggerFactory.getLogger(DownloadActions.class);

  private final Pool pool;
  private final ReleasePreferences preferences;
  private final DownloadStore store;
  private final DownloadTransitions transitions;
  /** Null when qBittorrent is not configured (then so is the sender). */
  private final QbittorrentClient qbittorrent;
  private final TorrentSender sender;
  private final Consumer<MovedDownload> onRecorded;

  DownloadActions(Pool pool, ReleasePreferences preferences, DownloadStore store, DownloadTransitions transitions,
      QbittorrentClient qbittorrent, TorrentSender sender, Consumer<MovedDownload> onRecorded) {
    this.pool = pool;
    this.preferences = preferences;
    this.store = store;
    this.transitions = transitions;
    this.qbittorrent = qbittorrent;
    this.sender = sender;
    this.onRecorded = onRecorded;
  }

  /** Registered through {@link BusErrors#guard}, which answers a bad request thrown here with 400. */
  void handle(Message<Object> message) {
    DownloadAction action = DownloadAction.fromJson(message.body());
    Future<JsonObject> answer = switch (action.kind()) {
      case DOWNLOAD -> downloadNow(action.episodeId(), action.feedItemId());
      case RETRY -> retry(action.downloadId());
      case CANCEL -> cancel(action.downloadId(), action.deleteFiles());
    };
    answer.onSuccess(message::reply).onFailure(e -> {
      if (e instanceof BadRequestException) {
        message.fail(BusErrors.BAD_REQUEST, e.getMessage());
      } else if (e instanceof NotFoundException) {
        message.fail(BusErrors.NOT_FOUND, e.getMessage());
      } else if (e instanceof ConflictException) {
        message.fail(BusErrors.CONFLICT, e.getMessage());
      } else if (e instanceof QbittorrentException || e instanceof NotConfigured || e instanceof ReplyException) {
        message.fail(BusErrors.QBITTORRENT_FAILED, e.getMessage());
      } else {
        log.error("Download action failed", e);
        message.fail(BusErrors.INTERNAL, "the download action failed: " + e.getMessage());
      }
    });
  }

  private Future<JsonObject> downloadNow(long episodeId, Long feedItemId) {
    return ManualPick.of(pool, preferences, episodeId, feedItemId)
        .compose(pick -> store.trackingDownloads(List.of(episodeId)).compose(tracking -> {
          if (!tracking.isEmpty()) {
            return Future.failedFuture(new ConflictException(alreadyHeld(tracking.get(0))));
          }
          return requireQbittorrent().compose(v -> ReleaseSource.of(pool, pick.feedItemId()))
              .compose(release -> store.create(pick.seriesId(), pick.feedItemId(), release.title(), release.source(),
                  release.infoHash(), release.sizeBytes(), List.of(episodeId), "manual"));
        }))
        .onSuccess(onRecorded::accept)
        .map(MovedDownload::json);
  }

  /**
   * Why an episode a download holds cannot be downloaded now, as a user reads it: the episode's code
   * and the download's title (its id for the API), and what can be done instead.
   */
  private static String alreadyHeld(JsonObject tracking) {
    String episode = EpisodeCode.of(tracking.getInteger("seasonNumber"), tracking.getInteger("episodeNumber"));
    String download = named(tracking.getString("title"), tracking.getLong("downloadId"));
    DownloadStatus status = DownloadStatus.fromWire(tracking.getString("status"));
    if (status == DownloadStatus.FAILED) {
      return episode + " already has a download that failed, " + download
          + ": retry it, or cancel it to download another release";
    }
    if (status == DownloadStatus.IMPORTED) {
      return episode + " was downloaded already, by " + download;
    }
    return episode + " is being downloaded already, by " + download + ", " + status.wire()
        + ": cancel it first to download another release";
  }

  private Future<JsonObject> retry(long downloadId) {
    return whileClaimed(downloadId, () -> store.download(downloadId).compose(download -> {
      if (download.status() != DownloadStatus.FAILED) {
        return Future.failedFuture(new ConflictException(named(download) + " is " + download.status().wire()
            + ": only a failed download can be retried"));
      }
      return requireQbittorrent().compose(v -> transitions.move(download, Event.RETRIED, null, null, false, Duration.ZERO));
    })).compose(moved -> {
      moved.ifPresent(m -> sender.send(m.download()));
      return shown(moved, downloadId);
    });
  }

  /**
   * Claimed like a send, an import or the tracker's move, and the download read once claimed: a
   * cancel never runs beside a send (whose add would otherwise land after the cancel, untracked) nor
   * moves a download on a status read before another writer moved it (the tracker, say, after the
   * torrent was removed).
   */
  private Future<JsonObject> cancel(long downloadId, boolean deleteFiles) {
    return whileClaimed(downloadId, () -> store.download(downloadId).compose(download -> {
      if (download.status() == DownloadStatus.IMPORTED || download.status() == DownloadStatus.CANCELLED) {
        return Future.failedFuture(new ConflictException(named(download) + " is already " + download.status().wire()));
      }
      return requireQbittorrent().compose(v -> removeOwnTorrent(download, deleteFiles))
          .compose(reason -> transitions.move(download, Event.CANCELLED, reason, null, false, Duration.ZERO))
          .compose(moved -> shown(moved, downloadId))
          .compose(shown -> DownloadStatus.CANCELLED.wire().equals(shown.getString("status"))
              ? Future.succeededFuture(shown)
              : Future.failedFuture(new ConflictException(named(download) + " became " + shown.getString("status")
                  + " while it was being cancelled: look at it again")));
    }));
  }

  /**
   * Runs {@code action} with the download claimed, as a send, an import or the tracker's move claims
   * it; refused with a 409 while one of those (or another action) is under way (the download is read
   * for its title, which the refusal names), and released when the action ends.
   */
  private <T> Future<T> whileClaimed(long downloadId, Supplier<Future<T>> action) {
    if (!transitions.claim(downloadId)) {
      return store.download(downloadId).compose(download -> Future.failedFuture(new ConflictException(
          named(download) + " is busy (being sent to qBittorrent, moved on by its torrent's state, or imported): "
              + "try again in a moment")));
    }
    return action.get().andThen(done -> transitions.release(downloadId));
  }

  /**
   * Removes the download's torrent when this service added it (it carries the download's tag), and
   * answers the cancel's reason. A torrent qBittorrent already had (the add was a duplicate, the
   * download followed it by its hash) is the user's: it is left, files and all, and the reason says so.
   */
  private Future<String> removeOwnTorrent(Download download, boolean deleteFiles) {
    return qbittorrent.torrentsTagged(download.tag()).compose(tagged -> {
      if (!tagged.isEmpty()) {
        return qbittorrent.delete(tagged.get(0).hash(), deleteFiles)
            .map("cancelled by the user" + (deleteFiles ? " (files deleted)" : ""));
      }
      if (download.infoHash() == null) {
        return Future.succeededFuture("cancelled by the user");
      }
      return qbittorrent.torrent(download.infoHash()).map(followed -> followed.isEmpty()
          ? "cancelled by the user"
          : "cancelled by the user; the torrent was left in qBittorrent, files and all: this service did not add it "
              + "(qBittorrent already had it)");
    });
  }

  /** A download as a refusal names it: its title, and its id for the API. */
  private static String named(Download download) {
    return named(download.title(), download.id());
  }

  private static String named(String title, long id) {
    return "\"" + title + "\" (download " + id + ")";
  }

  /** The download as the move left it; read again only when another writer moved it first. */
  private Future<JsonObject> shown(Optional<MovedDownload> moved, long downloadId) {
    return moved.map(m -> Future.succeededFuture(m.json())).orElseGet(() -> store.json(downloadId));
  }

  private Future<Void> requireQbittorrent() {
    return qbittorrent == null ? Future.failedFuture(new NotConfigured()) : Future.succeededFuture();
  }

  /** An action that needs qBittorrent, which is not configured (answered 502, like an unreachable one). */
  private static final class NotConfigured extends RuntimeException {
    NotConfigured() {
      super(AppConfig.QBITTORRENT_NOT_CONFIGURED);
    }
  }
}
