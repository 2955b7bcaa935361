package io.autoanime.webhook;

import java.util.Optional;

/** The {@code eventType} values Sonarr's Connect > Webhook sends, and whether each one can change a series. */
public enum WebhookEventType {
  GRAB("Grab", true),
  DOWNLOAD("Download", true),
  RENAME("Rename", true),
  SERIES_ADD("SeriesAdd", true),
  SERIES_DELETE("SeriesDelete", true),
  EPISODE_FILE_DELETE("EpisodeFileDelete", true),
  /** The "Test" button: its ids are made up (series 1, tvdb 1234) and must never be synced. */
  TEST("Test", false),
  HEALTH("Health", false),
  HEALTH_RESTORED("HealthRestored", false),
  APPLICATION_UPDATE("ApplicationUpdate", false),
  MANUAL_INTERACTION_REQUIRED("ManualInteractionRequired", false);

  private final String wireName;
  private final boolean syncsSeries;

  WebhookEventType(String wireName, boolean syncsSeries) {
    this.wireName = wireName;
    this.syncsSeries = syncsSeries;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the event may have changed the series it names, so that series is synced. */
  public boolean syncsSeries() {
    return syncsSeries;
  }

  /** Case-insensitive, as Sonarr's own spelling has varied between versions only in case. */
  public static Optional<WebhookEventType> parse(String value) {
    for (WebhookEventType type : values()) {
      if (type.wireName.equalsIgnoreCase(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
