package io.autoanime.downloads;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.ConflictException;
import io.autoanime.config.AppConfig;
import io.autoanime.config.DownloadSettings;
import io.autoanime.downloads.DownloadLifecycle.Event;
import io.autoanime.feeds.FeedUrls;
import io.autoanime.library.NotFoundException;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.QbittorrentException;
import io.autoanime.qbittorrent.QbittorrentTuning;
import io.autoanime.qbittorrent.TorrentAdd;
import io.autoanime.qbittorrent.TorrentInfo;
import io.autoanime.sonarr.SonarrClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the auto-download switch download. Every {@code checkMs}, and when releases were placed or a
 * sync finished, it stops tracking episodes the user switched off, and records and sends a download
 * for every wanted episode's best release; every {@code pollMs} it follows its torrents in
 * qBittorrent with one request; a finished torrent is imported through Sonarr. Sends and imports
 * that fail are retried with backoff, then the download is {@code failed}. Everything is recorded
 * before it is done, so a restart picks up where the last process stopped: queued downloads are
 * looked up by their tag before they are sent again.
 */
public final class DownloadVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DownloadVerticle.class);
  /** Polls in a row a torrent must be missing from qBittorrent before its download counts it gone. */
  private static final int MISSING_POLLS_BEFORE_GONE = 3;
  static final String NOT_CONFIGURED = "qBittorrent is not configured: set QBITTORRENT_URL";

  private final AppConfig config;
  private final DownloadSettings settings;
  private final Pool pool;
  private final MeterRegistry registry;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** Downloads being downloaded, by id: what the tracker compares qBittorrent's answer with. */
  private final Map<Long, Download> downloading = new HashMap<>();
  private final Map<Long, Integer> missingPolls = new HashMap<>();
  /** Downloads with a send, an import or a cancel under way. */
  private final Set<Long> busy = new HashSet<>();
  private QbittorrentClient qbittorrent;
  private SonarrClient sonarr;
  private DownloadStore store;
  private WantedEpisodes wanted;
  private ImportRunner imports;
  private DownloadEvents events;
  private DownloadMetrics metrics;
  private boolean scanning;
  private boolean scanAgain;
  private boolean tracking;
  private boolean qbittorrentWasDown;
  private final List<Long> timers = new ArrayList<>();

  public DownloadVerticle(AppConfig config, Pool pool, MeterRegistry registry) {
    this.config = config;
    this.settings = config.downloads();
    this.pool = pool;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    store = new DownloadStore(pool);
    events = new DownloadEvents(vertx);
    metrics = new DownloadMetrics(registry);
    consumers.add(bus.<Object>consumer(Addresses.DOWNLOADS_ACTIONS, BusErrors.guard(this::onAction)));
    if (!settings.qbittorrentConfigured()) {
      log.info("qBittorrent is not configured: releases are matched, nothing is downloaded");
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }
    qbittorrent = new QbittorrentClient(vertx, settings.qbittorrent().get(),
        new QbittorrentTuning(settings.qbittorrentTimeoutSeconds(), QbittorrentTuning.defaults().loginCooldownMs()));
    SonarrImporter importer = null;
    if (config.sonarrConfigured()) {
      sonarr = new SonarrClient(vertx, config.sonarrUrl().get(), config.sonarrApiKey().get(), config.sonarrTuning());
      importer = new SonarrImporter(vertx, sonarr, settings.pathMap(), settings.importMode(),
          settings.importCommandPollMs(), settings.importTimeoutSeconds() * 1000L);
    }
    wanted = new WantedEpisodes(pool, config.releasePreferences());
    imports = new ImportRunner(vertx, pool, qbittorrent, importer);
    consumers.add(bus.<Object>consumer(Addresses.RELEASES_PLACED, placed -> scan()));
    consumers.add(bus.<Object>consumer(Addresses.SYNC_EVENTS, event -> {
      if (event.body() instanceof JsonObject body && "finished".equals(body.getString("type"))) {
        scan();
      }
    }));
    consumers.add(bus.<Object>consumer(Addresses.SONARR_IMPORTED, this::onSonarrImported));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> store.inProgress())
        .onSuccess(inProgress -> {
          inProgress.stream().filter(d -> d.status() == DownloadStatus.DOWNLOADING).forEach(d -> downloading.put(d.id(), d));
          metrics.inProgress(inProgress.size());
          log.info("Downloads: {} in progress at start ({} downloading)", inProgress.size(), downloading.size());
          timers.add(vertx.setPeriodic(settings.pollMs(), id -> track()));
          timers.add(vertx.setPeriodic(10, settings.checkMs(), id -> {
            scan();
            sendDue();
            importDue();
          }));
        });
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (qbittorrent != null) {
      qbittorrent.close();
    }
    if (sonarr != null) {
      sonarr.close();
    }
    return Future.succeededFuture();
  }

  // ---- finding what to download ------------------------------------------------------------------

  /** Untracks switched-off episodes, then records and sends a download for each wanted episode; one pass at a time. */
  private void scan() {
    if (scanning) {
      scanAgain = true;
      return;
    }
    scanning = true;
    store.untrackSwitchedOff()
        .compose(touched -> Future.all(touched.stream().map(this::cancelIfUntracked).toList()))
        .compose(v -> wanted.picks())
        .compose(picks -> Future.all(picks.stream().map(this::startDownload).toList()))
        .onFailure(e -> log.warn("Looking for episodes to download failed: {}", e.getMessage()))
        .onComplete(done -> {
          scanning = false;
          if (scanAgain) {
            scanAgain = false;
            scan();
          }
        });
  }

  private Future<Void> cancelIfUntracked(long downloadId) {
    return store.download(downloadId).compose(download -> {
      if (!download.trackedEpisodeIds().isEmpty() || !download.status().inProgress()) {
        return Future.succeededFuture();
      }
      log.info("Download {} ({}): its episodes were switched off; no longer tracked, the torrent is left in qBittorrent",
          download.id(), download.title());
      return move(download, Event.UNTRACKED, "auto-download was switched off: no longer tracked (the torrent is left in "
          + "qBittorrent)", null, false, Duration.ZERO).mapEmpty();
    });
  }

  private Future<Void> startDownload(WantedEpisodes.Pick pick) {
    return ReleaseSource.of(pool, pick.feedItemId())
        .compose(release -> store.create(pick.seriesId(), pick.feedItemId(), release.title(), release.source(),
            release.infoHash(), release.sizeBytes(), pick.episodeIds(), "auto"))
        .compose(this::queued)
        .recover(e -> {
          if (!(e instanceof ConflictException)) {
            log.warn("Could not start the download of release {}: {}", pick.feedItemId(), e.getMessage());
          }
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private Future<Download> queued(Download download) {
    log.info("Download {} queued: {} for episode(s) {}", download.id(), download.title(), download.trackedEpisodeIds());
    metrics.reached(DownloadStatus.QUEUED);
    publish(download.id(), DownloadStatus.QUEUED);
    send(download);
    return Future.succeededFuture(download);
  }

  // ---- sending ----------------------------------------------------------------------------------

  private void sendDue() {
    store.due(DownloadStatus.QUEUED).onSuccess(due -> due.forEach(this::send))
        .onFailure(e -> log.warn("Could not read the queued downloads: {}", e.getMessage()));
  }

  /** Sends a queued download to qBittorrent, unless qBittorrent has it already (found by its tag). */
  private void send(Download download) {
    if (!busy.add(download.id())) {
      return;
    }
    qbittorrent.torrentsTagged(download.tag())
        .compose(present -> {
          if (!present.isEmpty()) {
            return Future.succeededFuture(present.get(0).hash());
          }
          TorrentAdd add = new TorrentAdd(download.source(), download.infoHash(), download.tag(), Optional.empty());
          return qbittorrent.add(add).compose(outcome -> add.knownHash().isPresent()
              ? Future.succeededFuture(add.knownHash().get())
              : qbittorrent.torrentsTagged(download.tag()).map(tagged -> tagged.isEmpty() ? null : tagged.get(0).hash()));
        })
        .compose(hash -> move(download, Event.SENT, null, hash, false, Duration.ZERO))
        .onSuccess(moved -> moved.ifPresent(d -> {
          downloading.put(d.id(), d);
          log.info("Download {} sent to qBittorrent ({})", d.id(), d.title());
        }))
        .recover(e -> sendFailed(download, e).mapEmpty())
        .onComplete(done -> busy.remove(download.id()));
  }

  private Future<Optional<Download>> sendFailed(Download download, Throwable e) {
    String reason = "qBittorrent did not take the torrent: " + e.getMessage();
    if (download.attempts() + 1 > settings.retries()) {
      log.warn("Download {} failed: {}", download.id(), reason);
      return move(download, Event.SEND_GAVE_UP, reason, null, true, Duration.ZERO);
    }
    log.info("Download {}: {} (try {} of {}, again later)", download.id(), reason, download.attempts() + 1,
        settings.retries() + 1);
    return move(download, Event.SEND_FAILED, reason, null, true, backoff(download.attempts()));
  }

  // ---- following the torrents -------------------------------------------------------------------

  /**
   * One qBittorrent request for every download being downloaded (its category), one statement for
   * what changed. A torrent qBittorrent already had under another category (a duplicate add keeps
   * the first one's category) is looked up by its hash.
   */
  private void track() {
    if (downloading.isEmpty() || tracking) {
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

  /** The torrent of each download being downloaded that qBittorrent has, by download id. */
  private Future<Map<Long, TorrentInfo>> locate(List<TorrentInfo> torrents) {
    Map<String, TorrentInfo> byHash = new HashMap<>();
    Map<String, TorrentInfo> byTag = new HashMap<>();
    for (TorrentInfo torrent : torrents) {
      byHash.put(torrent.hash(), torrent);
      torrent.tags().forEach(tag -> byTag.put(tag, torrent));
    }
    Map<Long, TorrentInfo> found = new HashMap<>();
    List<Future<?>> lookups = new ArrayList<>();
    for (Download download : downloading.values()) {
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
    List<DownloadStore.TorrentProgress> changes = new ArrayList<>();
    List<Supplier<Future<?>>> moves = new ArrayList<>();
    for (Download download : List.copyOf(downloading.values())) {
      if (busy.contains(download.id())) {
        continue;
      }
      TorrentInfo torrent = found.get(download.id());
      if (torrent == null) {
        if (missingPolls.merge(download.id(), 1, Integer::sum) >= MISSING_POLLS_BEFORE_GONE) {
          // qBittorrent fetches a .torrent URL after it answered the add: a dead link only shows as a torrent that never comes.
          String reason = download.savePath() == null
              ? "qBittorrent never showed the torrent: the release's link may be dead (" + FeedUrls.masked(download.source()) + ")"
              : "the torrent is no longer in qBittorrent (removed there?)";
          moves.add(() -> move(download, Event.TORRENT_GONE, reason, null, false, Duration.ZERO));
        }
        continue;
      }
      missingPolls.remove(download.id());
      if (torrent.state().failed()) {
        String state = torrent.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        moves.add(() -> move(download, Event.TORRENT_FAILED, "qBittorrent reports the torrent as " + state,
            torrent.hash(), false, Duration.ZERO));
        continue;
      }
      Download current = download;
      if (torrent.progress() != download.progress() || !torrent.hash().equals(download.infoHash())
          || !Objects.equals(torrent.contentPath(), download.contentPath())) {
        changes.add(new DownloadStore.TorrentProgress(download.id(), torrent.progress(), torrent.sizeBytes(),
            torrent.savePath(), torrent.contentPath(), torrent.hash()));
        current = withTorrent(download, torrent);
        downloading.put(download.id(), current);
      }
      if (torrent.state().finished()) {
        Download finished = current;
        moves.add(() -> move(finished, Event.FINISHED, null, torrent.hash(), false, Duration.ZERO)
            .onSuccess(moved -> moved.ifPresent(this::runImport)));
      }
    }
    return store.progress(changes)
        .onSuccess(v -> changes.forEach(change -> publishProgress(downloading.get(change.downloadId()))))
        .compose(v -> Future.all(moves.stream().map(Supplier::get).toList()))
        .mapEmpty();
  }

  private static Download withTorrent(Download d, TorrentInfo t) {
    return new Download(d.id(), d.seriesId(), d.feedItemId(), d.title(), d.source(), t.hash(), d.tag(), d.status(),
        t.progress(), t.contentPath(), t.savePath(), d.attempts(), d.trackedEpisodeIds());
  }

  // ---- importing --------------------------------------------------------------------------------

  private void importDue() {
    store.due(DownloadStatus.IMPORTING).onSuccess(due -> due.forEach(this::runImport))
        .onFailure(e -> log.warn("Could not read the downloads waiting for their import: {}", e.getMessage()));
  }

  private void runImport(Download download) {
    if (!busy.add(download.id())) {
      return;
    }
    long startedAt = System.nanoTime();
    imports.importDownload(download)
        .compose(imported -> store.failEpisodesWithoutFile(download.id(), imported.episodesWithoutFile())
            .compose(v -> move(download, Event.IMPORTED, imported.note(), null, false, Duration.ZERO))
            .onSuccess(moved -> moved.ifPresent(d -> {
              metrics.imported(Duration.ofNanos(System.nanoTime() - startedAt));
              log.info("Download {} imported by Sonarr: {}", d.id(), d.title());
            })))
        .recover(e -> importFailed(download, e))
        .onComplete(done -> busy.remove(download.id()));
  }

  private Future<Optional<Download>> importFailed(Download download, Throwable e) {
    String reason = "import failed: " + e.getMessage();
    if (e instanceof ImportRunner.Hopeless || download.attempts() + 1 > settings.retries()) {
      log.warn("Download {} failed: {}", download.id(), reason);
      return move(download, Event.IMPORT_GAVE_UP, reason, null, true, Duration.ZERO);
    }
    log.info("Download {}: {} (try {} of {}, again later)", download.id(), reason, download.attempts() + 1,
        settings.retries() + 1);
    return move(download, Event.IMPORT_FAILED, reason, null, true, backoff(download.attempts()));
  }

  private void onSonarrImported(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("sonarrEpisodeIds") instanceof JsonArray ids)) {
      return;
    }
    List<Long> sonarrEpisodeIds = ids.stream().filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).toList();
    if (sonarrEpisodeIds.isEmpty()) {
      return;
    }
    store.trackingSonarrEpisodes(sonarrEpisodeIds)
        .compose(downloads -> Future.all(downloads.stream().map(id -> store.download(id)
            .compose(d -> move(d, Event.SONARR_REPORTED_IMPORT, null, null, false, Duration.ZERO))).toList()))
        .onFailure(e -> log.warn("Could not record Sonarr's import: {}", e.getMessage()));
  }

  // ---- the user's actions -----------------------------------------------------------------------

  private void onAction(Message<Object> message) {
    Future<JsonObject> answer;
    try {
      DownloadAction action = DownloadAction.fromJson(message.body());
      answer = switch (action.kind()) {
        case DOWNLOAD -> downloadNow(action.episodeId(), action.feedItemId());
        case RETRY -> retry(action.downloadId());
        case CANCEL -> cancel(action.downloadId(), action.deleteFiles());
      };
    } catch (BadRequestException e) {
      message.fail(BusErrors.BAD_REQUEST, e.getMessage());
      return;
    }
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
    return ManualPick.of(pool, config.releasePreferences(), episodeId, feedItemId)
        .compose(pick -> store.trackingDownloads(List.of(episodeId)).compose(tracking -> {
          if (!tracking.isEmpty()) {
            JsonObject existing = tracking.get(0);
            return Future.failedFuture(new ConflictException("episode " + episodeId + " already has download "
                + existing.getLong("downloadId") + " (" + existing.getString("status")
                + "): cancel it first, or retry it if it failed"));
          }
          return requireQbittorrent().compose(v -> ReleaseSource.of(pool, pick.feedItemId()))
              .compose(release -> store.create(pick.seriesId(), pick.feedItemId(), release.title(), release.source(),
                  release.infoHash(), release.sizeBytes(), List.of(episodeId), "manual"));
        }))
        .compose(this::queued)
        .compose(download -> store.json(download.id()));
  }

  private Future<JsonObject> retry(long downloadId) {
    return store.download(downloadId).compose(download -> {
      if (download.status() != DownloadStatus.FAILED) {
        return Future.failedFuture(new ConflictException("download " + downloadId + " is " + download.status().wire()
            + ": only a failed download can be retried"));
      }
      return requireQbittorrent()
          .compose(v -> move(download, Event.RETRIED, null, null, false, Duration.ZERO))
          .compose(moved -> {
            moved.ifPresent(this::send);
            return store.json(downloadId);
          });
    });
  }

  private Future<JsonObject> cancel(long downloadId, boolean deleteFiles) {
    return store.download(downloadId).compose(download -> {
      if (download.status() == DownloadStatus.IMPORTED || download.status() == DownloadStatus.CANCELLED) {
        return Future.failedFuture(new ConflictException("download " + downloadId + " is already "
            + download.status().wire()));
      }
      return requireQbittorrent().compose(v -> qbittorrent.torrentsTagged(download.tag()))
          .map(tagged -> tagged.isEmpty() ? download.infoHash() : tagged.get(0).hash())
          .compose(hash -> hash == null ? Future.succeededFuture() : qbittorrent.delete(hash, deleteFiles))
          .compose(v -> move(download, Event.CANCELLED, "cancelled by the user" + (deleteFiles ? " (files deleted)" : ""),
              null, false, Duration.ZERO))
          .compose(moved -> store.json(downloadId));
    });
  }

  private Future<Void> requireQbittorrent() {
    return qbittorrent == null ? Future.failedFuture(new NotConfigured()) : Future.succeededFuture();
  }

  /** An action that needs qBittorrent, which is not configured (answered 502, like an unreachable one). */
  private static final class NotConfigured extends RuntimeException {
    NotConfigured() {
      super(NOT_CONFIGURED);
    }
  }

  // ---- moving a download ------------------------------------------------------------------------

  private Future<Optional<Download>> move(Download download, Event event, String error, String infoHash,
      boolean countAttempt, Duration retryIn) {
    Optional<DownloadStatus> next = DownloadLifecycle.next(download.status(), event);
    if (next.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    DownloadStatus to = next.get();
    return store.transition(download.id(), download.status(), to, error, infoHash, countAttempt, retryIn)
        .onSuccess(moved -> moved.ifPresent(d -> {
          if (d.status() == DownloadStatus.DOWNLOADING) {
            downloading.put(d.id(), d);
          } else {
            downloading.remove(d.id());
            missingPolls.remove(d.id());
          }
          if (to != download.status()) {
            metrics.reached(to);
            publish(d.id(), to);
          }
          refreshInProgressCount();
        }));
  }

  private void refreshInProgressCount() {
    store.inProgressCount().onSuccess(metrics::inProgress);
  }

  private void publish(long downloadId, DownloadStatus status) {
    store.json(downloadId).onSuccess(json -> events.moved(status, json))
        .onFailure(e -> log.warn("Could not publish download {}: {}", downloadId, e.getMessage()));
  }

  private void publishProgress(Download download) {
    if (download != null) {
      events.progress(new JsonObject().put("id", download.id()).put("seriesId", download.seriesId())
          .put("trackedEpisodeIds", new JsonArray(download.trackedEpisodeIds())).put("title", download.title())
          .put("infoHash", download.infoHash()).put("status", download.status().wire())
          .put("progress", download.progress()));
    }
  }

  private Duration backoff(int attempts) {
    return Duration.ofMillis(settings.retryDelayMs() << Math.min(attempts, 20));
  }
}
