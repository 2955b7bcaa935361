package io.autoanime.qbittorrent;

/**
 * How the client talks to qBittorrent.
 *
 * @param timeoutSeconds how long one request may take before it fails with {@code TIMEOUT}
 * @param loginCooldownMs after a refused login, how long every call fails fast before a login is tried
 *     again (qBittorrent bans an address after five failed logins)
 */
public record QbittorrentTuning(int timeoutSeconds, long loginCooldownMs) {
  public QbittorrentTuning {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("the qBittorrent timeout must be at least 1 s (got " + timeoutSeconds + ")");
    }
    if (loginCooldownMs < 0) {
      throw new IllegalArgumentException("the qBittorrent login cooldown cannot be negative (got " + loginCooldownMs + ")");
    }
  }

  public static QbittorrentTuning defaults() {
    return new QbittorrentTuning(15, 3_600_000);
  }
}
