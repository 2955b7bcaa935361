package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.autoanime.qbittorrent.QbittorrentTuning;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.RealQbittorrent;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TorrentMaker;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through Debian's real {@code qbittorrent-nox}: a release in a feed, placed on an
 * episode whose switch is on, downloaded over loopback from a second qBittorrent that seeds it,
 * imported by (the fake) Sonarr with the ids this service matched, and shown {@code downloaded}.
 */
class RealQbittorrentDownloadTest extends ServiceTest {
  private static final String RELEASE = "[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]";
  private static RealQbittorrent seeder;
  private static RealQbittorrent downloader;
  private FakeFeedServer feeds;

  @BeforeAll
  static void startBoth() throws Exception {
    seeder = RealQbittorrent.start();
    downloader = RealQbittorrent.start();
  }

  @AfterAll
  static void stopBoth() throws Exception {
    try (RealQbittorrent a = seeder; RealQbittorrent b = downloader) {
      // closed in this order
    }
  }

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults
        .put(AppConfig.QBITTORRENT_URL, downloader.url())
        .put(AppConfig.DOWNLOAD_POLL_MS, 200)
        .put(AppConfig.DOWNLOAD_CHECK_MS, 500)
        .put(AppConfig.IMPORT_COMMAND_POLL_MS, 50)
        .put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  @AfterEach
  void stopFeeds() {
    if (feeds != null) {
      feeds.stop();
    }
  }

  @Test
  void a_release_from_a_feed_is_downloaded_by_qbittorrent_and_imported_into_sonarr() throws Exception {
    Path seedFolder = seeder.folder("seed");
    byte[] video = new byte[3 * 1024 * 1024 + 4321];
    new Random(5).nextBytes(video);
    Files.write(seedFolder.resolve(RELEASE + ".mkv"), video);
    TorrentMaker.Torrent torrent = TorrentMaker.of(seedFolder.resolve(RELEASE + ".mkv"), 256 * 1024);
    seeder.seed(torrent, seedFolder);
    feeds = new FakeFeedServer(sonarrVertx).start();
    feeds.serve("/download/release.torrent", torrent.bytes(), "application/x-bittorrent");
    feeds.serve("/rss", """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss xmlns:nyaa="https://nyaa.si/xmlns/nyaa" version="2.0"><channel><title>test</title>
        <item><title>%s</title><link>%s</link><guid>https://nyaa.example/view/1</guid>
        <nyaa:infoHash>%s</nyaa:infoHash><nyaa:size>3.0 MiB</nyaa:size></item>
        </channel></rss>""".formatted(RELEASE, feeds.url("/download/release.torrent"), torrent.infoHash()),
        FakeFeedServer.RSS);
    service.fullSync();
    long series = ((Number) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.LAST_BOSS_QUEEN)).longValue();
    service.patch("/api/series/" + series + "/auto-download", new JsonObject().put("enabled", true));
    long feed = service.post("/api/feeds", new JsonObject().put("name", "nyaa").put("url", feeds.url("/rss")))
        .bodyAsJsonObject().getLong("id");

    assertThat(service.post("/api/feeds/" + feed + "/poll", null).bodyAsJsonObject().getInteger("matchedItems")).isEqualTo(1);

    QbittorrentClient peers = new QbittorrentClient(sonarrVertx, downloader.settings("autoanime"), QbittorrentTuning.defaults());
    try {
      // qBittorrent learns of the seeder from the test (no tracker, no DHT on loopback).
      Eventually.await("the download imported", () -> {
        peers.addPeers(torrent.infoHash(), List.of(seeder.peerAddress()));
        var downloads = service.get("/api/downloads").bodyAsJsonArray();
        return !downloads.isEmpty() && "imported".equals(downloads.getJsonObject(0).getString("status"));
      });
    } finally {
      peers.close();
    }

    JsonObject download = service.get("/api/downloads").bodyAsJsonArray().getJsonObject(0);
    assertThat(download.getString("infoHash")).isEqualTo(torrent.infoHash());
    assertThat(download.getDouble("progress")).isEqualTo(1.0);
    Path saved = downloader.downloads().resolve(RELEASE + ".mkv");
    assertThat(Files.readAllBytes(saved)).isEqualTo(video);
    JsonObject file = sonarr.imports().manualImports().get(0).getJsonArray("files").getJsonObject(0);
    assertThat(Path.of(file.getString("path"))).isEqualTo(saved);
    assertThat(file.getString("downloadId")).isEqualTo(torrent.infoHash().toUpperCase());
    Eventually.await("the episode shown downloaded", () -> service.get("/api/series/" + series + "/episodes")
        .bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .anyMatch(e -> e.getInteger("episodeNumber") == 5 && e.getBoolean("hasFile")
            && "downloaded".equals(e.getString("autoDownloadStatus"))));
  }
}
