package io.autoanime.matching;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A download rule's pattern, compiled: either a title in which {@code :ep:} stands for the episode
 * number ({@code [Sub] 葬送のフリーレン - :ep: [1080p]}: the rest matches literally, ignoring case,
 * any run of spaces matching any run of spaces), or a regular expression with a named group
 * {@code ep} (used as written, ignoring case). Either matches anywhere in a release title.
 */
public final class RulePattern {
  public static final String EPISODE_PLACEHOLDER = ":ep:";
  private static final String EPISODE_NUMBER = "(?<ep>\\d{1,4}(?:\\.\\d)?)";
  private static final int MAX_LENGTH = 500;

  private final Pattern pattern;

  private RulePattern(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Compiles {@code text}; throws IllegalArgumentException with a message for the user when it cannot be used. */
  public static RulePattern compile(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("pattern must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("pattern must be at most " + MAX_LENGTH + " characters");
    }
    if (text.contains("(?<ep>")) {
      try {
        return new RulePattern(Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("pattern is not a valid regular expression: " + e.getDescription()
            + " near index " + e.getIndex());
      }
    }
    int placeholder = text.indexOf(EPISODE_PLACEHOLDER);
    if (placeholder < 0) {
      throw new IllegalArgumentException("pattern must contain :ep: where the episode number stands, "
          + "or be a regular expression with a named group (?<ep>...)");
    }
    if (text.indexOf(EPISODE_PLACEHOLDER, placeholder + 1) >= 0) {
      throw new IllegalArgumentException("pattern must contain :ep: only once");
    }
    String regex = literal(text.substring(0, placeholder)) + EPISODE_NUMBER
        + literal(text.substring(placeholder + EPISODE_PLACEHOLDER.length()));
    return new RulePattern(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  private static String literal(String part) {
    return java.util.Arrays.stream(part.split("\\s+", -1))
        .map(piece -> piece.isEmpty() ? "" : Pattern.quote(piece))
        .collect(java.util.stream.Collectors.joining("\\s+"));
  }

  /** The episode number the pattern reads in {@code title}, if it matches. */
  public Optional<BigDecimal> episodeIn(String title) {
    Matcher matcher = pattern.matcher(title);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String number = matcher.group("ep");
    try {
      return number == null ? Optional.empty() : Optional.of(new BigDecimal(number.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
