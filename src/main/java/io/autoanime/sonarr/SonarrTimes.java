package io.autoanime.sonarr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Sonarr's own forms of a date ({@code 2024-03-22}) and of a UTC timestamp
 * ({@code 2024-03-22T14:00:00Z}, maybe with a fraction of a second), read without
 * {@code DateTimeFormatter}: a sync reads two of them per episode, and the general ISO parser costs
 * several times the rest of the episode. Answers what {@link LocalDate#parse} and
 * {@link OffsetDateTime#parse} answer, or null for any other text (then the caller uses them).
 */
final class SonarrTimes {
  private static final int DATE_LENGTH = "2024-03-22".length();
  private static final int TIMESTAMP_LENGTH = "2024-03-22T14:00:00Z".length();
  private static final int MAX_FRACTION_DIGITS = 9;

  private SonarrTimes() {}

  static LocalDate date(String text) {
    if (text.length() != DATE_LENGTH || !isDate(text)) {
      return null;
    }
    try {
      return LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    } catch (DateTimeException e) {
      return null; // out of range: the ISO parser says what is wrong
    }
  }

  static OffsetDateTime utcTimestamp(String text) {
    int length = text.length();
    if (length < TIMESTAMP_LENGTH || text.charAt(length - 1) != 'Z' || !isDate(text) || text.charAt(10) != 'T'
        || !isDigits(text, 11, 2) || text.charAt(13) != ':' || !isDigits(text, 14, 2) || text.charAt(16) != ':'
        || !isDigits(text, 17, 2)) {
      return null;
    }
    int nanos = 0;
    if (length > TIMESTAMP_LENGTH) {
      int fractionDigits = length - TIMESTAMP_LENGTH - 1;
      if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > MAX_FRACTION_DIGITS
          || !isDigits(text, 20, fractionDigits)) {
        return null;
      }
      nanos = digits(text, 20, fractionDigits);
      for (int i = fractionDigits; i < MAX_FRACTION_DIGITS; i++) {
        nanos *= 10;
      }
    }
    try {
      return OffsetDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2),
          digits(text, 14, 2), digits(text, 17, 2), nanos, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean isDate(String text) {
    return isDigits(text, 0, 4) && text.charAt(4) == '-' && isDigits(text, 5, 2) && text.charAt(7) == '-'
        && isDigits(text, 8, 2);
  }

  private static boolean isDigits(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
