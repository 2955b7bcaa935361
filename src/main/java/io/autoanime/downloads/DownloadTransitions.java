package io.autoanime.downloads;

import io.autoanime.downloads.DownloadLifecycle.Event;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves downloads through {@link DownloadLifecycle}: writes each move (guarded on the status it had),
 * publishes it on {@code autoanime.downloads.events}, counts it, and keeps the downloads being
 * downloaded in memory for the tracker. Also knows which downloads have a send, an import, a move by
 * the tracker, a cancel or a retry under way, so no two of those run for one download at once.
 */
final class DownloadTransitions {
  private static final Logger log = LoggerFactory.getLogger(DownloadTransitions.class);

  private final DownloadStore store;
  private final DownloadEvents events;
  private final DownloadMetrics metrics;
  private final Map<Long, Download> downloading = new HashMap<>();
  private final Set<Long> busy = new HashSet<>();
  /** Those waiting for a claimed download, first come first served ({@link #whenFree}). */
  private final Map<Long, Queue<Promise<Void>>> waiting = new HashMap<>();

  DownloadTransitions(DownloadStore store, DownloadEvents events, DownloadMetrics metrics) {
    this.store = store;
    this.events = events;
    this.metrics = metrics;
  }

  /** The downloads in progress when the verticle starts. */
  void loaded(List<Download> inProgress) {
    inProgress.stream().filter(d -> d.status() == DownloadStatus.DOWNLOADING).forEach(d -> downloading.put(d.id(), d));
    metrics.inProgress(inProgress.size());
  }

  /** The downloads being downloaded (what the tracker compares qBittorrent's answer with). */
  Collection<Download> downloading() {
    return List.copyOf(downloading.values());
  }

  Download downloading(long id) {
    return downloading.get(id);
  }

  /** What qBittorrent said of a download being downloaded (its progress, hash and paths), kept in memory. */
  void updated(Download download) {
    if (downloading.containsKey(download.id())) {
      downloading.put(download.id(), download);
    }
  }

  /** Claims a download for a send, an import, the tracker's move, a cancel or a retry; false if one is under way. */
  boolean claim(long id) {
    return busy.add(id);
  }

  /**
   * Runs {@code action} with the download claimed, and releases it when the action ends; answers
   * {@code whenClaimed} at once, running nothing, while something else has it claimed.
   */
  <T> Future<T> ifUnclaimed(long id, T whenClaimed, Supplier<Future<T>> action) {
    if (!claim(id)) {
      return Future.succeededFuture(whenClaimed);
    }
    return action.get().andThen(done -> release(id));
  }

  /**
   * Runs {@code action} with the download claimed: at once when it is free, else once whatever has it
   * lets it go (those waiting get it in turn), so the action reads what that left. Released when the
   * action ends.
   */
  <T> Future<T> whenFree(long id, Supplier<Future<T>> action) {
    Future<Void> claimed;
    if (claim(id)) {
      claimed = Future.succeededFuture();
    } else {
      Promise<Void> turn = Promise.promise();
      waiting.computeIfAbsent(id, key -> new ArrayDeque<>()).add(turn);
      metrics.actionWaits();
      claimed = turn.future().andThen(done -> metrics.actionStopsWaiting());
    }
    return claimed.compose(v -> action.get()).andThen(done -> release(id));
  }

  /** Lets the download go, or hands it to the first {@link #whenFree} waiting for it. */
  void release(long id) {
    Queue<Promise<Void>> next = waiting.get(id);
    if (next == null) {
      busy.remove(id);
      return;
    }
    Promise<Void> turn = next.poll();
    if (next.isEmpty()) {
      waiting.remove(id);
    }
    turn.complete();
  }

  boolean claimed(long id) {
    return busy.contains(id);
  }

  /** A new download was recorded. */
  void recorded(MovedDownload recorded) {
    Download download = recorded.download();
    log.info("Download {} queued: {} for episode(s) {}", download.id(), download.title(), download.trackedEpisodeIds());
    metrics.reached(DownloadStatus.QUEUED);
    events.moved(DownloadStatus.QUEUED, recorded.json());
    refreshInProgressCount();
  }

  /**
   * Moves a download by {@code event} (nothing when the event does not apply to its status any more).
   * {@code countAttempt} adds one to its attempts; {@code retryIn} is when it is due again.
   */
  Future<Optional<MovedDownload>> move(Download download, Event event, String error, String infoHash, boolean countAttempt,
      Duration retryIn) {
    Optional<DownloadStatus> next = DownloadLifecycle.next(download.status(), event);
    if (next.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    DownloadStatus to = next.get();
    return store.transition(download.id(), download.status(), to, error, infoHash, countAttempt, retryIn, cancelledBy(event))
        .onSuccess(moved -> moved.ifPresent(m -> {
          Download d = m.download();
          if (d.status() == DownloadStatus.DOWNLOADING) {
            downloading.put(d.id(), d);
          } else {
            downloading.remove(d.id());
          }
          if (to != download.status()) {
            metrics.reached(to);
            events.moved(to, m.json());
          }
          refreshInProgressCount();
        }));
  }

  /**
   * Why a cancelling event cancels: the user's cancel refuses the release (never picked again for its
   * episodes), a switch-off does not.
   */
  private static String cancelledBy(Event event) {
    return switch (event) {
      case CANCELLED -> "user";
      case UNTRACKED -> "switch_off";
      default -> null;
    };
  }

  /** A download's progress moved: published with what the tracker knows (no read of the table). */
  void progressed(Download download) {
    events.progress(new JsonObject().put("id", download.id()).put("seriesId", download.seriesId())
        .put("trackedEpisodeIds", new JsonArray(download.trackedEpisodeIds())).put("title", download.title())
        .put("infoHash", download.infoHash()).put("status", download.status().wire())
        .put("progress", download.progress()));
  }

  private void refreshInProgressCount() {
    store.inProgressCount().onSuccess(metrics::inProgress);
  }
}
