package io.autoanime.feeds;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as feeds write them: plain bytes ({@code 2139365375}) or a number with a unit
 * ({@code 609.6 MiB}, {@code 1.2 GiB}, {@code 500 KiB}, {@code 875.4 MB}). KB, MB, GB and TB are
 * read as powers of 1024 like KiB, MiB...: the sites that write them mean that (Mikan's
 * "875.4 MB" item is 917,923,456 bytes).
 */
final class FeedSizes {
  private static final Pattern SIZE = Pattern.compile(
      "(\\d{1,19}(?:\\.\\d{1,6})?)\\s*(b|bytes?|[kmgtp]i?b)?", Pattern.CASE_INSENSITIVE);

  private FeedSizes() {}

  /** Bytes, or null when the text is not a size or is zero (feeds write 0 for "unknown"). */
  static Long parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher size = SIZE.matcher(text.strip());
    if (!size.matches()) {
      return null;
    }
    String unit = size.group(2) == null ? "b" : size.group(2).toLowerCase(Locale.ROOT);
    int power = switch (unit.charAt(0)) {
      case 'k' -> 1;
      case 'm' -> 2;
      case 'g' -> 3;
      case 't' -> 4;
      case 'p' -> 5;
      default -> 0;
    };
    try {
      BigDecimal bytes = new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
      long value = bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
      return value > 0 ? value : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
