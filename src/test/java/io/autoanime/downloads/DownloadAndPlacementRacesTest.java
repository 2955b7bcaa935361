package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.HeldCommits;
import io.autoanime.support.ServedFeeds;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A download recorded while a re-placement moves its release to other episodes: the download's
 * episodes and its release's must still agree, and the release must not be downloaded twice.
 */
class DownloadAndPlacementRacesTest extends ServiceTest {
  private static final String PASSWORD = "qbit-secret-password-42";
  private static final String RAW = "[Raws] Frieren Raws - 02 [1080p].mkv";
  private static final String RULE_PATTERN = "Frieren Raws - :ep:";
  private static final String SUBSPLEASE = "[SubsPlease] Sousou no Frieren - 02 (1080p) [AAAA0002].mkv";

  private FakeQbittorrent qbittorrent;
  private FakeFeedServer feeds;
  private long frieren;

  @Override
  protected JsonObject settings(JsonObject defaults) {
    qbittorrent = new FakeQbittorrent(sonarrVertx, FakeQbittorrent.Version.V4_5).start().requireLogin("admin", PASSWORD);
    return defaults
        .put(AppConfig.QBITTORRENT_URL, qbittorrent.url())
        .put(AppConfig.QBITTORRENT_USERNAME, "admin")
        .put(AppConfig.QBITTORRENT_PASSWORD, PASSWORD)
        .put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  @BeforeEach
  void syncAndServeFeed() {
    feeds = new FakeFeedServer(sonarrVertx).start();
    service.fullSync();
    frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN);
  }

  @AfterEach
  void stopFakes() {
    feeds.stop();
    qbittorrent.stop();
  }

  private long episode(int number) {
    return (Long) Sql.value(db, """
        SELECT id FROM series_episodes WHERE series_id = %d AND season_number = 1 AND episode_number = %d"""
        .formatted(frieren, number));
  }

  private long addRule(JsonObject rule) {
    HttpResponse<Buffer> added = service.post("/api/series/" + frieren + "/rules", rule.put("seasonNumber", 1));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    return added.bodyAsJsonObject().getLong("id");
  }

  /** Serves a feed of the release, polls it, and answers the release's id once it is placed on S01E02. */
  private long releaseOnTheSecondEpisode(String title) {
    ServedFeeds served = new ServedFeeds(feeds, service);
    long feed = served.add("/feed", served.generated().release(title));
    assertThat(service.post("/api/feeds/" + feed + "/poll", null).statusCode()).isEqualTo(200);
    long release = (Long) Sql.value(db, "SELECT id FROM feed_items WHERE title = '" + title + "'");
    assertThat(episodesOf(release)).as("the release's episodes").isEqualTo("{" + episode(2) + "}");
    return release;
  }

  private Object episodesOf(long release) {
    return Sql.value(db, "SELECT episode_ids::text FROM feed_items WHERE id = " + release);
  }

  private Future<HttpResponse<Buffer>> downloadNowAsync(int episode) {
    return service.sendAsync(HttpMethod.POST, "/api/episodes/" + episode(episode) + "/download", new JsonObject(),
        Map.of());
  }

  @Test
  void a_release_a_rule_change_moves_while_its_download_is_recorded_stays_on_the_downloads_episode() {
    long rule = addRule(new JsonObject().put("pattern", RULE_PATTERN));
    long release = releaseOnTheSecondEpisode(RAW);
    // The user's rule now reads the release as episode 1: the change unplaces the rule's releases.
    assertRecordedDownloadKeepsItsRelease(release, () -> service.sendAsync(HttpMethod.PATCH, "/api/rules/" + rule,
        new JsonObject().put("episodeOffset", -1), Map.of()));
  }

  @Test
  void a_release_a_new_rule_moves_while_its_download_is_recorded_stays_on_the_downloads_episode() {
    long release = releaseOnTheSecondEpisode(SUBSPLEASE);
    // A rule that reads the automatically placed release as episode 1: its re-placement moves it.
    assertRecordedDownloadKeepsItsRelease(release, () -> service.sendAsync(HttpMethod.POST,
        "/api/series/" + frieren + "/rules", new JsonObject().put("seasonNumber", 1)
            .put("pattern", "Sousou no Frieren - :ep:").put("episodeOffset", -1), Map.of()));
  }

  /**
   * "Download now" of S01E02 records its download of the release and waits to commit while {@code move}
   * re-places the release (on S01E01, without the download). On the old code the re-placement moved it:
   * the download fetched S01E02's release for S01E01, and S01E01 (wanted) took it again, a second
   * download of the same torrent.
   */
  private void assertRecordedDownloadKeepsItsRelease(long release, Supplier<Future<HttpResponse<Buffer>>> move) {
    Future<HttpResponse<Buffer>> download;
    Future<HttpResponse<Buffer>> moved;
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("INSERT", "downloads", "NEW.feed_item_id = " + release);
      download = downloadNowAsync(2);
      Eventually.await("the download waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      moved = move.get();
      Eventually.await("the re-placement is done or waits for the download",
          () -> moved.isComplete() || commits.waitingForLocks("%") == 2);
      commits.letGo();
    }
    HttpResponse<Buffer> downloaded = TestService.await(download);
    assertThat(downloaded.statusCode()).as(downloaded.bodyAsString()).isEqualTo(202);
    HttpResponse<Buffer> rule = TestService.await(moved);
    assertThat(rule.statusCode()).as(rule.bodyAsString()).isBetween(200, 201);

    assertThat(episodesOf(release)).as("the release's episodes").isEqualTo("{" + episode(2) + "}");
    // S01E01 is offered the release only if the re-placement moved it there.
    HttpResponse<Buffer> first = service.post("/api/episodes/" + episode(1) + "/download", new JsonObject());
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(409);
    assertThat(Sql.count(db, "SELECT count(*) FROM downloads WHERE feed_item_id = " + release))
        .as("downloads of the release").isEqualTo(1);
  }

  @Test
  void a_download_of_a_release_a_rule_change_moved_meanwhile_is_refused() {
    long rule = addRule(new JsonObject().put("pattern", RULE_PATTERN));
    long release = releaseOnTheSecondEpisode(RAW);
    Future<HttpResponse<Buffer>> change;
    Future<HttpResponse<Buffer>> download;
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("UPDATE", "feed_items", "NEW.id = " + release);
      // The change has unplaced the release (to place it on S01E01 once it committed) and waits to commit.
      change = service.sendAsync(HttpMethod.PATCH, "/api/rules/" + rule, new JsonObject().put("episodeOffset", -1),
          Map.of());
      Eventually.await("the change waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // "Download now" of S01E02 still reads the release on it.
      download = downloadNowAsync(2);
      Eventually.await("the download is recorded or waits for the change",
          () -> download.isComplete() || commits.waitingForLocks("%") == 2);
      commits.letGo();
    }
    HttpResponse<Buffer> changed = TestService.await(change);
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> downloaded = TestService.await(download);
    assertThat(downloaded.statusCode()).as(downloaded.bodyAsString()).isEqualTo(409);
    assertThat(downloaded.bodyAsJsonObject().getString("error"))
        .isEqualTo("\"" + RAW + "\" was placed on other episodes meanwhile (a rule or the library changed): try again");
    assertThat(Sql.count(db, "SELECT count(*) FROM downloads")).as("downloads recorded").isZero();
    assertThat(episodesOf(release)).as("the release's episodes").isEqualTo("{" + episode(1) + "}");
    assertThat(Sql.value(db, "SELECT auto_download_status FROM series_episodes WHERE id = " + episode(2)))
        .as("S01E02's status").isNotEqualTo("downloading");
  }
}
