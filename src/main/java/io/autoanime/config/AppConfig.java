package io.autoanime.config;

import io.autoanime.qbittorrent.QbittorrentSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every setting of the service, validated once at start-up. Keys are the contract's environment
 * variable names; the same keys may appear in the JSON config file.
 */
public record AppConfig(
    int port,
    Optional<DatabaseUrl> databaseUrl,
    Path dataDir,
    Optional<String> sonarrUrl,
    Optional<String> sonarrApiKey,
    boolean syncOnStartup,
    int syncIntervalMinutes,
    Optional<String> apiKey,
    SonarrTuning sonarrTuning,
    int webhookCoalesceMs,
    FeedSettings feeds,
    ReleasePreferences releasePreferences,
    DownloadSettings downloads) {

  public static final String PORT = "PORT";
  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String DATA_DIR = "DATA_DIR";
  public static final String SONARR_URL = "SONARR_URL";
  public static final String SONARR_API_KEY = "SONARR_API_KEY";
  public static final String SYNC_ON_STARTUP = "SYNC_ON_STARTUP";
  public static final String SYNC_INTERVAL_MINUTES = "SYNC_INTERVAL_MINUTES";
  public static final String AUTOANIME_API_KEY = "AUTOANIME_API_KEY";
  public static final String SONARR_TIMEOUT_SECONDS = "SONARR_TIMEOUT_SECONDS";
  public static final String SONARR_RETRIES = "SONARR_RETRIES";
  public static final String SONARR_RETRY_DELAY_MS = "SONARR_RETRY_DELAY_MS";
  public static final String SONARR_CONCURRENCY = "SONARR_CONCURRENCY";
  /** How long webhook notifications for one series are gathered into one sync. */
  public static final String WEBHOOK_COALESCE_MS = "WEBHOOK_COALESCE_MS";
  public static final String FEED_POLL_MINUTES = "FEED_POLL_MINUTES";
  /** How often the feed scheduler looks for feeds that are due. */
  public static final String FEED_CHECK_SECONDS = "FEED_CHECK_SECONDS";
  public static final String FEED_TIMEOUT_SECONDS = "FEED_TIMEOUT_SECONDS";
  public static final String FEED_MAX_BYTES = "FEED_MAX_BYTES";
  public static final String RELEASE_RESOLUTION = "RELEASE_RESOLUTION";
  public static final String RELEASE_PREFERRED_GROUPS = "RELEASE_PREFERRED_GROUPS";
  public static final String RELEASE_MUST_CONTAIN = "RELEASE_MUST_CONTAIN";
  public static final String RELEASE_MUST_NOT_CONTAIN = "RELEASE_MUST_NOT_CONTAIN";
  public static final String QBITTORRENT_URL = "QBITTORRENT_URL";
  public static final String QBITTORRENT_USERNAME = "QBITTORRENT_USERNAME";
  public static final String QBITTORRENT_PASSWORD = "QBITTORRENT_PASSWORD";
  public static final String QBITTORRENT_CATEGORY = "QBITTORRENT_CATEGORY";
  public static final String QBITTORRENT_TIMEOUT_SECONDS = "QBITTORRENT_TIMEOUT_SECONDS";
  public static final String DOWNLOAD_PATH_MAP = "DOWNLOAD_PATH_MAP";
  public static final String AUTO_DOWNLOAD_IMPORT_MODE = "AUTO_DOWNLOAD_IMPORT_MODE";
  /** How often the downloader follows its torrents in qBittorrent. */
  public static final String DOWNLOAD_POLL_MS = "DOWNLOAD_POLL_MS";
  /** How often the downloader looks for wanted episodes with a matched release. */
  public static final String DOWNLOAD_CHECK_MS = "DOWNLOAD_CHECK_MS";
  public static final String DOWNLOAD_RETRIES = "DOWNLOAD_RETRIES";
  public static final String DOWNLOAD_RETRY_DELAY_MS = "DOWNLOAD_RETRY_DELAY_MS";
  /** How often the state of Sonarr's ManualImport command is asked for. */
  public static final String IMPORT_COMMAND_POLL_MS = "IMPORT_COMMAND_POLL_MS";
  public static final String IMPORT_TIMEOUT_SECONDS = "IMPORT_TIMEOUT_SECONDS";
  /** How long a sent .torrent link may take to show in qBittorrent before its download fails as a dead link. */
  public static final String DOWNLOAD_LINK_WAIT_SECONDS = "DOWNLOAD_LINK_WAIT_SECONDS";

  /** Every key the service reads, so the environment store only picks these up. */
  public static final java.util.List<String> KEYS = java.util.List.of(
      PORT, DATABASE_URL, DATA_DIR, SONARR_URL, SONARR_API_KEY, SYNC_ON_STARTUP, SYNC_INTERVAL_MINUTES,
      AUTOANIME_API_KEY, SONARR_TIMEOUT_SECONDS, SONARR_RETRIES, SONARR_RETRY_DELAY_MS, SONARR_CONCURRENCY,
      WEBHOOK_COALESCE_MS, FEED_POLL_MINUTES, FEED_CHECK_SECONDS, FEED_TIMEOUT_SECONDS, FEED_MAX_BYTES,
      RELEASE_RESOLUTION, RELEASE_PREFERRED_GROUPS, RELEASE_MUST_CONTAIN, RELEASE_MUST_NOT_CONTAIN,
      QBITTORRENT_URL, QBITTORRENT_USERNAME, QBITTORRENT_PASSWORD, QBITTORRENT_CATEGORY, QBITTORRENT_TIMEOUT_SECONDS,
      DOWNLOAD_PATH_MAP, AUTO_DOWNLOAD_IMPORT_MODE, DOWNLOAD_POLL_MS, DOWNLOAD_CHECK_MS, DOWNLOAD_RETRIES,
      DOWNLOAD_RETRY_DELAY_MS, IMPORT_COMMAND_POLL_MS, IMPORT_TIMEOUT_SECONDS, DOWNLOAD_LINK_WAIT_SECONDS);

  /** How the Sonarr client talks to Sonarr. */
  public record SonarrTuning(int timeoutSeconds, int retries, long retryDelayMs, int concurrency) {}

  public static AppConfig fromJson(JsonObject json) {
    SettingReader in = new SettingReader(json);
    Optional<String> sonarrUrl = in.text(SONARR_URL).map(AppConfig::validSonarrUrl);
    Optional<String> sonarrKey = in.text(SONARR_API_KEY);
    if (sonarrUrl.isPresent() != sonarrKey.isPresent()) {
      throw new ConfigException("SONARR_URL and SONARR_API_KEY must be set together (only "
          + (sonarrUrl.isPresent() ? SONARR_URL : SONARR_API_KEY) + " is set)");
    }
    return new AppConfig(
        in.integer(PORT, 3001, 0, 65535),
        in.text(DATABASE_URL).map(DatabaseUrl::parse),
        Path.of(in.text(DATA_DIR).orElse("./data")),
        sonarrUrl,
        sonarrKey,
        in.bool(SYNC_ON_STARTUP, true),
        in.integer(SYNC_INTERVAL_MINUTES, 360, 0, 525_600),
        in.text(AUTOANIME_API_KEY),
        new SonarrTuning(
            in.integer(SONARR_TIMEOUT_SECONDS, 30, 1, 3600),
            in.integer(SONARR_RETRIES, 3, 0, 10),
            in.integer(SONARR_RETRY_DELAY_MS, 500, 0, 60_000),
            in.integer(SONARR_CONCURRENCY, 4, 1, 32)),
        in.integer(WEBHOOK_COALESCE_MS, 1000, 1, 600_000),
        new FeedSettings(
            in.integer(FEED_POLL_MINUTES, 15, FeedSettings.MIN_POLL_MINUTES, FeedSettings.MAX_POLL_MINUTES),
            in.integer(FEED_CHECK_SECONDS, 30, 1, 3600),
            in.integer(FEED_TIMEOUT_SECONDS, 30, 1, 600),
            in.integer(FEED_MAX_BYTES, 10 * 1024 * 1024, 64 * 1024, 512 * 1024 * 1024)),
        releasePreferences(in),
        downloadSettings(in));
  }

  private static DownloadSettings downloadSettings(SettingReader in) {
    Optional<QbittorrentSettings> qbittorrent = in.text(QBITTORRENT_URL).map(url -> {
      try {
        return new QbittorrentSettings(url, in.text(QBITTORRENT_USERNAME), in.text(QBITTORRENT_PASSWORD),
            in.text(QBITTORRENT_CATEGORY).orElse("autoanime"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(QBITTORRENT_URL + ": " + e.getMessage());
      }
    });
    if (qbittorrent.isEmpty() && in.text(QBITTORRENT_USERNAME).isPresent()) {
      throw new ConfigException(QBITTORRENT_USERNAME + " is set but " + QBITTORRENT_URL + " is not");
    }
    PathMap pathMap;
    try {
      pathMap = PathMap.parse(in.text(DOWNLOAD_PATH_MAP).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DOWNLOAD_PATH_MAP + ": " + e.getMessage());
    }
    String importMode = in.text(AUTO_DOWNLOAD_IMPORT_MODE).orElse("copy").toLowerCase(java.util.Locale.ROOT);
    if (!importMode.equals("copy") && !importMode.equals("move")) {
      throw new ConfigException(AUTO_DOWNLOAD_IMPORT_MODE + " must be copy or move (got '" + importMode + "')");
    }
    return new DownloadSettings(qbittorrent,
        in.integer(QBITTORRENT_TIMEOUT_SECONDS, 15, 1, 600),
        pathMap,
        importMode,
        in.integer(DOWNLOAD_POLL_MS, 5_000, 50, 3_600_000),
        in.integer(DOWNLOAD_CHECK_MS, 30_000, 50, 86_400_000),
        in.integer(DOWNLOAD_RETRIES, 5, 0, 50),
        in.integer(DOWNLOAD_RETRY_DELAY_MS, 30_000, 1, 86_400_000),
        in.integer(IMPORT_COMMAND_POLL_MS, 2_000, 10, 600_000),
        in.integer(IMPORT_TIMEOUT_SECONDS, 600, 1, 86_400),
        in.integer(DOWNLOAD_LINK_WAIT_SECONDS, 120, 0, 86_400));
  }

  private static ReleasePreferences releasePreferences(SettingReader in) {
    String resolution = in.text(RELEASE_RESOLUTION).orElse("1080p");
    String normalised = ReleasePreferences.normalisedResolution(resolution);
    if (normalised == null && !resolution.equalsIgnoreCase("any")) {
      throw new ConfigException(RELEASE_RESOLUTION + " must be a resolution such as 1080p, or any (got '"
          + resolution + "')");
    }
    return new ReleasePreferences(Optional.ofNullable(normalised), in.list(RELEASE_PREFERRED_GROUPS),
        in.list(RELEASE_MUST_CONTAIN), in.list(RELEASE_MUST_NOT_CONTAIN));
  }

  /** What every refused Sonarr action says while {@link #sonarrConfigured()} is false. */
  public static final String SONARR_NOT_CONFIGURED = "Sonarr is not configured: set SONARR_URL and SONARR_API_KEY";
  /** What every action that needs qBittorrent says while QBITTORRENT_URL is unset. */
  public static final String QBITTORRENT_NOT_CONFIGURED = "qBittorrent is not configured: set QBITTORRENT_URL";

  public boolean sonarrConfigured() {
    return sonarrUrl.isPresent() && sonarrApiKey.isPresent();
  }

  private static String validSonarrUrl(String value) {
    String url = value.replaceAll("/+$", "");
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return url;
      }
    } catch (java.net.URISyntaxException ignored) {
      // reported below
    }
    throw new ConfigException("SONARR_URL must be an http(s) URL such as http://sonarr:8989 (got '"
        + Urls.withoutCredentials(value) + "')" + Urls.percentEncodingAdvice(value));
  }

  @Override
  public String toString() {
    return "AppConfig[port=" + port
        + ", database=" + databaseUrl.map(DatabaseUrl::toString).orElse("embedded in " + dataDir.resolve("postgres"))
        + ", sonarrUrl=" + sonarrUrl.map(Urls::withoutCredentials).orElse("(unset)")
        + ", sonarrApiKey=" + (sonarrApiKey.isPresent() ? "***" : "(unset)")
        + ", syncOnStartup=" + syncOnStartup
        + ", syncIntervalMinutes=" + syncIntervalMinutes
        + ", apiKey=" + (apiKey.isPresent() ? "***" : "(unset)")
        + ", sonarr=" + sonarrTuning
        + ", webhookCoalesceMs=" + webhookCoalesceMs
        + ", feeds=" + feeds
        + ", releasePreferences=" + releasePreferences
        + ", downloads=" + downloads + "]";
  }
}
