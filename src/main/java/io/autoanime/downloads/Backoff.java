package io.autoanime.downloads;

import io.autoanime.config.DownloadSettings;
import java.time.Duration;

/** When a failed send or import is tried again: {@code DOWNLOAD_RETRY_DELAY_MS}, doubling with each attempt. */
final class Backoff {
  private Backoff() {}

  static Duration after(DownloadSettings settings, int attempts) {
    return Duration.ofMillis(settings.retryDelayMs() << Math.min(attempts, 20));
  }
}
