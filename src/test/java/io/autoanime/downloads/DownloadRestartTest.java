package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service stopped at any point of a download picks it up where it was on the next start: a
 * torrent qBittorrent took before the service could record it is found by its tag (not sent
 * twice), a download under way is followed to its import, and no episode gets a second download.
 */
class DownloadRestartTest extends ServiceTest {
  private static final String RELEASE = "[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]";
  private static final String ADD = "/api/v2/torrents/add";

  @TempDir
  Path downloadsDir;
  private FakeQbittorrent qbittorrent;
  private FakeFeedServer feeds;

  @Override
  protected JsonObject settings(JsonObject defaults) {
    qbittorrent = new FakeQbittorrent(sonarrVertx, FakeQbittorrent.Version.V5_2).start();
    return defaults
        .put(AppConfig.QBITTORRENT_URL, qbittorrent.url())
        .put(AppConfig.QBITTORRENT_TIMEOUT_SECONDS, 1)
        .put(AppConfig.DOWNLOAD_POLL_MS, 100)
        .put(AppConfig.DOWNLOAD_CHECK_MS, 200)
        .put(AppConfig.DOWNLOAD_RETRY_DELAY_MS, 60_000)
        .put(AppConfig.IMPORT_COMMAND_POLL_MS, 20)
        .put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  @BeforeEach
  void publishTheRelease() {
    feeds = new FakeFeedServer(sonarrVertx).start();
    service.fullSync();
    String hash = GeneratedFeed.hashOf(RELEASE);
    qbittorrent.knowUrl(feeds.url("/download/" + hash.substring(0, 8) + ".torrent"), hash, RELEASE);
    feeds.serve("/feed", new GeneratedFeed(feeds.url("")).release(RELEASE).bytes(), FakeFeedServer.RSS);
    long series = ((Number) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.LAST_BOSS_QUEEN)).longValue();
    service.patch("/api/series/" + series + "/auto-download", new JsonObject().put("enabled", true));
  }

  @AfterEach
  void stopFakes() {
    feeds.stop();
    qbittorrent.stop();
  }

  private void pollFeed() {
    long feed = service.post("/api/feeds", new JsonObject().put("name", "nyaa").put("url", feeds.url("/feed")))
        .bodyAsJsonObject().getLong("id");
    service.post("/api/feeds/" + feed + "/poll", null);
  }

  private String status() {
    return (String) Sql.value(db, "SELECT status FROM downloads");
  }

  @Test
  void a_torrent_qbittorrent_took_before_the_service_recorded_it_is_found_by_its_tag_after_a_restart() {
    // qBittorrent takes the torrent, but its answer never comes back: the process stops right there.
    qbittorrent.failNext(ADD, 1, request -> {
      request.setExpectMultipart(true);
      request.endHandler(end -> qbittorrent.put(GeneratedFeed.hashOf(RELEASE), RELEASE).category("autoanime")
          .tags(List.of(request.formAttributes().get("tags"))));
    });
    pollFeed();
    Eventually.await("qBittorrent has the torrent", () -> qbittorrent.torrent(GeneratedFeed.hashOf(RELEASE)).isPresent());
    assertThat(status()).isEqualTo("queued");

    service.restart();

    Eventually.await("the download found in qBittorrent", () -> "downloading".equals(status()));
    assertThat(qbittorrent.requests(ADD)).as("sent once, never again").isEqualTo(1);
    assertThat(Sql.value(db, "SELECT count(*) FROM downloads")).isEqualTo(1L);
  }

  @Test
  void a_download_under_way_at_a_restart_is_followed_to_its_import() throws Exception {
    pollFeed();
    Eventually.await("downloading", () -> "downloading".equals(status()));

    service.restart();
    Path file = Files.writeString(downloadsDir.resolve(RELEASE + ".mkv"), "video");
    qbittorrent.get(GeneratedFeed.hashOf(RELEASE)).savePath(downloadsDir.toString()).contentPath(file.toString())
        .file(RELEASE + ".mkv", 5).progress(1).state("stoppedUP");

    Eventually.await("imported after the restart", () -> "imported".equals(status()));
    assertThat(qbittorrent.requests(ADD)).isEqualTo(1);
    assertThat(sonarr.imports().manualImports()).hasSize(1);
  }

  @Test
  void a_queued_download_is_sent_once_after_a_restart() {
    qbittorrent.failNext("/api/v2/torrents/info", 1, FakeQbittorrent.Fault.status(503));
    pollFeed();
    Eventually.await("the first try failed",
        () -> Sql.value(db, "SELECT attempts FROM downloads") instanceof Number attempts && attempts.intValue() == 1);
    assertThat(qbittorrent.requests(ADD)).isZero();
    Sql.update(db, "UPDATE downloads SET next_attempt_at = now()");

    service.restart();

    Eventually.await("sent after the restart", () -> "downloading".equals(status()));
    assertThat(qbittorrent.requests(ADD)).isEqualTo(1);
  }

  @Test
  void the_database_refuses_a_second_download_of_an_episode() {
    pollFeed();
    Eventually.await("downloading", () -> "downloading".equals(status()));
    long episode = ((Number) Sql.value(db, "SELECT episode_id FROM download_episodes")).longValue();

    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> Sql.value(db, """
        WITH d AS (INSERT INTO downloads (series_id, title, source, tag, trigger)
                   SELECT series_id, 'again', 'magnet:?xt=urn:btih:' || repeat('a', 40), 'again', 'manual'
                     FROM downloads LIMIT 1 RETURNING id)
        INSERT INTO download_episodes (download_id, episode_id) SELECT id, %d FROM d RETURNING download_id""".formatted(episode)));

    assertThat(refused).hasMessageContaining("download_episodes_one_tracked_download");
    assertThat(Sql.value(db, "SELECT count(*) FROM downloads")).isEqualTo(1L);
  }
}
