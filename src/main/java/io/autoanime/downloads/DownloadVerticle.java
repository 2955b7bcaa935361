package io.autoanime.downloads;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BusErrors;
import io.autoanime.bus.ConflictException;
import io.autoanime.config.AppConfig;
import io.autoanime.config.DownloadSettings;
import io.autoanime.downloads.DownloadLifecycle.Event;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.QbittorrentTuning;
import io.autoanime.sonarr.SonarrClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the auto-download switch download. Every {@code checkMs}, and when releases were placed or a
 * sync finished, it stops tracking episodes the user switched off, and records and sends a download
 * for every wanted episode's best release ({@link WantedEpisodes}, {@link TorrentSender}); every
 * {@code pollMs} it follows its torrents in qBittorrent ({@link TorrentTracker}); a finished torrent
 * is imported through Sonarr ({@link Imports}). Everything is recorded before it is done, so a
 * restart picks up where the last process stopped. The user's actions: {@link DownloadActions}.
 */
public final class DownloadVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DownloadVerticle.class);

  private final AppConfig config;
  private final DownloadSettings settings;
  private final Pool pool;
  private final MeterRegistry registry;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private QbittorrentClient qbittorrent;
  private SonarrClient sonarr;
  private DownloadStore store;
  private DownloadTransitions transitions;
  private SwitchedOffEpisodes switchedOff;
  private WantedEpisodes wanted;
  private TorrentSender sender;
  private TorrentTracker tracker;
  private Imports imports;
  private boolean scanning;
  private boolean scanAgain;

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
    DownloadMetrics metrics = new DownloadMetrics(registry);
    transitions = new DownloadTransitions(store, new DownloadEvents(vertx), metrics);
    if (settings.qbittorrentConfigured()) {
      qbittorrent = new QbittorrentClient(vertx, settings.qbittorrent().get(),
          new QbittorrentTuning(settings.qbittorrentTimeoutSeconds(), QbittorrentTuning.defaults().loginCooldownMs()));
      sender = new TorrentSender(qbittorrent, store, transitions, settings);
    }
    DownloadActions actions = new DownloadActions(pool, config.releasePreferences(), store, transitions, qbittorrent,
        sender, this::recorded);
    consumers.add(bus.<Object>consumer(Addresses.DOWNLOADS_ACTIONS, BusErrors.guard(actions::handle)));
    if (!settings.qbittorrentConfigured()) {
      log.info("qBittorrent is not configured: releases are matched, nothing is downloaded");
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }
    SonarrImporter importer = null;
    if (config.sonarrConfigured()) {
      sonarr = new SonarrClient(vertx, config.sonarrUrl().get(), config.sonarrApiKey().get(), config.sonarrTuning());
      importer = new SonarrImporter(vertx, sonarr, settings.pathMap(), settings.importMode(),
          settings.importCommandPollMs(), settings.importTimeoutSeconds() * 1000L);
    }
    switchedOff = new SwitchedOffEpisodes(store, transitions);
    wanted = new WantedEpisodes(pool, config.releasePreferences());
    imports = new Imports(new ImportRunner(vertx, pool, qbittorrent, importer), store, transitions, metrics, settings);
    tracker = new TorrentTracker(qbittorrent, store, transitions, imports::run,
        Duration.ofSeconds(settings.linkWaitSeconds()));
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
          transitions.loaded(inProgress);
          log.info("Downloads: {} in progress at start ({} downloading)", inProgress.size(),
              transitions.downloading().size());
          timers.add(vertx.setPeriodic(settings.pollMs(), id -> tracker.poll()));
          timers.add(vertx.setPeriodic(10, settings.checkMs(), id -> {
            scan();
            sendDue();
            imports.runDue();
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

  /** Untracks switched-off episodes, then records and sends a download for each wanted episode; one pass at a time. */
  private void scan() {
    if (scanning) {
      scanAgain = true;
      return;
    }
    scanning = true;
    switchedOff.letGo()
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

  private Future<Void> startDownload(WantedEpisodes.Pick pick) {
    return ReleaseSource.of(pool, pick.feedItemId())
        .compose(release -> store.create(pick.seriesId(), pick.feedItemId(), release.title(), release.source(),
            release.infoHash(), release.sizeBytes(), pick.episodeIds(), "auto"))
        .onSuccess(this::recorded)
        .recover(e -> {
          if (!(e instanceof ConflictException)) {
            log.warn("Could not start the download of release {}: {}", pick.feedItemId(), e.getMessage());
          }
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  /** A download was recorded (automatically or by the user): it is sent at once. */
  private void recorded(MovedDownload recorded) {
    transitions.recorded(recorded);
    sender.send(recorded.download());
  }

  private void sendDue() {
    store.due(DownloadStatus.QUEUED).onSuccess(due -> due.forEach(sender::send))
        .onFailure(e -> log.warn("Could not read the queued downloads: {}", e.getMessage()));
  }

  /**
   * Sonarr reported (its webhook) that it imported files of these episodes: their downloads are
   * imported. Often it reports the import this service runs, before the command's answer; a download
   * claimed by that import (or a cancel, a send, the tracker's move) is moved once it is free, so what
   * holds it ends with its own outcome (the import's note, the user's cancel) and the report applies
   * only if the download is still in progress then.
   */
  private void onSonarrImported(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("sonarrEpisodeIds") instanceof JsonArray ids)) {
      return;
    }
    List<Long> sonarrEpisodeIds = ids.stream().filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).toList();
    if (sonarrEpisodeIds.isEmpty()) {
      return;
    }
    store.trackingSonarrEpisodes(sonarrEpisodeIds)
        .compose(downloads -> Future.all(downloads.stream().map(this::importedBySonarr).toList()))
        .onFailure(e -> log.warn("Could not record Sonarr's import: {}", e.getMessage()));
  }

  private Future<Optional<MovedDownload>> importedBySonarr(long downloadId) {
    if (transitions.claimed(downloadId)) {
      log.debug("Download {} is busy: Sonarr's report of its import waits until it is free", downloadId);
    }
    return transitions.whenFree(downloadId, () -> store.download(downloadId)
        .compose(download -> transitions.move(download, Event.SONARR_REPORTED_IMPORT, null, null, false, Duration.ZERO)));
  }
}
