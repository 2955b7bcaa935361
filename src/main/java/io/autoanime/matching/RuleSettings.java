package io.autoanime.matching;

import io.autoanime.bus.BadRequestException;
import io.autoanime.config.ReleasePreferences;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a download rule a user sets, validated. {@link #with} applies a request body
 * ({@code POST} or {@code PATCH}): only the fields it names change; {@code null} clears an optional one.
 */
public record RuleSettings(
    Integer seasonNumber,
    Long feedId,
    String pattern,
    int episodeOffset,
    boolean enabled,
    String resolution,
    List<String> preferredGroups,
    List<String> mustContain,
    List<String> mustNotContain) {

  public static final Set<String> FIELDS = Set.of("seasonNumber", "feedId", "pattern", "episodeOffset", "enabled",
      "resolution", "preferredGroups", "mustContain", "mustNotContain");
  private static final int MAX_WORDS = 50;
  private static final int MAX_WORD_LENGTH = 200;

  public static RuleSettings defaults() {
    return new RuleSettings(null, null, null, 0, true, null, List.of(), List.of(), List.of());
  }

  /** These settings with the fields of {@code body} applied; {@code extraFields} may also appear (e.g. seriesId). */
  public RuleSettings with(JsonObject body, Set<String> extraFields) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field) && !extraFields.contains(field)) {
        throw new BadRequestException("unknown field '" + BadRequestException.clip(field) + "' (allowed: " + String.join(", ",
            new java.util.TreeSet<>(FIELDS)) + ")");
      }
    }
    Integer season = body.containsKey("seasonNumber") ? wholeNumber(body, "seasonNumber", 0, 10_000) : seasonNumber;
    Long feed = body.containsKey("feedId") ? id(body, "feedId") : feedId;
    String newPattern = body.containsKey("pattern") ? pattern(body) : pattern;
    Integer offset = body.containsKey("episodeOffset") ? wholeNumber(body, "episodeOffset", -10_000, 10_000) : null;
    int newOffset = body.containsKey("episodeOffset") ? (offset == null ? 0 : offset) : episodeOffset;
    boolean isEnabled = body.containsKey("enabled") ? bool(body, "enabled") : enabled;
    String newResolution = body.containsKey("resolution") ? resolution(body) : resolution;
    return new RuleSettings(season, feed, newPattern, newOffset, isEnabled, newResolution,
        body.containsKey("preferredGroups") ? words(body, "preferredGroups") : preferredGroups,
        body.containsKey("mustContain") ? words(body, "mustContain") : mustContain,
        body.containsKey("mustNotContain") ? words(body, "mustNotContain") : mustNotContain);
  }

  public Optional<RulePattern> compiledPattern() {
    return Optional.ofNullable(pattern).map(RulePattern::compile);
  }

  public ReleasePreferences preferences() {
    return new ReleasePreferences(Optional.ofNullable(resolution), preferredGroups, mustContain, mustNotContain);
  }

  private static Integer wholeNumber(JsonObject body, String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if ((value instanceof Integer || value instanceof Long)
        && ((Number) value).longValue() >= min && ((Number) value).longValue() <= max) {
      return ((Number) value).intValue();
    }
    throw new BadRequestException(field + " must be a whole number from " + min + " to " + max
        + (field.equals("seasonNumber") ? ", or null for the whole series" : ""));
  }

  private static Long id(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
      return ((Number) value).longValue();
    }
    throw new BadRequestException(field + " must be the id of a feed (a whole number from 1), or null for every feed");
  }

  private static String pattern(JsonObject body) {
    Object value = body.getValue("pattern");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new BadRequestException("pattern must be a string, or null for a rule that only sets preferences");
    }
    try {
      RulePattern.compile(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    return text;
  }

  private static boolean bool(JsonObject body, String field) {
    if (body.getValue(field) instanceof Boolean value) {
      return value;
    }
    throw new BadRequestException(field + " must be true or false");
  }

  private static String resolution(JsonObject body) {
    Object value = body.getValue("resolution");
    if (value == null) {
      return null;
    }
    String normalised = value instanceof String text ? ReleasePreferences.normalisedResolution(text) : null;
    if (normalised == null) {
      throw new BadRequestException("resolution must be a resolution such as 1080p, or null for the service default");
    }
    return normalised;
  }

  private static List<String> words(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_WORDS) {
      throw new BadRequestException(field + " must be a list of at most " + MAX_WORDS + " strings");
    }
    List<String> words = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String word) || word.isBlank() || word.length() > MAX_WORD_LENGTH) {
        throw new BadRequestException(field + " must hold non-empty strings of at most " + MAX_WORD_LENGTH
            + " characters");
      }
      words.add(word.trim());
    }
    return List.copyOf(words);
  }

}
