package io.autoanime.config;

import io.autoanime.qbittorrent.QbittorrentSettings;
import java.util.Optional;

/**
 * How downloads run: qBittorrent (absent: releases are matched, nothing is sent), where Sonarr sees
 * what qBittorrent saved, how Sonarr imports, and the downloader's rhythm: how often it follows the
 * torrents ({@code pollMs}), looks for wanted episodes ({@code checkMs}), and retries a send or an
 * import ({@code retries}, first after {@code retryDelayMs}, doubling).
 */
public record DownloadSettings(
    Optional<QbittorrentSettings> qbittorrent,
    int qbittorrentTimeoutSeconds,
    PathMap pathMap,
    String importMode,
    long pollMs,
    long checkMs,
    int retries,
    long retryDelayMs,
    long importCommandPollMs,
    int importTimeoutSeconds) {

  public boolean qbittorrentConfigured() {
    return qbittorrent.isPresent();
  }
}
