package io.autoanime.config;

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
    int webhookCoalesceMs) {

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

  /** Every key the service reads, so the environment store only picks these up. */
  public static final java.util.List<String> KEYS = java.util.List.of(
      PORT, DATABASE_URL, DATA_DIR, SONARR_URL, SONARR_API_KEY, SYNC_ON_STARTUP, SYNC_INTERVAL_MINUTES,
      AUTOANIME_API_KEY, SONARR_TIMEOUT_SECONDS, SONARR_RETRIES, SONARR_RETRY_DELAY_MS, SONARR_CONCURRENCY,
      WEBHOOK_COALESCE_MS);

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
        in.integer(WEBHOOK_COALESCE_MS, 1000, 1, 600_000));
  }

  /** What every refused Sonarr action says while {@link #sonarrConfigured()} is false. */
  public static final String SONARR_NOT_CONFIGURED = "Sonarr is not configured: set SONARR_URL and SONARR_API_KEY";

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
        + Urls.withoutCredentials(value) + "')");
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
        + ", webhookCoalesceMs=" + webhookCoalesceMs + "]";
  }
}
