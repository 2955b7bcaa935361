package io.autoanime.downloads;

import io.autoanime.config.DownloadSettings;
import io.autoanime.downloads.DownloadLifecycle.Event;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the imports of finished downloads ({@link ImportRunner}) and moves each download by the
 * outcome: imported; or, after a failure, importing again after a backoff, then failed (at once when
 * retrying cannot help, e.g. no video file).
 */
final class Imports {
  private static final Logger log = LoggerFactory.getLogger(Imports.class);

  private final ImportRunner runner;
  private final DownloadStore store;
  private final DownloadTransitions transitions;
  private final DownloadMetrics metrics;
  private final DownloadSettings settings;

  Imports(ImportRunner runner, DownloadStore store, DownloadTransitions transitions, DownloadMetrics metrics,
      DownloadSettings settings) {
    this.runner = runner;
    this.store = store;
    this.transitions = transitions;
    this.metrics = metrics;
    this.settings = settings;
  }

  /** Imports every download whose import is due (a first one, or a retry after its backoff). */
  void runDue() {
    store.due(DownloadStatus.IMPORTING).onSuccess(due -> due.forEach(this::run))
        .onFailure(e -> log.warn("Could not read the downloads waiting for their import: {}", e.getMessage()));
  }

  /**
   * Imports the download unless a send, an import, the tracker's move or the user's cancel or retry has
   * it claimed. It is read again once claimed, and imported only if its import is still due: the copy
   * handed here may have been read while another import of it ran (the periodic check), and since been
   * imported (Sonarr would get a second ManualImport), cancelled, or failed and put off by a backoff.
   */
  Future<Void> run(Download handed) {
    return transitions.ifUnclaimed(handed.id(), null, () -> store.due(handed.id(), DownloadStatus.IMPORTING)
        .compose(due -> due.isPresent() ? importClaimed(due.get()) : Future.succeededFuture())
        .onFailure(e -> log.warn("Could not import download {}: {}", handed.id(), e.getMessage()))
        .mapEmpty());
  }

  private Future<?> importClaimed(Download download) {
    long startedAt = System.nanoTime();
    return runner.importDownload(download)
        .compose(imported -> store.failEpisodesWithoutFile(download.id(), imported.episodesWithoutFile())
            .compose(v -> transitions.move(download, Event.IMPORTED, imported.note(), null, false, Duration.ZERO))
            .onSuccess(moved -> moved.ifPresent(m -> {
              metrics.imported(Duration.ofNanos(System.nanoTime() - startedAt));
              log.info("Download {} imported by Sonarr: {}", download.id(), download.title());
            })))
        .recover(e -> failed(download, e));
  }

  private Future<Optional<MovedDownload>> failed(Download download, Throwable e) {
    String reason = "import failed: " + e.getMessage();
    if (e instanceof ImportRunner.Hopeless || download.attempts() + 1 > settings.retries()) {
      log.warn("Download {} failed: {}", download.id(), reason);
      return transitions.move(download, Event.IMPORT_GAVE_UP, reason, null, true, Duration.ZERO);
    }
    log.info("Download {}: {} (try {} of {}, again later)", download.id(), reason, download.attempts() + 1,
        settings.retries() + 1);
    return transitions.move(download, Event.IMPORT_FAILED, reason, null, true, Backoff.after(settings, download.attempts()));
  }
}
