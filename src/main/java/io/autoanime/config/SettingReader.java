package io.autoanime.config;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed settings from the merged file + environment JSON. Environment values arrive as
 * strings (or numbers/booleans once vertx-config has parsed them), so each reader accepts both.
 */
final class SettingReader {
  private final JsonObject json;

  SettingReader(JsonObject json) {
    this.json = json;
  }

  Optional<String> text(String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  int integer(String key, int defaultValue, int min, int max) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number (got '" + text.get() + "')");
    }
    if (value < min || value > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  boolean bool(String key, boolean defaultValue) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(key + " must be true or false (got '" + text.get() + "')");
    };
  }

  /** A comma-separated list (or a JSON array in the file); empty when unset. Items are trimmed, blanks dropped. */
  List<String> list(String key) {
    Object value = json.getValue(key);
    if (value instanceof io.vertx.core.json.JsonArray array) {
      return array.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return text(key).map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }
}
