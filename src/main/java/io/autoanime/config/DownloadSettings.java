package io.autoanime.config;

import io.autoanime.qbittorrent.QbittorrentSettings;
import java.util.Optional;

/**
 * How downloads run: qBittorrent (absent: releases are matched, nothing is sent), where Sonarr sees
 * what qBittorrent saved, how Sonarr imports, and the downloader's rhythm: how often it follows the
 * torrents ({@code pollMs}), looks for wanted episodes ({@code checkMs}), and retries a send or an
 * import ({@code retries}, first after {@code retryDelayMs}, doubling), and how long a sent
 * {@code .torrent} link may take to show in qBittorrent ({@code linkWaitSeconds}: qBittorrent fetches
 * it after it answered the add, and a Prowlarr or Jackett link behind a Cloudflare solver can take a
 * minute) before the download fails as a dead link.
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
    int importTimeoutSeconds,
    int linkWaitSeconds) {

  public boolean qbittorrentConfigured() {
    return qbittorrent.isPresent();
  }
}
