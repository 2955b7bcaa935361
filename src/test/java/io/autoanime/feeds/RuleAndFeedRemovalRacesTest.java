package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BusErrors;
import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FeedItemWriteControl;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.HeldCommits;
import io.autoanime.support.ServedFeeds;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user's removal of a rule or a feed while the service's own work (a poll, its placement) or
 * another user action writes rows that refer to it: every request gets its proper answer, never a
 * 500, and the poll goes on. A commit held by a trigger (or a write paused on a row) puts the two at
 * the moment where they meet.
 */
class RuleAndFeedRemovalRacesTest extends ServiceTest {
  private static final String FIRST = "[SubsPlease] Sousou no Frieren - 01 (1080p) [AAAA0001].mkv";
  private static final String SECOND = "[SubsPlease] Sousou no Frieren - 02 (1080p) [AAAA0002].mkv";
  private static final String MIKAN_FIRST = "[ANi] 葬送的芙莉蓮 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]";

  private FakeFeedServer feeds;
  private ServedFeeds served;
  private long frieren;

  @BeforeEach
  void startFeedServerAndSync() {
    feeds = new FakeFeedServer(sonarrVertx).start();
    served = new ServedFeeds(feeds, service);
    service.fullSync();
    frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN);
  }

  @AfterEach
  void stopFeedServer() {
    feeds.stop();
  }

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  /** A rule of Frieren's season 1 that places the "Frieren Raws" releases of every feed. */
  private long addRawsRule() {
    HttpResponse<Buffer> added = service.post("/api/series/" + frieren + "/rules", rawsRule());
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    return added.bodyAsJsonObject().getLong("id");
  }

  private static JsonObject rawsRule() {
    return new JsonObject().put("seasonNumber", 1).put("pattern", "Frieren Raws - :ep:");
  }

  private static String raw(int episode) {
    return "[Raws] Frieren Raws - 0" + episode + " [1080p].mkv";
  }

  private Future<JsonObject> pollAsync(long feedId) {
    return service.sendAsync(HttpMethod.POST, "/api/feeds/" + feedId + "/poll", null, Map.of())
        .map(HttpResponse::bodyAsJsonObject);
  }

  private JsonObject poll(long feedId) {
    return TestService.await(pollAsync(feedId));
  }

  /** "Poll now", answered with its status. */
  private Future<HttpResponse<Buffer>> pollNowAsync(long feedId) {
    return service.sendAsync(HttpMethod.POST, "/api/feeds/" + feedId + "/poll", null, Map.of());
  }

  /** A poll asked for on the bus: {@code {"feedId": N}}, or every enabled feed for {@code {}}. */
  private Future<JsonObject> busPollAsync(JsonObject request) {
    return service.vertx().eventBus().<JsonObject>request(Addresses.FEEDS_POLL, request,
        new DeliveryOptions().setSendTimeout(60_000)).map(Message::body);
  }

  /** The poll answered as a poll of a feed that does not exist does. */
  private static void assertUnknownFeed(Future<HttpResponse<Buffer>> poll, long feedId) {
    assertAnswer(poll, 404);
    assertThat(TestService.await(poll).bodyAsJsonObject().getString("error")).isEqualTo("no feed with id " + feedId);
  }

  private Future<HttpResponse<Buffer>> removeAsync(String path) {
    return service.sendAsync(HttpMethod.DELETE, path, null, Map.of());
  }

  private static void assertAnswer(Future<HttpResponse<Buffer>> request, int status) {
    HttpResponse<Buffer> answer = TestService.await(request);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
  }

  private long itemOf(String title) {
    return (Long) Sql.value(db, "SELECT id FROM feed_items WHERE title = '" + title + "'");
  }

  @Test
  void a_rule_removed_while_a_poll_places_a_release_on_it_is_removed() {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("UPDATE", "feed_items", "NEW.rule_id = " + rule);

      // The poll's placement has put the release on the rule (holding the rule, as its foreign key is
      // checked) and waits to commit.
      Future<JsonObject> poll = pollAsync(feed);
      Eventually.await("the poll's placement waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The removal lets go of the rule's releases (it cannot see the poll's yet), then waits for the rule.
      Future<HttpResponse<Buffer>> removal = removeAsync("/api/rules/" + rule);
      Eventually.await("the removal waits for the rule", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      assertThat(TestService.await(poll).getString("error")).as("the poll's error").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM download_rules")).as("rules left").isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE matched_at IS NOT NULL"))
        .as("the release stored and placed").isEqualTo(1);
  }

  @Test
  void a_poll_placing_a_release_on_a_rule_being_removed_places_it_without_the_rule() {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("DELETE", "download_rules", "OLD.id = " + rule);

      Future<HttpResponse<Buffer>> removal = removeAsync("/api/rules/" + rule);
      Eventually.await("the rule's removal waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The poll reads the rule (not yet removed for it), places the release on it, and waits for it.
      Future<JsonObject> poll = pollAsync(feed);
      Eventually.await("the poll's placement waits for the rule", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      assertThat(TestService.await(poll).getString("error")).as("the poll's error").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items")).as("releases stored").isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE rule_id IS NULL AND matched_at IS NOT NULL"))
        .as("the release, placed without the removed rule").isEqualTo(1);
  }

  @Test
  void a_release_a_poll_places_on_a_rule_being_removed_offers_no_episode_to_download() {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)));
    // A release whose placement failed, which a re-placement writes.
    long waiting = (Long) Sql.value(db, """
        INSERT INTO feed_items (guid, title, parsed, torrent_url)
        VALUES ('waiting', 'Some other show - 01', '{}', 'https://feed.invalid/waiting') RETURNING id""");
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db); HeldCommits commits = new HeldCommits(db)) {
      writes.pauseWrites("NEW.id = " + waiting);
      // A re-placement stops at that release: the removal's re-placement, which would place the rule's
      // releases afresh, waits behind it.
      Future<JsonObject> rematch = service.vertx().eventBus().<JsonObject>request(Addresses.RELEASES_REMATCH,
          new JsonObject(), new DeliveryOptions().setSendTimeout(60_000)).map(Message::body);
      Eventually.await("the re-placement stopped", () -> writes.waitingForLocks("advisory") == 1);
      commits.hold("DELETE", "download_rules", "OLD.id = " + rule);
      Future<HttpResponse<Buffer>> removal = removeAsync("/api/rules/" + rule);
      Eventually.await("the rule's removal waits to commit", () -> commits.waitingForLocks("advisory") == 2);
      // The poll places its release on the rule (not yet removed for it), and waits for the rule.
      Future<JsonObject> poll = pollAsync(feed);
      Eventually.await("the poll's placement waits for the rule", () -> commits.waitingForLocks("%") == 3);
      commits.letGo();
      assertThat(TestService.await(poll).getString("error")).as("the poll's error").isNull();

      // The rule is gone, and its removal's re-placement has not run: nothing is there to download.
      assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE episode_ids <> '{}'"))
          .as("releases placed on episodes").isZero();
      long episode = (Long) Sql.value(db, """
          SELECT id FROM series_episodes WHERE series_id = %d AND season_number = 1 AND episode_number = 1"""
          .formatted(frieren));
      // "Download now" takes the best release placed on the episode, as the automatic download does (the
      // old write left the rule's episodes on the release: it went on to qBittorrent, 502 here without one).
      HttpResponse<Buffer> download = service.post("/api/episodes/" + episode + "/download", new JsonObject());
      assertThat(download.statusCode()).as(download.bodyAsString()).isEqualTo(409);
      assertThat(download.bodyAsJsonObject().getString("error")).startsWith("no release of S01E01 ");
      writes.letGo();

      assertAnswer(removal, 204);
      assertThat(TestService.await(rematch.map(done -> (Throwable) null).otherwise(e -> e)))
          .as("the re-placement's failure").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE rule_id IS NULL AND episode_ids = '{}'"
        + " AND title = '" + raw(1) + "'")).as("the release, without the rule, placed nowhere").isEqualTo(1);
  }

  @Test
  void a_release_a_poll_places_by_a_rule_being_disabled_offers_no_episode_to_download() {
    assertPollPlacesNothingByARuleChangedMeanwhile(new JsonObject().put("enabled", false));
  }

  @Test
  void a_release_a_poll_places_by_a_rule_being_changed_offers_no_episode_of_the_old_settings_to_download() {
    // The user's rule now reads the release as episode 2.
    assertPollPlacesNothingByARuleChangedMeanwhile(new JsonObject().put("episodeOffset", 1));
  }

  /**
   * A poll reads the rule before the user's change of it commits and writes after: the change
   * unplaced the rule's releases without the poll's, and its re-placement is held behind another.
   */
  private void assertPollPlacesNothingByARuleChangedMeanwhile(JsonObject changes) {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)));
    long waiting = (Long) Sql.value(db, """
        INSERT INTO feed_items (guid, title, parsed, torrent_url)
        VALUES ('waiting', 'Some other show - 01', '{}', 'https://feed.invalid/waiting') RETURNING id""");
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db); HeldCommits commits = new HeldCommits(db)) {
      writes.pauseWrites("NEW.id = " + waiting);
      Future<JsonObject> rematch = service.vertx().eventBus().<JsonObject>request(Addresses.RELEASES_REMATCH,
          new JsonObject(), new DeliveryOptions().setSendTimeout(60_000)).map(Message::body);
      Eventually.await("the re-placement stopped", () -> writes.waitingForLocks("advisory") == 1);
      commits.hold("UPDATE", "download_rules", "OLD.id = " + rule);
      Future<HttpResponse<Buffer>> change = service.sendAsync(HttpMethod.PATCH, "/api/rules/" + rule, changes,
          Map.of());
      Eventually.await("the rule's change waits to commit", () -> commits.waitingForLocks("advisory") == 2);
      // The poll reads the rule's old settings; its write either waits for the change or comes before it.
      Future<JsonObject> poll = pollAsync(feed);
      Eventually.await("the poll wrote or waits for the rule",
          () -> poll.isComplete() || commits.waitingForLocks("%") == 3);
      commits.letGo();
      assertThat(TestService.await(poll).getString("error")).as("the poll's error").isNull();

      // The change's re-placement has not run: nothing placed by the rule's old settings is there to download.
      assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE episode_ids <> '{}'"))
          .as("releases placed on episodes").isZero();
      HttpResponse<Buffer> download = service.post("/api/episodes/" + episode(1) + "/download", new JsonObject());
      assertThat(download.statusCode()).as(download.bodyAsString()).isEqualTo(409);
      assertThat(download.bodyAsJsonObject().getString("error")).startsWith("no release of S01E01 ");
      writes.letGo();

      assertAnswer(change, 200);
      assertThat(TestService.await(rematch.map(done -> (Throwable) null).otherwise(e -> e)))
          .as("the re-placement's failure").isNull();
    }
    // The change's re-placement placed the release by the rule's new settings.
    Object placedOn = Sql.value(db, "SELECT episode_ids::text FROM feed_items WHERE title = '" + raw(1) + "'");
    assertThat(placedOn).as("the release's episodes")
        .isEqualTo(changes.getBoolean("enabled", true) ? "{" + episode(2) + "}" : "{}");
  }

  private long episode(int number) {
    return (Long) Sql.value(db, """
        SELECT id FROM series_episodes WHERE series_id = %d AND season_number = 1 AND episode_number = %d"""
        .formatted(frieren, number));
  }

  @Test
  void a_feed_removed_while_its_poll_stores_releases_is_removed_and_keeps_them() {
    long feed = served.add("/feed", served.generated().release(FIRST).release(raw(1)).release(raw(2)));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("INSERT", "feed_items", "NEW.feed_id = " + feed);

      // The poll has stored the releases (holding the feed, as their foreign key is checked) and waits to commit.
      Future<JsonObject> poll = pollAsync(feed);
      Eventually.await("the poll's insert waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The removal keeps the feed's releases (it cannot see the poll's yet), then waits for the feed.
      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + feed);
      Eventually.await("the removal waits for the feed", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      assertThat(TestService.await(poll).getString("error")).as("the poll's error").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feeds")).as("feeds left").isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id IS NULL"))
        .as("the poll's releases, kept without their feed").isEqualTo(3);
  }

  @Test
  void a_poll_of_a_feed_being_removed_stores_nothing_and_answers_that_the_feed_is_gone() {
    long feed = served.add("/feed", served.generated().release(FIRST).release(raw(1)));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("DELETE", "feeds", "OLD.id = " + feed);

      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + feed);
      Eventually.await("the feed's removal waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The poll reads the feed (not yet removed for it) and stores its releases, which wait for the feed.
      Future<HttpResponse<Buffer>> poll = pollNowAsync(feed);
      Eventually.await("the poll's insert waits for the feed", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      assertUnknownFeed(poll, feed);
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items")).as("releases stored").isZero();
  }

  @Test
  void a_poll_of_a_feed_whose_removal_is_keeping_its_releases_stores_nothing_and_answers_that_the_feed_is_gone() {
    GeneratedFeed document = served.generated().release(FIRST).release(SECOND);
    long feed = served.add("/feed", document);
    assertThat(poll(feed).getInteger("newItems")).isEqualTo(2);
    feeds.serve("/feed", document.release(raw(1)).bytes(), FakeFeedServer.RSS);
    long later = Math.max(itemOf(FIRST), itemOf(SECOND));
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.feed_id IS NULL AND NEW.id = " + later);

      // The removal has kept the first release (without its feed) and stops at the second.
      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + feed);
      Eventually.await("the feed's removal stopped at its second release",
          () -> writes.waitingForLocks("advisory") == 1);
      // The poll lists the first release again, and a new one.
      Future<HttpResponse<Buffer>> poll = pollNowAsync(feed);
      Eventually.await("the poll waits for the removal", () -> writes.waitingForLocks("%") == 2);
      writes.letGo();

      assertAnswer(removal, 204);
      assertUnknownFeed(poll, feed);
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id IS NULL"))
        .as("the feed's releases, kept without it").isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items")).as("releases stored").isEqualTo(2);
  }

  @Test
  void a_poll_of_a_feed_being_removed_takes_no_other_feeds_copy_over_and_answers_that_the_feed_is_gone() {
    String hash = GeneratedFeed.hashOf("one torrent");
    long mikan = served.add("/mikan", served.generated().release(MIKAN_FIRST, hash, 10));
    assertThat(poll(mikan).getInteger("newItems")).isEqualTo(1);
    // nyaa names the same torrent under a title that places it: its poll would take Mikan's copy over.
    long nyaa = served.add("/nyaa", served.generated().release(FIRST, hash, 10));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("DELETE", "feeds", "OLD.id = " + nyaa);

      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + nyaa);
      Eventually.await("nyaa's removal waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // Asked for on the bus, as the HTTP route asks for it.
      Future<JsonObject> poll = busPollAsync(new JsonObject().put("feedId", nyaa));
      Eventually.await("nyaa's poll waits for nyaa", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      Throwable failure = TestService.await(poll.map(answer -> (Throwable) null).otherwise(e -> e));
      assertThat(failure).as("the poll's answer").isInstanceOf(ReplyException.class)
          .hasMessage("no feed with id " + nyaa);
      assertThat(((ReplyException) failure).failureCode()).isEqualTo(BusErrors.NOT_FOUND);
    }
    assertThat(Sql.rows(db, "SELECT feed_id, title FROM feed_items"))
        .as("the torrent, still Mikan's copy").containsExactly(Map.of("feed_id", mikan, "title", MIKAN_FIRST));
  }

  @Test
  void a_poll_of_every_feed_while_one_is_removed_answers_for_the_others() {
    long kept = served.add("/kept", served.generated().release(FIRST));
    long removed = served.add("/removed", served.generated().release(SECOND));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("DELETE", "feeds", "OLD.id = " + removed);

      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + removed);
      Eventually.await("the feed's removal waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The poll of every feed reads both (the removal has not committed); the removed one's insert waits for it.
      Future<JsonObject> poll = busPollAsync(new JsonObject());
      Eventually.await("the removed feed's poll waits for it", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      JsonObject polled = TestService.await(poll);
      assertThat(polled.getInteger("newItems")).as("releases stored").isEqualTo(1);
      assertThat(polled.getJsonArray("feeds").stream().map(f -> ((JsonObject) f).getLong("feedId")))
          .as("the feeds polled").containsExactly(kept);
    }
  }

  @Test
  void a_rule_pointed_at_a_feed_while_the_feed_is_removed_gets_an_answer_and_so_does_the_removal() {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)));
    assertThat(poll(feed).getInteger("matchedItems")).as("placed by the rule, which reads every feed").isEqualTo(1);
    Future<HttpResponse<Buffer>> removal;
    Future<HttpResponse<Buffer>> change;
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.feed_id IS NULL AND OLD.feed_id IS NOT NULL");

      // The removal holds the feed and its release (the rule's too), and stops at the release.
      removal = removeAsync("/api/feeds/" + feed);
      Eventually.await("the feed's removal stopped at its release", () -> writes.waitingForLocks("advisory") == 1);
      // The change, to read only that feed, waits for the feed as its foreign key is checked. (When the
      // removal locked the feed last, the change held it, waited for the release, and deadlocked.)
      change = service.sendAsync(HttpMethod.PATCH, "/api/rules/" + rule, new JsonObject().put("feedId", feed),
          Map.of());
      Eventually.await("the rule's change waits for the removal", () -> writes.waitingForLocks("%") == 2);
      writes.letGo();
    }

    HttpResponse<Buffer> removed = TestService.await(removal);
    HttpResponse<Buffer> changed = TestService.await(change);
    // Whichever comes first wins: the feed goes and the rule cannot name it, or the rule names it and
    // the feed stays.
    if (removed.statusCode() == 204) {
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(400);
      assertThat(changed.bodyAsJsonObject().getString("error")).isEqualTo("feedId " + feed + " names no feed");
    } else {
      assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(409);
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    }
  }

  @Test
  void a_rule_added_for_a_feed_while_the_feed_is_removed_keeps_the_feed() {
    long feed = served.add("/feed", served.generated().release(raw(1)));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("INSERT", "download_rules", "true");

      // The rule is written (holding the feed, as its foreign key is checked) and waits to commit.
      Future<HttpResponse<Buffer>> addition = service.sendAsync(HttpMethod.POST, "/api/series/" + frieren + "/rules",
          rawsRule().put("feedId", feed), Map.of());
      Eventually.await("the rule waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The removal finds no rule of the feed (it cannot see the new one yet), then waits for the feed.
      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + feed);
      Eventually.await("the removal waits for the feed", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(addition, 201);
      HttpResponse<Buffer> removed = TestService.await(removal);
      assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(409);
      assertThat(removed.bodyAsJsonObject().getString("error")).startsWith("feed " + feed + " is used by rule(s) ");
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feeds")).as("feeds left").isEqualTo(1);
  }

  @Test
  void a_rule_pointed_at_a_feed_being_removed_is_refused_and_the_feed_removed() {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)));
    try (HeldCommits commits = new HeldCommits(db)) {
      commits.hold("DELETE", "feeds", "OLD.id = " + feed);

      Future<HttpResponse<Buffer>> removal = removeAsync("/api/feeds/" + feed);
      Eventually.await("the feed's removal waits to commit", () -> commits.waitingForLocks("advisory") == 1);
      // The change finds the feed (not yet removed for it), then waits for it.
      Future<HttpResponse<Buffer>> change = service.sendAsync(HttpMethod.PATCH, "/api/rules/" + rule,
          new JsonObject().put("feedId", feed), Map.of());
      Eventually.await("the rule's change waits for the feed", () -> commits.waitingForLocks("%") == 2);
      commits.letGo();

      assertAnswer(removal, 204);
      HttpResponse<Buffer> changed = TestService.await(change);
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(400);
      assertThat(changed.bodyAsJsonObject().getString("error")).isEqualTo("feedId " + feed + " names no feed");
    }
    assertThat(Sql.value(db, "SELECT feed_id FROM download_rules WHERE id = " + rule)).as("the rule's feed").isNull();
  }

  @Test
  void a_rule_and_a_feed_removed_at_once_are_both_removed() {
    long rule = addRawsRule();
    long feed = served.add("/feed", served.generated().release(raw(1)).release(raw(2)));
    assertThat(poll(feed).getInteger("matchedItems")).as("placed by the rule, which reads every feed").isEqualTo(2);
    long downloaded = Math.min(itemOf(raw(1)), itemOf(raw(2)));
    Sql.update(db, """
        INSERT INTO downloads (series_id, feed_item_id, title, source, tag, trigger)
        VALUES (%d, %d, 'test', 'magnet:?xt=urn:btih:test', 'test-1', 'manual')""".formatted(frieren, downloaded));
    Future<HttpResponse<Buffer>> ruleRemoval;
    Future<HttpResponse<Buffer>> feedRemoval;
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.match_reason = 'its rule changed'");

      // The rule's removal unplaces the release no download uses, and stops at it, holding it.
      ruleRemoval = removeAsync("/api/rules/" + rule);
      Eventually.await("the rule's removal stopped at its release", () -> writes.waitingForLocks("advisory") == 1);
      // The feed's removal holds the downloaded release (the lower id) and waits for the other one.
      feedRemoval = removeAsync("/api/feeds/" + feed);
      Eventually.await("the feed's removal waits for the release", () -> writes.waitingForLocks("%") == 2);
      // The rule's removal goes on to the downloaded release, which it lets go of too.
      writes.letGo();
    }

    assertAnswer(ruleRemoval, 204);
    assertAnswer(feedRemoval, 204);
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id IS NULL AND rule_id IS NULL"))
        .as("both releases kept, without their feed and rule").isEqualTo(2);
  }
}
