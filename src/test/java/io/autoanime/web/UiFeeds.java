package io.autoanime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A feed server and a qBittorrent that knows the feed's .torrent links, for the browser tests of
 * feeds, rules and downloads.
 */
final class UiFeeds implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  final FakeFeedServer server = new FakeFeedServer(vertx).start();
  final FakeQbittorrent qbittorrent = new FakeQbittorrent(vertx, FakeQbittorrent.Version.V4_5).start();

  /** Points the service at the fake qBittorrent, following downloads quickly. */
  void configureDownloads(JsonObject settings) {
    settings.put(AppConfig.QBITTORRENT_URL, qbittorrent.url())
        .put(AppConfig.QBITTORRENT_TIMEOUT_SECONDS, 2)
        .put(AppConfig.DOWNLOAD_POLL_MS, 100)
        .put(AppConfig.DOWNLOAD_CHECK_MS, 200)
        .put(AppConfig.DOWNLOAD_RETRIES, 2)
        .put(AppConfig.DOWNLOAD_RETRY_DELAY_MS, 50)
        .put(AppConfig.IMPORT_COMMAND_POLL_MS, 20);
  }

  /** Feeds are polled only when a test asks. */
  static void noScheduledPolls(JsonObject settings) {
    settings.put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  /**
   * Serves these releases at {@code path} (qBittorrent knows their .torrent links); answers the feed's URL
   * with {@code query} (the server ignores it: a key in it is for the tests of masking).
   */
  String serve(String path, String query, String... titles) {
    GeneratedFeed feed = new GeneratedFeed(server.url(""));
    for (String title : titles) {
      feed.release(title);
      String hash = GeneratedFeed.hashOf(title);
      qbittorrent.knowUrl(torrentUrl(title), hash, title);
    }
    server.serve(path, feed.bytes(), FakeFeedServer.RSS);
    return server.url(path + query);
  }

  /** The .torrent link of a release the generated feed lists. */
  String torrentUrl(String title) {
    return server.url("/download/" + GeneratedFeed.hashOf(title).substring(0, 8) + ".torrent");
  }

  /** Adds a feed through the API and polls it; answers its id. */
  static long addAndPoll(TestService service, String name, String url) {
    long id = service.post("/api/feeds", new JsonObject().put("name", name).put("url", url)).bodyAsJsonObject().getLong("id");
    assertThat(service.post("/api/feeds/" + id + "/poll", null).bodyAsJsonObject().getString("error")).isNull();
    return id;
  }

  @Override
  public void close() {
    server.stop();
    qbittorrent.stop();
    TestService.await(vertx.close());
  }
}
