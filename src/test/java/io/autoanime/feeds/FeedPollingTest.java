package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.LogCapture;
import io.autoanime.support.PrometheusText;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestService;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds as a user meets them: add one, poll it, read what it brought, and every way a feed goes wrong. */
class FeedPollingTest extends ServiceTest {
  private FakeFeedServer feeds;

  @BeforeEach
  void startFeedServer() {
    feeds = new FakeFeedServer(sonarrVertx).start();
  }

  @AfterEach
  void stopFeedServer() {
    feeds.stop();
  }

  @Override
  protected JsonObject settings(JsonObject defaults) {
    // No scheduled poll races the polls the tests ask for (FeedScheduleTest covers the schedule).
    return defaults.put(AppConfig.FEED_TIMEOUT_SECONDS, 2).put(AppConfig.FEED_MAX_BYTES, 256 * 1024)
        .put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  private long addFeed(String name, String url) {
    var created = service.post("/api/feeds", new JsonObject().put("name", name).put("url", url));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  private JsonObject poll(long feedId) {
    var polled = service.post("/api/feeds/" + feedId + "/poll", null);
    assertThat(polled.statusCode()).as(polled.bodyAsString()).isEqualTo(200);
    return polled.bodyAsJsonObject();
  }

  private long itemCount() {
    return ((Number) Sql.value(db, "SELECT count(*) FROM feed_items")).longValue();
  }

  @Test
  void a_real_nyaa_page_is_read_parsed_and_stored_once() {
    feeds.serveCapture("/nyaa", "nyaa/nyaa-si-2019-02-15-home.xml");
    long id = addFeed("nyaa", feeds.url("/nyaa"));

    JsonObject first = poll(id);

    assertThat(first.getInteger("newItems")).isEqualTo(75);
    assertThat(first.getString("error")).isNull();
    JsonArray items = service.get("/api/feeds/" + id + "/items?limit=100").bodyAsJsonArray();
    assertThat(items).hasSize(75);
    JsonObject item = items.stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("title").contains("Kaguya-sama")).findFirst().orElseThrow();
    assertThat(item.getString("infoHash")).matches("[0-9a-f]{40}");
    assertThat(item.getString("torrentUrl")).startsWith("https://nyaa.si/download/");
    assertThat(item.getLong("sizeBytes")).isPositive();
    assertThat(item.getString("publishedAt")).startsWith("2019-02-1");
    assertThat(item.getJsonObject("parsed").getJsonArray("titles").getString(0)).containsIgnoringCase("Kaguya");
    JsonObject feed = service.get("/api/feeds/" + id).bodyAsJsonObject();
    assertThat(feed.getLong("itemCount")).isEqualTo(75);
    assertThat(feed.getString("kind")).isEqualTo("rss");
    assertThat(feed.getString("lastSuccessAt")).isNotNull();
    assertThat(feed.getString("lastError")).isNull();
  }

  @Test
  void items_without_a_title_or_a_link_are_skipped_and_counted() {
    feeds.serve("/partial", """
        <?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
        <item><title>[A] Show - 01</title><link>https://example.org/1.torrent</link><guid>1</guid></item>
        <item><title></title><link>https://example.org/2.torrent</link><guid>2</guid></item>
        <item><title>[A] Show - 03</title><guid>3</guid></item>
        </channel></rss>""", FakeFeedServer.RSS);
    long id = addFeed("partial", feeds.url("/partial"));

    JsonObject result = poll(id);

    assertThat(result.getInteger("newItems")).isEqualTo(1);
    assertThat(result.getInteger("skippedItems")).isEqualTo(2);
    assertThat(itemCount()).isEqualTo(1);
  }

  @Test
  void a_second_poll_is_a_conditional_get_and_a_304_writes_no_release() {
    feeds.serveCapture("/nyaa", "nyaa/nyaa-si-2021-08-24-home.xml");
    long id = addFeed("nyaa", feeds.url("/nyaa"));
    poll(id);
    List<Map<String, Object>> before = Sql.rows(db, "SELECT id, xmin::text AS version FROM feed_items ORDER BY id");

    JsonObject second = poll(id);

    assertThat(second.getInteger("newItems")).isZero();
    assertThat(feeds.requests("/nyaa")).hasSize(2);
    assertThat(feeds.requests("/nyaa").get(1).header("If-None-Match")).isNotBlank();
    assertThat(Sql.rows(db, "SELECT id, xmin::text AS version FROM feed_items ORDER BY id")).isEqualTo(before);
  }

  @Test
  void a_release_on_two_feeds_is_stored_once() {
    feeds.serveCapture("/nyaa-a", "nyaa/nyaa-si-2021-08-24-home.xml");
    feeds.serveCapture("/nyaa-b", "nyaa/nyaa-si-2021-08-24-home.xml");
    long a = addFeed("nyaa a", feeds.url("/nyaa-a"));
    long b = addFeed("nyaa b", feeds.url("/nyaa-b"));

    assertThat(poll(a).getInteger("newItems")).isEqualTo(3);
    assertThat(poll(b).getInteger("newItems")).as("same info hashes, other guids").isZero();
    assertThat(itemCount()).isEqualTo(3);
  }

  @Test
  void every_real_capture_is_read() {
    Map<String, Integer> captures = Map.of(
        "animetosho/animetosho-rss2-2016-08-02-nosize.xml", 2,
        "torznab/animetosho-torznab-2017-05-17.xml", 2,
        "torznab/prowlarr-mock-torznab-response.xml", 2,
        "ezrss/ezrss-2014-09-15.xml", 3,
        "mikan/mikan-search-sousou-no-frieren-2026.xml", 9);
    int n = 0;
    for (var capture : captures.entrySet()) {
      feeds.serveCapture("/c" + n, capture.getKey());
      long id = addFeed("capture " + n, feeds.url("/c" + n));
      JsonObject result = poll(id);
      assertThat(result.getString("error")).as(capture.getKey()).isNull();
      assertThat(result.getInteger("newItems")).as(capture.getKey()).isEqualTo(capture.getValue());
      if (capture.getKey().startsWith("torznab/")) {
        assertThat(service.get("/api/feeds/" + id).bodyAsJsonObject().getString("kind")).isEqualTo("torznab");
      }
      n++;
    }
  }

  @Test
  void a_feed_that_goes_wrong_records_why_and_keeps_what_it_had() {
    feeds.serveCapture("/feed", "nyaa/nyaa-si-2021-08-24-home.xml");
    long id = addFeed("flaky", feeds.url("/feed"));
    poll(id);
    List<Map<String, Object>> before = Sql.rows(db, "SELECT id, xmin::text AS version FROM feed_items ORDER BY id");
    String billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <rss version="2.0"><channel><item><title>&lol2;</title><link>http://x/1.torrent</link></item></channel></rss>""";
    List<Map.Entry<String, Consumer<FakeFeedServer>>> faults = List.of(
        Map.entry("HTTP 500", f -> f.respond("/feed", 500)),
        Map.entry("not an RSS, Atom or Torznab", f -> f.respond("/feed", 200, "<html><body>Cloudflare</body></html>",
            "text/html")),
        Map.entry("XML", f -> f.respond("/feed", 200, "<rss><channel><item><title>x</ti", FakeFeedServer.RSS)),
        Map.entry("DOCTYPE", f -> f.respond("/feed", 200, billionLaughs, FakeFeedServer.RSS)),
        Map.entry("larger than", f -> f.serveWithoutValidators("/feed", "<rss>".concat("x".repeat(300 * 1024))
            .getBytes(StandardCharsets.UTF_8), FakeFeedServer.RSS)),
        Map.entry("larger than", f -> f.serveEncoded("/feed", FakeFeedServer.gzipBomb(200L * 1024 * 1024), "gzip",
            FakeFeedServer.RSS)),
        Map.entry("2 s", f -> f.hang("/feed")));
    for (var fault : faults) {
      fault.getValue().accept(feeds);
      JsonObject result = poll(id);
      assertThat(result.getString("error")).as(fault.getKey()).containsIgnoringCase(fault.getKey());
      assertThat(result.getInteger("newItems")).isZero();
      JsonObject feed = service.get("/api/feeds/" + id).bodyAsJsonObject();
      assertThat(feed.getString("lastError")).isEqualTo(result.getString("error"));
      assertThat(Sql.rows(db, "SELECT id, xmin::text AS version FROM feed_items ORDER BY id")).isEqualTo(before);
    }
  }

  @Test
  void credentials_in_a_feed_url_never_show() {
    String secret = "s3cr3t-passkey-0123456789";
    feeds.serveCapture("/torznab/api", "torznab/prowlarr-mock-torznab-response.xml");
    String url = feeds.url("/torznab/api?t=search&apikey=" + secret + "&cat=5070");
    try (LogCapture logs = new LogCapture()) {
      var created = service.post("/api/feeds", new JsonObject().put("name", "prowlarr").put("url", url));
      long id = created.bodyAsJsonObject().getLong("id");
      poll(id);
      feeds.respond("/torznab/api", 500);
      poll(id);
      String shown = created.bodyAsString() + service.get("/api/feeds").bodyAsString()
          + service.get("/api/feeds/" + id).bodyAsString() + service.get("/api/feeds/" + id + "/items").bodyAsString();
      assertThat(shown).doesNotContain(secret).contains("apikey=***");
      var patched = service.patch("/api/feeds/" + id, new JsonObject()
          .put("url", created.bodyAsJsonObject().getString("url")).put("name", "renamed"));
      assertThat(patched.statusCode()).isEqualTo(200);
      assertThat(Sql.value(db, "SELECT url FROM feeds WHERE id = " + id)).isEqualTo(url);
      assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
    }
  }

  @Test
  void keys_in_a_releases_links_never_show_jacketts_link_key_and_a_trackers_passkey_inside_a_magnet() {
    String jackettKey = "0123456789abcdefghijklmnopqrstuv";
    String passkey = "f00dfacecafebabe0123456789abcdef";
    String link = "http://jackett:9117/dl/nyaasi/?jackett_apikey=" + jackettKey + "&amp;path=Q2ZESjhQ&amp;file=Frieren";
    feeds.serve("/jackett", """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed">
        <channel><title>Nyaa.si</title>
        <item>
          <title>[SubsPlease] Sousou no Frieren - 03 (1080p) [ABCDEF01].mkv</title>
          <guid>https://nyaa.si/view/1700000</guid>
          <link>%s</link>
          <enclosure url="%s" length="1453129523" type="application/x-bittorrent" />
          <torznab:attr name="infohash" value="0123456789abcdef0123456789abcdef01234567" />
        </item>
        <item>
          <title>[SubsPlease] Sousou no Frieren - 04 (1080p) [ABCDEF02].mkv</title>
          <guid>https://tracker.example/torrents/42</guid>
          <torznab:attr name="magneturl" value="magnet:?xt=urn:btih:1123456789abcdef0123456789abcdef01234567&amp;tr=https%%3A%%2F%%2Ftracker.example%%2Fannounce%%3Fpasskey%%3D%s" />
        </item>
        </channel></rss>""".formatted(link, link, passkey), FakeFeedServer.RSS);
    long id = addFeed("jackett", feeds.url("/jackett"));
    assertThat(poll(id).getInteger("newItems")).isEqualTo(2);

    String shown = service.get("/api/feeds/" + id + "/items").bodyAsString();

    assertThat(shown).contains("jackett_apikey=***", "passkey%3D***").doesNotContain(jackettKey, passkey);
  }

  @Test
  void the_poll_address_takes_one_feed_or_all_and_refuses_bad_requests() {
    feeds.serveCapture("/one", "nyaa/nyaa-si-2021-08-24-home.xml");
    long id = addFeed("one", feeds.url("/one"));

    JsonObject all = TestService.await(service.vertx().eventBus().<JsonObject>request(Addresses.FEEDS_POLL, new JsonObject()))
        .body();
    assertThat(all.getInteger("newItems")).isEqualTo(3);
    assertThat(all.getJsonArray("feeds")).hasSize(1);
    JsonObject one = TestService.await(service.vertx().eventBus().<JsonObject>request(Addresses.FEEDS_POLL,
        new JsonObject().put("feedId", id))).body();
    assertThat(one.getInteger("newItems")).isZero();

    for (Object bad : List.of("text", new JsonArray(), new JsonObject().put("feedId", "1"),
        new JsonObject().put("feedId", -1), new JsonObject().put("other", 1))) {
      ReplyException reply = (ReplyException) TestService.await(service.vertx().eventBus().request(Addresses.FEEDS_POLL, bad)
          .map(m -> (Throwable) null).otherwise(e -> e));
      assertThat(reply.failureCode()).as(String.valueOf(bad)).isEqualTo(400);
    }
    ReplyException unknown = (ReplyException) TestService.await(service.vertx().eventBus()
        .request(Addresses.FEEDS_POLL, new JsonObject().put("feedId", 999)).map(m -> (Throwable) null).otherwise(e -> e));
    assertThat(unknown.failureCode()).isEqualTo(404);
  }

  @Test
  void polls_and_releases_are_counted_in_the_metrics() {
    feeds.serveCapture("/m", "nyaa/nyaa-si-2021-08-24-home.xml");
    long id = addFeed("m", feeds.url("/m"));
    poll(id);
    poll(id);
    feeds.respond("/m", 503);
    poll(id);

    PrometheusText metrics = new PrometheusText(service.get("/metrics").bodyAsString());
    assertThat(metrics.value("autoanime_feed_polls_total", "outcome", "fetched")).hasValue(1);
    assertThat(metrics.value("autoanime_feed_polls_total", "outcome", "not_modified")).hasValue(1);
    assertThat(metrics.value("autoanime_feed_polls_total", "outcome", "failed")).hasValue(1);
    assertThat(metrics.value("autoanime_feed_releases_new_total")).hasValue(3);
  }
}
