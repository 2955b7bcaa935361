package io.autoanime.sonarr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast readers answer what java.time's ISO parsers answer, or leave the text to them (jqwik). */
class SonarrTimesProperties {
  @Property(tries = 2000)
  void a_utc_timestamp_reads_as_offset_date_time_parses_it(@ForAll("timestampLike") String text) {
    OffsetDateTime fast = SonarrTimes.utcTimestamp(text);
    OffsetDateTime parsed = parseOrNull(() -> OffsetDateTime.parse(text));
    if (fast != null) {
      assertThat(fast).isEqualTo(parsed);
      assertThat(fast.getOffset()).isEqualTo(parsed.getOffset());
    }
  }

  @Property(tries = 2000)
  void a_date_reads_as_local_date_parses_it(@ForAll("dateLike") String text) {
    LocalDate fast = SonarrTimes.date(text);
    if (fast != null) {
      assertThat(fast).isEqualTo(LocalDate.parse(text));
    }
  }

  @Example
  void sonarrs_own_forms_take_the_fast_path_and_the_rest_is_left_to_the_iso_parsers() {
    assertThat(SonarrTimes.utcTimestamp("2024-03-22T14:00:00Z")).isEqualTo(OffsetDateTime.parse("2024-03-22T14:00:00Z"));
    assertThat(SonarrTimes.utcTimestamp("2024-03-22T14:00:00.5Z"))
        .isEqualTo(OffsetDateTime.parse("2024-03-22T14:00:00.500Z"));
    assertThat(SonarrTimes.utcTimestamp("2024-03-22T14:00:00.123456789Z")).isNotNull();
    assertThat(SonarrTimes.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    for (String other : List.of("2024-03-22T14:00Z", "2024-03-22T14:00:00+09:00", "2024-03-22T14:00:00.Z",
        "2024-03-22T14:00:00.1234567890Z", "2023-02-29T00:00:00Z", "2024-03-22T24:00:00Z", "+2024-03-22T14:00:00Z",
        "2024-3-22T14:00:00Z", "２０２４-03-22T14:00:00Z")) {
      assertThat(SonarrTimes.utcTimestamp(other)).as(other).isNull();
    }
    for (String other : List.of("2023-02-29", "2024-13-01", "20240322", "2024-03-22Z", "-2024-03-22")) {
      assertThat(SonarrTimes.date(other)).as(other).isNull();
    }
  }

  @Provide
  Arbitrary<String> timestampLike() {
    Arbitrary<String> valid = Combinators.combine(Arbitraries.integers().between(0, 9999),
        Arbitraries.integers().between(0, 14), Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 25),
        Arbitraries.integers().between(0, 61), Arbitraries.integers().between(0, 61),
        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(10))
        .as((y, mo, d, h, mi, s, fraction) -> String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%sZ", y, mo, d, h, mi, s,
            fraction.isEmpty() ? "" : ".", fraction));
    Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789-T:.Z+ ").ofMinLength(18).ofMaxLength(32);
    return Arbitraries.oneOf(valid, valid, noise);
  }

  @Provide
  Arbitrary<String> dateLike() {
    Arbitrary<String> valid = Combinators.combine(Arbitraries.integers().between(0, 9999),
        Arbitraries.integers().between(0, 14), Arbitraries.integers().between(0, 32))
        .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
    Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789-+").ofLength(10);
    return Arbitraries.oneOf(valid, valid, noise);
  }

  private static <T> T parseOrNull(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
