package io.autoanime.webhook;

import io.autoanime.bus.BadRequestException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The part of a Sonarr webhook notification this service acts on: its event type and the Sonarr id
 * of the series it names. Everything else in the payload is ignored, so the many shapes Sonarr has
 * sent over the years (v3's lazy-loaded {@code {"value": ..., "isLoaded": true}} wrappers in
 * EpisodeFileDelete, trimmed payloads without ids) all decode.
 *
 * @param eventType the raw {@code eventType}
 * @param type the known event type, if it is one
 * @param sonarrSeriesId the series' Sonarr id, or null when the event names none
 * @param seriesTitle the series' title, for log lines, or null
 */
public record WebhookEvent(String eventType, Optional<WebhookEventType> type, Long sonarrSeriesId, String seriesTitle) {
  private static final int MAX_LOGGED_LENGTH = 80;

  /** Reads a notification; fails with a {@link BadRequestException} when it has no {@code eventType}. */
  public static WebhookEvent parse(JsonObject body) {
    Object rawType = body.getValue("eventType");
    if (!(rawType instanceof String eventType) || eventType.isBlank()) {
      throw new BadRequestException("not a Sonarr webhook notification: it has no eventType");
    }
    JsonObject series = unwrap(body.getValue("series"));
    Long id = series == null ? null : positiveId(series.getValue("id"));
    if (id == null) {
      JsonObject episodeFile = unwrap(body.getValue("episodeFile"));
      if (episodeFile != null) {
        id = positiveId(episodeFile.getValue("seriesId"));
      }
    }
    String title = series != null && series.getValue("title") instanceof String t ? printable(t) : null;
    return new WebhookEvent(printable(eventType), WebhookEventType.parse(eventType.trim()), id, title);
  }

  /**
   * Why this event syncs nothing, or null when it should sync {@link #sonarrSeriesId()}.
   */
  public String ignoredBecause() {
    if (type.isEmpty()) {
      return "unknown event type '" + eventType + "'";
    }
    if (type.get() == WebhookEventType.TEST) {
      return "a Test notification carries made-up ids, so nothing is synced";
    }
    if (!type.get().syncsSeries()) {
      return "a " + type.get().wireName() + " notification does not change any series";
    }
    if (sonarrSeriesId == null) {
      return "the notification names no series id";
    }
    return null;
  }

  /** The event type as a bounded metric label: the known name, or {@code unknown}. */
  public String typeLabel() {
    return type.map(WebhookEventType::wireName).orElse("unknown");
  }

  /** A JSON object as is, or the value inside Sonarr v3's lazy-loading wrapper {@code {"value": {...}, "isLoaded": true}}. */
  private static JsonObject unwrap(Object value) {
    if (!(value instanceof JsonObject object)) {
      return null;
    }
    if (object.containsKey("isLoaded") && object.getValue("value") instanceof JsonObject inner) {
      return inner;
    }
    return object;
  }

  private static Long positiveId(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      long id = ((Number) value).longValue();
      return id > 0 ? id : null;
    }
    return null;
  }

  /** Text from the payload made safe for one log line: no control characters, bounded length. */
  private static String printable(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ").trim();
    return clean.length() <= MAX_LOGGED_LENGTH ? clean : clean.substring(0, MAX_LOGGED_LENGTH) + "...";
  }
}
