package io.autoanime.library;

import io.autoanime.bus.BadRequestException;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What a downloader reports about one episode: {@code {"status": "...", "downloadedAt": "ISO-8601"?}}.
 * {@code downloadedAt} needs an offset (e.g. {@code 2024-05-01T12:00:00Z}) and is only allowed with
 * status {@code downloaded}; {@code downloaded} without it means now. Parsed the same way for the
 * HTTP route and the event-bus address, so both reject the same input with the same message.
 */
public record DownloadStatusChange(AutoDownloadStatus status, OffsetDateTime downloadedAt) {
  public static final Set<String> FIELDS = Set.of("status", "downloadedAt");
  private static final int EARLIEST_YEAR = 1970;
  private static final int LATEST_YEAR = 9999;

  /** Parses a body that may hold only {@code allowedFields}; throws {@link BadRequestException} naming what is wrong. */
  public static DownloadStatusChange fromJson(JsonObject body, Set<String> allowedFields) {
    BadRequestException.requireOnly(body, allowedFields);
    Object rawStatus = body.getValue("status");
    if (rawStatus == null) {
      throw new BadRequestException("status is required (one of " + AutoDownloadStatus.allowedValues() + ")");
    }
    AutoDownloadStatus status = rawStatus instanceof String text ? AutoDownloadStatus.parse(text).orElse(null) : null;
    if (status == null) {
      throw new BadRequestException("status must be one of " + AutoDownloadStatus.allowedValues()
          + (rawStatus instanceof String ? ", in lower case" : " (got " + describe(rawStatus) + ")"));
    }
    Object rawDownloadedAt = body.getValue("downloadedAt");
    if (rawDownloadedAt == null) {
      return new DownloadStatusChange(status, null);
    }
    if (status != AutoDownloadStatus.DOWNLOADED) {
      throw new BadRequestException("downloadedAt is only allowed with status \"downloaded\"");
    }
    if (!(rawDownloadedAt instanceof String text)) {
      throw new BadRequestException("downloadedAt must be an ISO-8601 date-time string such as 2024-05-01T12:00:00Z");
    }
    OffsetDateTime downloadedAt;
    try {
      downloadedAt = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("downloadedAt must be an ISO-8601 date-time with an offset such as "
          + "2024-05-01T12:00:00Z");
    }
    if (downloadedAt.getYear() < EARLIEST_YEAR || downloadedAt.getYear() > LATEST_YEAR) {
      throw new BadRequestException("downloadedAt must lie between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
    }
    return new DownloadStatusChange(status, downloadedAt);
  }

  /**
   * Names what a bad value is without repeating a string's text: answers and logs never echo what a
   * client sent (it might be a key pasted into the wrong field).
   */
  public static String describe(Object value) {
    if (value instanceof String text) {
      return text.isEmpty() ? "an empty string" : "a string";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    return String.valueOf(value);
  }

}
