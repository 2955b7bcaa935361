package io.autoanime.feeds;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as feeds write them: RFC 822 ({@code Tue, 24 Aug 2021 22:18:46 -0000}, with a numeric
 * offset, {@code GMT}, a US zone name, or no zone at all) and ISO-8601 (Atom), with or without an
 * offset. A date without a zone is read in the zone the caller gives: UTC for ordinary feeds.
 */
final class FeedDates {
  /**
   * Mikan writes {@code torrent/pubDate} without a zone, in the time of its servers in China
   * ({@code 2026-03-06T23:33:40.270786}); China keeps UTC+8 all year.
   */
  static final ZoneOffset MIKAN = ZoneOffset.ofHours(8);

  private static final Pattern RFC_822 = Pattern.compile(
      "(?:[A-Za-z]{2,9}\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?[\\s-]+(\\d{2}|\\d{4}),?\\s+"
          + "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d{1,9})?\\s*(.*)");
  private static final Pattern NUMERIC_ZONE = Pattern.compile("(?:GMT|UTC|UT)?\\s*([+-])(\\d{2}):?(\\d{2})");
  private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
      Map.entry("", 0), Map.entry("Z", 0), Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0),
      Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
      Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private FeedDates() {}

  /** The instant, or null when the text is no date we can read. */
  static Instant parse(String text, ZoneOffset zoneWhenNone) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    Instant iso = iso(value, zoneWhenNone);
    return iso != null ? iso : rfc822(value, zoneWhenNone);
  }

  private static Instant iso(String value, ZoneOffset zoneWhenNone) {
    if (value.length() < 10 || !Character.isDigit(value.charAt(0)) || value.charAt(4) != '-') {
      return null;
    }
    String normal = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + 'T' + value.substring(11) : value;
    try {
      return OffsetDateTime.parse(normal, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(normal, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(zoneWhenNone);
      } catch (DateTimeParseException notDateTime) {
        try {
          return LocalDate.parse(normal, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().toInstant(zoneWhenNone);
        } catch (DateTimeParseException notIso) {
          return null;
        }
      }
    }
  }

  private static Instant rfc822(String value, ZoneOffset zoneWhenNone) {
    Matcher date = RFC_822.matcher(value);
    if (!date.matches()) {
      return null;
    }
    int month = MONTHS.indexOf(date.group(2).substring(0, 3).toLowerCase(Locale.ROOT));
    if (month < 0 || month % 3 != 0) {
      return null;
    }
    int year = Integer.parseInt(date.group(3));
    if (date.group(3).length() == 2) {
      year += year < 50 ? 2000 : 1900; // RFC 2822 section 4.3
    }
    ZoneOffset zone = zone(date.group(7).strip(), zoneWhenNone);
    if (zone == null) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month / 3 + 1, Integer.parseInt(date.group(1)),
              Integer.parseInt(date.group(4)), Integer.parseInt(date.group(5)),
              date.group(6) == null ? 0 : Integer.parseInt(date.group(6)))
          .toInstant(zone);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The offset a zone names; a date without a zone is in {@code zoneWhenNone}; an unknown name is null. */
  private static ZoneOffset zone(String zone, ZoneOffset zoneWhenNone) {
    if (zone.isEmpty()) {
      return zoneWhenNone;
    }
    Matcher numeric = NUMERIC_ZONE.matcher(zone);
    if (numeric.matches()) {
      int minutes = Integer.parseInt(numeric.group(2)) * 60 + Integer.parseInt(numeric.group(3));
      try {
        return ZoneOffset.ofTotalSeconds((numeric.group(1).equals("-") ? -minutes : minutes) * 60);
      } catch (DateTimeException e) {
        return null;
      }
    }
    Integer hours = ZONE_HOURS.get(zone.toUpperCase(Locale.ROOT));
    return hours == null ? null : ZoneOffset.ofHours(hours);
  }
}
