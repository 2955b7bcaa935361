package io.autoanime.downloads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Download metrics: {@code autoanime_downloads_total{status}} (downloads that reached each status),
 * {@code autoanime_downloads_in_progress} (queued, downloading or importing now),
 * {@code autoanime_download_import_seconds} (from Sonarr's reading of the files to the episode
 * showing its file) and {@code autoanime_download_actions_waiting} (actions waiting for a download
 * another action holds: Sonarr's reports of an import, {@link DownloadTransitions#whenFree}).
 */
final class DownloadMetrics {
  private final Map<DownloadStatus, Counter> reached = new EnumMap<>(DownloadStatus.class);
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger actionsWaiting = new AtomicInteger();
  private final Timer importTime;

  DownloadMetrics(MeterRegistry registry) {
    for (DownloadStatus status : DownloadStatus.values()) {
      reached.put(status, Counter.builder("autoanime.downloads").tag("status", status.wire())
          .description("Downloads that reached each status").register(registry));
    }
    registry.gauge("autoanime.downloads.in.progress", inProgress);
    registry.gauge("autoanime.download.actions.waiting", actionsWaiting);
    importTime = Timer.builder("autoanime.download.import").description("How long Sonarr's import of a download took")
        .register(registry);
  }

  void reached(DownloadStatus status) {
    reached.get(status).increment();
  }

  void inProgress(int count) {
    inProgress.set(count);
  }

  void actionWaits() {
    actionsWaiting.incrementAndGet();
  }

  void actionStopsWaiting() {
    actionsWaiting.decrementAndGet();
  }

  void imported(Duration took) {
    importTime.record(took);
  }
}
