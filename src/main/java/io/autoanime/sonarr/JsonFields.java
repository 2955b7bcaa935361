package io.autoanime.sonarr;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Typed, strict reads of one JSON object from Sonarr. Absent or null fields read as null; a field
 * of the wrong type is an error naming the field and the record it belongs to ({@code where}).
 */
final class JsonFields {
  private final Function<String, Object> values;
  private final String where;

  JsonFields(JsonObject json, String where) {
    this(json::getValue, where);
  }

  /**
   * Over values as a decoded {@link JsonObject} holds them (String, Integer, Long, BigInteger,
   * Double, Boolean, JsonObject, JsonArray), looked up by key; null for an absent key.
   */
  JsonFields(Function<String, Object> values, String where) {
    this.values = values;
    this.where = where;
  }

  String where() {
    return where;
  }

  String text(String key) {
    Object value = values.apply(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw wrongType(key, "a string");
    }
    // PostgreSQL text cannot hold NUL characters.
    return text.indexOf('\0') >= 0 ? text.replace("\0", "") : text;
  }

  String requiredText(String key) {
    String text = text(key);
    if (text == null || text.isBlank()) {
      throw SonarrException.badData(where + " has no " + key);
    }
    return text;
  }

  Long longValue(String key) {
    Object value = values.apply(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw wrongType(key, "a whole number");
  }

  /** Sonarr's ids use 0 for "unknown". */
  Long optionalId(String key) {
    Long value = longValue(key);
    return value == null || value <= 0 ? null : value;
  }

  long requiredId(String key) {
    Long value = longValue(key);
    if (value == null || value <= 0) {
      throw SonarrException.badData(where + " has no valid " + key + (value == null ? "" : " (got " + value + ")"));
    }
    return value;
  }

  Integer integer(String key) {
    Long value = longValue(key);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw SonarrException.badData(where + " field " + key + " is out of range (" + value + ")");
    }
    return value.intValue();
  }

  int requiredInteger(String key) {
    Integer value = integer(key);
    if (value == null) {
      throw SonarrException.badData(where + " has no " + key);
    }
    return value;
  }

  Boolean bool(String key) {
    Object value = values.apply(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean bool)) {
      throw wrongType(key, "true or false");
    }
    return bool;
  }

  OffsetDateTime timestamp(String key) {
    String text = text(key);
    if (text == null || text.isBlank()) {
      return null;
    }
    OffsetDateTime utc = SonarrTimes.utcTimestamp(text);
    if (utc != null) {
      return utc;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw SonarrException.badData(where + " field " + key + " is not an ISO-8601 timestamp ('" + abbreviate(text) + "')");
    }
  }

  LocalDate date(String key) {
    String text = text(key);
    if (text == null || text.isBlank()) {
      return null;
    }
    LocalDate date = SonarrTimes.date(text);
    if (date != null) {
      return date;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw SonarrException.badData(where + " field " + key + " is not a date ('" + abbreviate(text) + "')");
    }
  }

  JsonObject object(String key) {
    Object value = values.apply(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      throw wrongType(key, "an object");
    }
    return object;
  }

  JsonArray array(String key) {
    Object value = values.apply(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array)) {
      throw wrongType(key, "a list");
    }
    return array;
  }

  private SonarrException wrongType(String key, String expected) {
    return SonarrException.badData(where + " field " + key + " is not " + expected);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
