package io.autoanime.feeds;

import io.autoanime.bus.BadRequestException;
import io.autoanime.config.FeedSettings;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The fields of a feed a user sets, validated: {@code name}, {@code url}, {@code enabled},
 * {@code pollMinutes}. {@link #with} applies a request body; a {@code PATCH} that sends back the
 * masked URL it was shown keeps the stored one.
 */
public record FeedFields(String name, String url, boolean enabled, Integer pollMinutes) {
  public static final Set<String> FIELDS = Set.of("name", "url", "enabled", "pollMinutes");
  private static final int MAX_NAME_LENGTH = 200;
  private static final int MAX_URL_LENGTH = 4096;

  /** A new feed from a {@code POST} body: name and url are required. */
  public static FeedFields create(JsonObject body) {
    if (!body.containsKey("name") || !body.containsKey("url")) {
      BadRequestException.requireOnly(body, FIELDS);
      throw new BadRequestException("name and url are required, e.g. {\"name\": \"nyaa\", \"url\": \"https://nyaa.si/?page=rss\"}");
    }
    return new FeedFields(null, null, true, null).with(body);
  }

  /** These fields with those of {@code body} applied. */
  public FeedFields with(JsonObject body) {
    BadRequestException.requireOnly(body, FIELDS);
    String newName = body.containsKey("name") ? name(body.getValue("name")) : name;
    String newUrl = body.containsKey("url") ? url(body.getValue("url")) : url;
    boolean newEnabled = enabled;
    if (body.containsKey("enabled")) {
      if (!(body.getValue("enabled") instanceof Boolean value)) {
        throw new BadRequestException("enabled must be true or false");
      }
      newEnabled = value;
    }
    Integer newPollMinutes = body.containsKey("pollMinutes") ? pollMinutes(body.getValue("pollMinutes")) : pollMinutes;
    return new FeedFields(newName, newUrl, newEnabled, newPollMinutes);
  }

  private String url(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new BadRequestException("url must be an http or https URL");
    }
    if (text.length() > MAX_URL_LENGTH) {
      throw new BadRequestException("url must be at most " + MAX_URL_LENGTH + " characters");
    }
    String kept = url == null ? text.trim() : FeedUrls.keepStoredWhenMasked(text.trim(), url);
    try {
      return FeedUrls.validate(kept);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  private static String name(Object value) {
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_NAME_LENGTH) {
      throw new BadRequestException("name must be a non-empty string of at most " + MAX_NAME_LENGTH + " characters");
    }
    return text.trim();
  }

  private static Integer pollMinutes(Object value) {
    if (value == null) {
      return null;
    }
    if ((value instanceof Integer || value instanceof Long)
        && ((Number) value).longValue() >= FeedSettings.MIN_POLL_MINUTES
        && ((Number) value).longValue() <= FeedSettings.MAX_POLL_MINUTES) {
      return ((Number) value).intValue();
    }
    throw new BadRequestException("pollMinutes must be a whole number from " + FeedSettings.MIN_POLL_MINUTES + " to "
        + FeedSettings.MAX_POLL_MINUTES + ", or null for the service default");
  }
}
