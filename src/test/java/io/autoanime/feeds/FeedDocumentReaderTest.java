package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.support.FakeFeedServer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real captures in src/test/resources/feeds/ (see SOURCES.md there), then the odd documents feeds send. */
class FeedDocumentReaderTest {
  private static FeedDocument read(String capture) throws FeedFormatException {
    return FeedDocumentReader.read(FakeFeedServer.capture(capture));
  }

  private static FeedDocument read(String xml, Charset charset) throws FeedFormatException {
    return FeedDocumentReader.read(xml.getBytes(charset));
  }

  private static FeedDocument readXml(String xml) throws FeedFormatException {
    return read(xml, StandardCharsets.UTF_8);
  }

  private record Counts(FeedKind kind, int entries, int skipped) {}

  @Test
  void every_capture_reads_with_its_kind_and_counts() throws Exception {
    Map<String, Counts> expected = Map.of(
        "nyaa/nyaa-si-2019-02-15-home.xml", new Counts(FeedKind.RSS, 75, 0),
        "nyaa/nyaa-si-2021-08-24-home.xml", new Counts(FeedKind.RSS, 3, 0),
        "animetosho/animetosho-rss2-2016-08-02-nosize.xml", new Counts(FeedKind.RSS, 2, 0),
        "torznab/animetosho-torznab-2017-05-17.xml", new Counts(FeedKind.TORZNAB, 2, 0),
        "torznab/prowlarr-mock-torznab-response.xml", new Counts(FeedKind.TORZNAB, 2, 0),
        "ezrss/ezrss-2014-09-15.xml", new Counts(FeedKind.RSS, 3, 0),
        "mikan/mikan-search-sousou-no-frieren-2026.xml", new Counts(FeedKind.RSS, 9, 0));
    for (var capture : expected.entrySet()) {
      FeedDocument document = read(capture.getKey());
      assertThat(new Counts(document.kind(), document.entries().size(), document.skippedItems()))
          .as(capture.getKey()).isEqualTo(capture.getValue());
      assertThat(document.entries()).as(capture.getKey()).allSatisfy(entry -> {
        assertThat(entry.title()).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
        assertThat(entry.guid()).isNotBlank();
        assertThat(entry.torrentUrl() != null || entry.magnetUrl() != null).isTrue();
        assertThat(entry.publishedAt()).isNotNull();
        if (entry.infoHash() != null) {
          assertThat(entry.infoHash()).matches("[0-9a-f]{40}");
        }
      });
    }
  }

  @Test
  void nyaa_gives_hash_size_seeders_and_a_zone_of_minus_zero() throws Exception {
    List<FeedEntry> entries = read("nyaa/nyaa-si-2021-08-24-home.xml").entries();

    assertThat(entries.get(0)).isEqualTo(new FeedEntry(
        "[Foxy-Subs] Mahouka Koukou no Yuutousei - 08 [720p] [3194D881].mkv",
        "https://nyaa.si/view/1424896",
        "e8ca5e20eca876339f41c3d9e95ea66c1d7caaee",
        "https://nyaa.si/download/1424896.torrent",
        null,
        Math.round(609.6 * 1024 * 1024),
        Instant.parse("2021-08-24T22:18:46Z"),
        4));
    assertThat(entries).extracting(FeedEntry::sizeBytes)
        .containsExactly(639_211_930L, Math.round(5.7 * 1024 * 1024 * 1024), Math.round(1.4 * 1024 * 1024 * 1024));
    assertThat(entries).extracting(FeedEntry::seeders).containsExactly(4, 23, 5);
  }

  @Test
  void the_older_nyaa_page_decodes_entities_and_keeps_document_order() throws Exception {
    List<FeedEntry> entries = read("nyaa/nyaa-si-2019-02-15-home.xml").entries();

    assertThat(entries).extracting(FeedEntry::title)
        .contains("JoJo's Bizarre Adventure - Golden Wind - 19 [HorribleSubs][FavriteFixNames].ass",
            "[N&D] Gotoubun no Hanayome - 06 - VOSTFR 1080p");
    assertThat(entries.get(0).guid()).isEqualTo("https://nyaa.si/view/1119253");
    assertThat(entries.get(0).infoHash()).isEqualTo("4d0c68233c32cdc9469db0bcf3640403ec7583f4");
    assertThat(entries.get(0).sizeBytes()).isEqualTo(Math.round(374.3 * 1024 * 1024));
    assertThat(entries.get(3).seeders()).isEqualTo(488);
    assertThat(entries).extracting(FeedEntry::guid).doesNotHaveDuplicates();
  }

  @Test
  void animetosho_takes_the_torrent_enclosure_even_after_an_nzb_and_the_hash_from_its_path() throws Exception {
    List<FeedEntry> entries = read("animetosho/animetosho-rss2-2016-08-02-nosize.xml").entries();

    FeedEntry nzbFirst = entries.get(1);
    assertThat(nzbFirst.torrentUrl()).isEqualTo("http://storage.animetosho.org/torrents/4b58360143d59a55cbd922397a3eaa378165f3ff/"
        + "DAYS%20-%2005%20%281280x720%20HEVC2%20AAC%29.torrent");
    assertThat(nzbFirst.infoHash()).isEqualTo("4b58360143d59a55cbd922397a3eaa378165f3ff");
    assertThat(entries.get(0).infoHash()).isEqualTo("85a570f25067f69b3c83b901ce6c00c491345288");
    assertThat(entries).extracting(FeedEntry::sizeBytes).as("enclosure length 0 means unknown").containsOnlyNulls();
    assertThat(entries).extracting(FeedEntry::guid).containsExactly("https://animetosho.org/view/1009077", "https://animetosho.org/view/1009055");
    assertThat(entries.get(0).publishedAt()).isEqualTo(Instant.parse("2016-08-02T13:48:04Z"));
  }

  @Test
  void torznab_attributes_give_hash_magnet_and_size() throws Exception {
    FeedDocument document = read("torznab/animetosho-torznab-2017-05-17.xml");
    FeedEntry first = document.entries().get(0);

    assertThat(first.infoHash()).isEqualTo("2d69a861bef5a9f2cdf791b7328e37b7953205e1");
    assertThat(first.magnetUrl()).isEqualTo("magnet:?xt=urn:btih:VU2QYN66WU7FTPXSG3TFDRXW6KTEBPBF");
    assertThat(first.sizeBytes()).isEqualTo(316_477_946L);
    assertThat(first.torrentUrl()).isEqualTo("http://storage.localhost/torrents/123451.torrent");
    assertThat(document.entries().get(1).torrentUrl()).isEqualTo("http://storage.localhost/torrents/123452.torrent");
    assertThat(document.entries().get(1).sizeBytes()).isEqualTo(473_987_489L);
    // Sonarr's developers edited this capture: its base32 magnets are not the infohash attrs in
    // another encoding. The explicit infohash wins; the magnet still decodes to its own hex.
    assertThat(InfoHashes.fromMagnet(first.magnetUrl())).isEqualTo("ad350c37deb53e59bef236e651c6f6f2a640bc25");
  }

  @Test
  void ezrss_default_namespaced_torrent_block_gives_hash_magnet_and_length() throws Exception {
    List<FeedEntry> entries = read("ezrss/ezrss-2014-09-15.xml").entries();
    FeedEntry first = entries.get(0);

    assertThat(first.title()).isEqualTo("S4C I Grombil Cyfandir Pell American Interior [PDTV - MVGROUP]");
    assertThat(first.infoHash()).isEqualTo("20fc4fbfa88272274ac671f857cc15144e9aa83e");
    assertThat(first.magnetUrl()).startsWith("magnet:?xt=urn:btih:ED6E7P5IQJZCOSWGOH4FPTAVCRHJVKB6&dn=");
    assertThat(entries).allSatisfy(entry ->
        assertThat(InfoHashes.fromMagnet(entry.magnetUrl())).as("base32 btih as hex").isEqualTo(entry.infoHash()));
    assertThat(first.sizeBytes()).isEqualTo(796_606_175L);
    assertThat(first.torrentUrl()).isEqualTo("http://re.zoink.it/20a4ed4eFC");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2014-09-15T18:39:00Z"));
  }

  @Test
  void mikan_hash_from_the_torrent_url_length_and_beijing_time_without_a_zone() throws Exception {
    List<FeedEntry> entries = read("mikan/mikan-search-sousou-no-frieren-2026.xml").entries();
    FeedEntry first = entries.get(0);

    assertThat(first.infoHash()).isEqualTo("f7f11b17b95b00313ededdeb0d2c2057c13309e9");
    assertThat(first.torrentUrl()).isEqualTo("https://mikanani.me/Download/20260812/f7f11b17b95b00313ededdeb0d2c2057c13309e9.torrent");
    assertThat(first.guid()).isEqualTo(first.title()).isEqualTo("[H-Enc] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season (BDRip 1080p HEVC FLAC)");
    assertThat(first.sizeBytes()).isEqualTo(28_239_409_152L);
    assertThat(entries).extracting(FeedEntry::publishedAt).startsWith(
        Instant.parse("2026-08-11T22:12:15.638227Z"), // six fractional digits
        Instant.parse("2026-08-05T08:02:00Z"),        // none
        Instant.parse("2026-06-05T15:15:50.347Z"));   // three
    assertThat(entries.get(8).publishedAt()).isEqualTo(Instant.parse("2026-03-31T10:42:30.350Z"));
    assertThat(entries.get(8).title()).startsWith("[喵萌奶茶屋&LoliHouse] 葬送的芙莉莲");
    assertThat(entries).allSatisfy(entry -> assertThat(entry.torrentUrl()).endsWith(entry.infoHash() + ".torrent"));
  }

  @Test
  void prowlarr_duplicate_guid_is_kept_once_with_the_size_element_and_seeders() throws Exception {
    FeedDocument document = read("torznab/prowlarr-mock-torznab-response.xml");

    assertThat(document.entries()).extracting(FeedEntry::guid).containsExactly("Mock-74709", "Mock-71862");
    FeedEntry first = document.entries().get(0);
    assertThat(first.sizeBytes()).isEqualTo(2_139_365_375L);
    assertThat(first.seeders()).isEqualTo(7);
    assertThat(first.infoHash()).isNull();
    assertThat(first.magnetUrl()).isNull();
    assertThat(first.torrentUrl()).isEqualTo(
        "http://localhost:9696/2/download?apikey=redacted&link=xxx&file=TRON+Legacy+Extras+720p+BluRay+x264-CtrlHD");
    assertThat(document.skippedItems()).as("a duplicate is not a bad item").isZero();
  }

  @Test
  void a_torznab_caps_document_is_refused_with_what_to_use_instead() {
    assertThatThrownBy(() -> read("torznab/generic-torznab-caps.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("not an RSS, Atom or Torznab feed: the answer is a Torznab capabilities document (t=caps);"
            + " use the indexer's search URL (t=search) instead");
  }

  @Test
  void a_torznab_error_answer_says_what_the_indexer_said() {
    assertThatThrownBy(() -> readXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<error code=\"100\" description=\"Incorrect user credentials\"/>"))
        .hasMessage("the indexer answered with an error instead of a feed: Incorrect user credentials (code 100)");
  }

  @Test
  void items_without_a_title_or_a_download_link_are_skipped_and_counted() throws Exception {
    FeedDocument document = readXml("""
        <rss version="2.0"><channel>
          <item><title>  </title><link>https://example.org/1.torrent</link></item>
          <item><title>No link at all</title><guid>g2</guid></item>
          <item><title>A file: URL is no download</title><enclosure url="file:///etc/passwd" type="application/x-bittorrent"/></item>
          <item><title>Only an nzb</title><enclosure url="https://example.org/4.nzb" type="application/x-nzb"/></item>
          <item><title>Good</title><link>https://example.org/5.torrent</link></item>
        </channel></rss>""");

    assertThat(document.entries()).extracting(FeedEntry::title).containsExactly("Good");
    assertThat(document.entries().get(0).guid()).as("no guid: the torrent URL").isEqualTo("https://example.org/5.torrent");
    assertThat(document.skippedItems()).isEqualTo(4);
  }

  @Test
  void the_first_of_several_items_with_one_guid_is_kept() throws Exception {
    FeedDocument document = readXml("""
        <rss version="2.0"><channel>
          <item><title>First</title><guid>same</guid><link>https://example.org/1.torrent</link></item>
          <item><title>Other</title><guid>other</guid><link>https://example.org/2.torrent</link></item>
          <item><title>Second</title><guid>same</guid><link>https://example.org/3.torrent</link></item>
        </channel></rss>""");

    assertThat(document.entries()).extracting(FeedEntry::title).containsExactly("First", "Other");
  }

  @Test
  void magnet_links_from_link_or_enclosure_as_subsplease_and_dmhy_send_them() throws Exception {
    FeedDocument document = readXml("""
        <rss version="2.0" xmlns:subsplease="https://subsplease.org/rss"><channel>
          <item><title>[SubsPlease] Frieren - 28 (1080p) [3F4D43AB].mkv</title>
            <link>magnet:?xt=urn:btih:B1A0D3E0F6A8C8F6B2C4D5E6F708192A3B4C5D6E&amp;dn=Frieren&amp;tr=http%3A%2F%2Fnyaa.tracker.wf%3A7777%2Fannounce</link>
            <guid isPermaLink="false">ABCDEF123</guid><pubDate>Fri, 22 Mar 2024 17:01:00 +0000</pubDate>
            <subsplease:size>1.4 GiB</subsplease:size></item>
          <item><title>[喵萌奶茶屋] 葬送的芙莉莲 [28][1080p]</title><link>https://share.dmhy.org/topics/view/1.html</link>
            <enclosure url="magnet:?xt=urn:btih:ZVZJXGFM3MUTOCKTSTNYWF3V7CDD5OXI&amp;dn=x" length="1" type="application/x-bittorrent"/>
            <pubDate>Sat, 23 Mar 2024 01:00:00 +0800</pubDate></item>
        </channel></rss>""");

    FeedEntry subsplease = document.entries().get(0);
    assertThat(subsplease.torrentUrl()).isNull();
    assertThat(subsplease.magnetUrl()).startsWith("magnet:?xt=urn:btih:B1A0D3E0").contains("&dn=Frieren&tr=");
    assertThat(subsplease.infoHash()).isEqualTo("b1a0d3e0f6a8c8f6b2c4d5e6f708192a3b4c5d6e");
    assertThat(subsplease.sizeBytes()).isEqualTo(Math.round(1.4 * 1024 * 1024 * 1024));
    assertThat(subsplease.guid()).isEqualTo("ABCDEF123");
    FeedEntry dmhy = document.entries().get(1);
    assertThat(dmhy.torrentUrl()).as("the page link is not a torrent when an enclosure gives the magnet").isNull();
    assertThat(dmhy.infoHash()).isEqualTo("cd729b98acdb2937095394db8b1775f8863ebae8");
    assertThat(dmhy.guid()).as("no guid: the magnet").isEqualTo(dmhy.magnetUrl());
    assertThat(dmhy.publishedAt()).isEqualTo(Instant.parse("2024-03-22T17:00:00Z"));
  }

  @Test
  void atom_entries_with_enclosure_links_ids_and_iso_dates() throws Exception {
    FeedDocument document = readXml("""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Releases</title><id>urn:feed</id><link href="https://example.org/"/>
          <entry>
            <title type="text">[Group] Show - 01 [1080p]</title>
            <id>urn:uuid:1</id>
            <updated>2024-05-01T12:00:00+09:00</updated>
            <link rel="alternate" href="https://example.org/view/1"/>
            <link rel="enclosure" type="application/x-bittorrent" length="123456" href="https://example.org/1.torrent"/>
          </entry>
          <entry>
            <title>[Group] Show - 02 [1080p]</title>
            <id>urn:uuid:2</id>
            <published>2024-05-08T03:00:00Z</published><updated>2024-05-09T03:00:00Z</updated>
            <link href="https://example.org/2.torrent"/>
          </entry>
        </feed>""");

    assertThat(document.kind()).isEqualTo(FeedKind.RSS);
    assertThat(document.entries()).containsExactly(
        new FeedEntry("[Group] Show - 01 [1080p]", "urn:uuid:1", null, "https://example.org/1.torrent", null, 123_456L,
            Instant.parse("2024-05-01T03:00:00Z"), null),
        new FeedEntry("[Group] Show - 02 [1080p]", "urn:uuid:2", null, "https://example.org/2.torrent", null, null,
            Instant.parse("2024-05-08T03:00:00Z"), null));
  }

  @Test
  void a_feed_is_torznab_when_it_uses_the_torznab_namespace() throws Exception {
    String item = "<item><title>T</title><link>https://example.org/1.torrent</link></item>";
    assertThat(readXml("<rss xmlns:torznab=\"http://torznab.com/schemas/2015/feed\"><channel>" + item + "</channel></rss>").kind())
        .isEqualTo(FeedKind.TORZNAB);
    assertThat(readXml("<rss><channel>" + item.replace("</item>",
        "<t:attr xmlns:t=\"http://torznab.com/schemas/2015/feed\" name=\"seeders\" value=\"3\"/></item>") + "</channel></rss>"))
        .satisfies(document -> {
          assertThat(document.kind()).isEqualTo(FeedKind.TORZNAB);
          assertThat(document.entries().get(0).seeders()).isEqualTo(3);
        });
    assertThat(readXml("<rss xmlns:newznab=\"http://www.newznab.com/DTD/2010/feeds/attributes/\"><channel>" + item + "</channel></rss>").kind())
        .isEqualTo(FeedKind.RSS);
    assertThat(FeedKind.TORZNAB.json()).isEqualTo("torznab");
    assertThat(FeedKind.RSS.json()).isEqualTo("rss");
  }

  @Test
  void byte_order_marks_cdata_and_declared_encodings_are_read() throws Exception {
    String feed = "<?xml version=\"1.0\" encoding=\"%s\"?><rss><channel><item><title><![CDATA[Café & <Co>]]> - 01</title>"
        + "<link>https://example.org/1.torrent</link></item></channel></rss>";
    assertThat(read(feed.formatted("ISO-8859-1"), StandardCharsets.ISO_8859_1).entries().get(0).title()).isEqualTo("Café & <Co> - 01");
    assertThat(read(feed.formatted("UTF-16"), StandardCharsets.UTF_16).entries().get(0).title()).isEqualTo("Café & <Co> - 01");
    assertThat(read("\uFEFF" + feed.formatted("UTF-8"), StandardCharsets.UTF_8).entries()).hasSize(1);
    assertThat(read("\n\r\n  " + feed.formatted("UTF-8"), StandardCharsets.UTF_8).entries())
        .as("blank lines before the XML declaration, as PHP-made feeds send").hasSize(1);
    assertThat(read("\uFEFF\n" + feed.formatted("UTF-8"), StandardCharsets.UTF_8).entries()).as("a BOM, then a blank line").hasSize(1);
  }

  @Test
  void empty_html_json_text_and_malformed_answers_are_refused_clearly() {
    assertThatThrownBy(() -> FeedDocumentReader.read(new byte[0])).hasMessage("not an RSS, Atom or Torznab feed: the answer is empty");
    assertThatThrownBy(() -> readXml(" \n\t")).hasMessage("not an RSS, Atom or Torznab feed: the answer is empty");
    assertThatThrownBy(() -> readXml("<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head></html>"))
        .hasMessage("not an RSS, Atom or Torznab feed: the answer is an HTML page");
    assertThatThrownBy(() -> readXml("<html><body>Cloudflare</body></html>"))
        .hasMessage("not an RSS, Atom or Torznab feed: the answer is an HTML page");
    assertThatThrownBy(() -> readXml("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
        + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>"))
        .hasMessage("not an RSS, Atom or Torznab feed: the answer is an HTML page");
    assertThatThrownBy(() -> readXml("{\"error\":\"Invalid API key\"}")).hasMessage("not an RSS, Atom or Torznab feed: the answer is JSON");
    assertThatThrownBy(() -> readXml("Invalid API key")).hasMessage("not an RSS, Atom or Torznab feed: the answer is plain text, not XML");
    assertThatThrownBy(() -> readXml("<rss><channel><item><title>cut short</title>"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("not an RSS, Atom or Torznab feed: malformed XML at line 1, column ");
    assertThatThrownBy(() -> readXml("<rss><channel><item><title>a</titel></item></channel></rss>"))
        .hasMessageStartingWith("not an RSS, Atom or Torznab feed: malformed XML at line 1")
        .hasMessageContaining("title");
    assertThatThrownBy(() -> readXml("<opml version=\"2.0\"><body/></opml>"))
        .hasMessage("not an RSS, Atom or Torznab feed: the root element is <opml>");
  }
}
