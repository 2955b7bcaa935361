package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Dates, sizes and info hashes in the forms feeds write them. */
class FeedFieldsTest {
  private static Instant date(String text) {
    return FeedDates.parse(text, ZoneOffset.UTC);
  }

  @Test
  void rfc_822_dates_with_any_zone_or_none() {
    Instant expected = Instant.parse("2021-08-24T22:18:46Z");
    assertThat(date("Tue, 24 Aug 2021 22:18:46 -0000")).isEqualTo(expected);
    assertThat(date("Tue, 24 Aug 2021 22:18:46 +0000")).isEqualTo(expected);
    assertThat(date("Tue, 24 Aug 2021 22:18:46 GMT")).isEqualTo(expected);
    assertThat(date("Tue, 24 Aug 2021 22:18:46 UT")).isEqualTo(expected);
    assertThat(date("Tue, 24 Aug 2021 22:18:46")).as("no zone: UTC").isEqualTo(expected);
    assertThat(date("24 Aug 2021 22:18:46 Z")).as("no day name").isEqualTo(expected);
    assertThat(date("Wed, 25 Aug 2021 06:18:46 +0800")).isEqualTo(expected);
    assertThat(date("Wed, 25 Aug 2021 06:18:46 +08:00")).isEqualTo(expected);
    assertThat(date("Tue, 24 Aug 2021 17:18:46 CDT")).isEqualTo(expected);
    assertThat(date("Tue, 24 Aug 21 22:18:46 GMT")).as("two-digit year").isEqualTo(expected);
    assertThat(date("Tue, 24 August 2021 22:18 GMT")).as("full month, no seconds").isEqualTo(Instant.parse("2021-08-24T22:18:00Z"));
    assertThat(date("Mon, 15 Sep 2014 13:39:00 -0500")).isEqualTo(Instant.parse("2014-09-15T18:39:00Z"));
    assertThat(date("Sun, 5 Jan 2025 01:02:03 +0000")).isEqualTo(Instant.parse("2025-01-05T01:02:03Z"));
  }

  @Test
  void iso_dates_and_mikan_beijing_time() {
    assertThat(date("2024-05-01T12:00:00Z")).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(date("2024-05-01T12:00:00.123+09:00")).isEqualTo(Instant.parse("2024-05-01T03:00:00.123Z"));
    assertThat(date("2024-05-01 12:00:00")).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(date("2024-05-01")).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(FeedDates.parse("2026-03-06T23:33:40", FeedDates.MIKAN)).isEqualTo(Instant.parse("2026-03-06T15:33:40Z"));
    assertThat(FeedDates.parse("2026-03-06T23:33:40.2", FeedDates.MIKAN)).isEqualTo(Instant.parse("2026-03-06T15:33:40.200Z"));
    assertThat(FeedDates.parse("2026-03-06T23:33:40.270786", FeedDates.MIKAN)).isEqualTo(Instant.parse("2026-03-06T15:33:40.270786Z"));
    assertThat(FeedDates.parse("2026-03-06T23:33:40+00:00", FeedDates.MIKAN)).as("a zone, when given, wins")
        .isEqualTo(Instant.parse("2026-03-06T23:33:40Z"));
  }

  @Test
  void what_is_not_a_date_is_null() {
    assertThat(date(null)).isNull();
    assertThat(date("")).isNull();
    assertThat(date("yesterday")).isNull();
    assertThat(date("Tue, 31 Feb 2021 22:18:46 GMT")).isNull();
    assertThat(date("Tue, 24 Foo 2021 22:18:46 GMT")).isNull();
    assertThat(date("Tue, 24 Aug 2021 22:18:46 XYZ")).as("a zone we do not know is not guessed").isNull();
    assertThat(date("2024-13-01T00:00:00Z")).isNull();
  }

  @Test
  void sizes_with_units_are_powers_of_1024_and_zero_is_unknown() {
    assertThat(FeedSizes.parse("609.6 MiB")).isEqualTo(639_211_930L);
    assertThat(FeedSizes.parse("1.2 GiB")).isEqualTo(1_288_490_189L);
    assertThat(FeedSizes.parse("500 KiB")).isEqualTo(512_000L);
    assertThat(FeedSizes.parse("875.4 MB")).isEqualTo(917_923_430L);
    assertThat(FeedSizes.parse("760.8MB")).isEqualTo(797_756_621L);
    assertThat(FeedSizes.parse("1.5 TiB")).isEqualTo(1_649_267_441_664L);
    assertThat(FeedSizes.parse(" 2139365375 ")).isEqualTo(2_139_365_375L);
    assertThat(FeedSizes.parse("12 bytes")).isEqualTo(12L);
    assertThat(FeedSizes.parse("0")).isNull();
    assertThat(FeedSizes.parse("-5")).isNull();
    assertThat(FeedSizes.parse("big")).isNull();
    assertThat(FeedSizes.parse("99999999999999999999")).isNull();
    assertThat(FeedSizes.parse(null)).isNull();
  }

  @Test
  void info_hashes_from_hex_base32_magnets_and_torrent_urls() {
    assertThat(InfoHashes.normalize("20FC4FBFA88272274AC671F857CC15144E9AA83E")).isEqualTo("20fc4fbfa88272274ac671f857cc15144e9aa83e");
    assertThat(InfoHashes.normalize("ED6E7P5IQJZCOSWGOH4FPTAVCRHJVKB6")).isEqualTo("20fc4fbfa88272274ac671f857cc15144e9aa83e");
    assertThat(InfoHashes.normalize("ed6e7p5iqjzcoswgoh4fptavcrhjvkb6")).isEqualTo("20fc4fbfa88272274ac671f857cc15144e9aa83e");
    assertThat(InfoHashes.normalize("not a hash")).isNull();
    assertThat(InfoHashes.normalize("20FC4FBFA88272274AC671F857CC15144E9AA83")).as("39 digits").isNull();

    assertThat(InfoHashes.fromMagnet("magnet:?dn=x&xt=urn:btih:20FC4FBFA88272274AC671F857CC15144E9AA83E&tr=udp"))
        .isEqualTo("20fc4fbfa88272274ac671f857cc15144e9aa83e");
    assertThat(InfoHashes.fromMagnet("magnet:?xt=urn%3Abtih%3AED6E7P5IQJZCOSWGOH4FPTAVCRHJVKB6"))
        .isEqualTo("20fc4fbfa88272274ac671f857cc15144e9aa83e");
    assertThat(InfoHashes.fromMagnet("magnet:?xt=urn:btmh:1220caf1e1c30e81cb361b9ee167c4aa64228a7fa4fa9f6105232b28ad099f3a302e"))
        .as("a v2-only magnet has no v1 hash").isNull();
    assertThat(InfoHashes.fromMagnet("https://example.org/x.torrent")).isNull();

    assertThat(InfoHashes.fromTorrentUrl("https://mikanani.me/Download/20260812/f7f11b17b95b00313ededdeb0d2c2057c13309e9.torrent"))
        .isEqualTo("f7f11b17b95b00313ededdeb0d2c2057c13309e9");
    assertThat(InfoHashes.fromTorrentUrl("http://storage.animetosho.org/torrents/85A570F25067F69B3C83B901CE6C00C491345288/x.torrent"))
        .isEqualTo("85a570f25067f69b3c83b901ce6c00c491345288");
    assertThat(InfoHashes.fromTorrentUrl("https://nyaa.si/download/1424896.torrent")).isNull();
    assertThat(InfoHashes.fromTorrentUrl("https://example.org/dl?hash=f7f11b17b95b00313ededdeb0d2c2057c13309e9"))
        .as("only the path counts").isNull();
  }
}
