package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.Intervals;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FeedItemWriteControl;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.HeldRows;
import io.autoanime.support.ServedFeeds;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes of stored releases that meet a re-placement writing the same releases at once (a poll's
 * placement and take-over, a rule's change, a feed's removal), and a poll's placement that fails.
 */
class PlacementWritesTest extends ServiceTest {
  private static final String FIRST = "[SubsPlease] Sousou no Frieren - 01 (1080p) [AAAA0001].mkv";
  private static final String MIDDLE = "[SubsPlease] Sousou no Frieren - 02 (1080p) [AAAA0002].mkv";
  private static final String LAST = "[SubsPlease] Sousou no Frieren - 03 (1080p) [AAAA0003].mkv";

  private FakeFeedServer feeds;
  private ServedFeeds served;

  @BeforeEach
  void startFeedServerAndSync() {
    feeds = new FakeFeedServer(sonarrVertx).start();
    served = new ServedFeeds(feeds, service);
    service.fullSync();
  }

  @AfterEach
  void stopFeedServer() {
    feeds.stop();
  }

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put(AppConfig.FEED_CHECK_SECONDS, 3600);
  }

  /** The service's own prune never runs during a test: a test runs the prune where it wants it. */
  @Override
  protected Intervals intervals() {
    return Intervals.DEFAULT.withFirstPruneDelayMs(TimeUnit.HOURS.toMillis(1));
  }

  /**
   * Releases stored earlier, placed (so no re-placement reads them): a table of a real size, where
   * PostgreSQL writes a few rows in the order the statement names them, not in the table's order.
   */
  private void releasesStoredEarlier(int count) {
    Sql.update(db, """
        INSERT INTO feed_items (guid, title, parsed, torrent_url, series_id, episode_ids, match_reason, matched_at)
        SELECT 'earlier-' || n, 'Earlier release ' || n, '{}', 'https://feed.invalid/' || n,
               e.series_id, ARRAY[e.id], 'placed earlier', now()
          FROM generate_series(1, %d) AS n, (SELECT id, series_id FROM series_episodes ORDER BY id LIMIT 1) AS e"""
        .formatted(count));
    Sql.update(db, "ANALYZE feed_items");
  }

  private Future<JsonObject> pollAsync(long feedId) {
    return service.sendAsync(HttpMethod.POST, "/api/feeds/" + feedId + "/poll", null, Map.of())
        .map(HttpResponse::bodyAsJsonObject);
  }

  /** A re-placement of the releases placed on no episode, as after a change of the library. */
  private Future<JsonObject> rematchAsync() {
    return service.vertx().eventBus().<JsonObject>request(Addresses.RELEASES_REMATCH, new JsonObject(),
        new DeliveryOptions().setSendTimeout(60_000)).map(reply -> reply.body());
  }

  /** Why the future failed, or null once it succeeded. */
  private static Throwable failureOf(Future<?> future) {
    return TestService.await(future.map(done -> (Throwable) null).otherwise(e -> e));
  }

  /** Placements on episodes fail while {@code work} runs (the database refuses them). */
  private void withPlacementsRefused(Runnable work) {
    withWritesRefused("NEW.episode_ids IS DISTINCT FROM OLD.episode_ids", work);
  }

  /** Writes of rows for which {@code condition} holds fail while {@code work} runs. */
  private void withWritesRefused(String condition, Runnable work) {
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.refuseWrites(condition);
      work.run();
      writes.allowWrites();
    }
  }

  private JsonObject poll(long feedId) {
    return TestService.await(pollAsync(feedId));
  }

  private long placedOf(long feedId) {
    return Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id = %d AND episode_ids <> '{}'"
        .formatted(feedId));
  }

  @Test
  void a_poll_and_a_re_placement_writing_the_same_releases_at_once_both_succeed() {
    releasesStoredEarlier(5000);
    long feed = served.add("/feed", served.generated().release(FIRST).release(MIDDLE).release(LAST));
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.title = '" + MIDDLE + "'");

      // The poll stores the three releases, then its placement write holds the first and stops at the middle one.
      Future<JsonObject> poll = pollAsync(feed);
      Eventually.await("the poll's placement stopped at the middle release",
          () -> writes.waitingForLocks("advisory") == 1);
      // A re-placement reads the three as unplaced (the poll has not committed) and writes them too.
      Future<JsonObject> rematch = rematchAsync();
      Eventually.await("the re-placement waits for a release the poll holds", () -> writes.waitingForLocks("%") == 2);
      writes.letGo();

      assertThat(TestService.await(poll).getString("error")).as("the poll's answer").isNull();
      assertThat(failureOf(rematch)).as("the re-placement's answer").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE episode_ids = '{}'"))
        .as("releases placed on no episode").isZero();
  }

  @Test
  void releases_stored_by_a_poll_whose_placement_failed_are_placed_at_the_next_poll() {
    long feed = served.add("/feed", served.generated().release(FIRST).release(MIDDLE).release(LAST));
    withPlacementsRefused(() -> {
      JsonObject failed = poll(feed);
      assertThat(failed.getString("error")).contains("the test refuses this write");
    });
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items")).as("releases stored").isEqualTo(3);
    assertThat(placedOf(feed)).isZero();

    JsonObject next = poll(feed);

    assertThat(next.getString("error")).isNull();
    assertThat(next.getInteger("newItems")).isZero();
    assertThat(next.getInteger("matchedItems")).isEqualTo(3);
    assertThat(placedOf(feed)).isEqualTo(3);
    assertThat(poll(feed).getInteger("matchedItems")).as("a poll after places nothing again").isZero();
  }

  @Test
  void a_copy_taken_over_by_a_poll_whose_placement_failed_is_placed_at_the_next_poll() {
    String hash = GeneratedFeed.hashOf("one torrent");
    long mikan = served.add("/mikan", served.generated()
        .release("[ANi] 葬送的芙莉蓮 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]", hash, 10));
    assertThat(poll(mikan).getInteger("newItems")).isEqualTo(1);
    long nyaa = served.add("/nyaa", served.generated().release(FIRST, hash, 10));
    withPlacementsRefused(() -> assertThat(poll(nyaa).getString("error")).contains("the test refuses this write"));

    JsonObject next = poll(nyaa);

    assertThat(next.getString("error")).isNull();
    assertThat(next.getInteger("matchedItems")).isEqualTo(1);
    assertThat(placedOf(nyaa)).as("the copy, now nyaa's, placed").isEqualTo(1);
  }

  @Test
  void a_poll_taking_over_copies_while_a_re_placement_writes_them_both_succeed() {
    releasesStoredEarlier(5000);
    // Mikan lists eight torrents under titles that place them nowhere. Its first poll stores and places
    // (nowhere) the first; the placement write of its next poll, which stores the other seven, fails, so
    // they wait (matched_at null) for a re-placement to write them. Both writes below want the seven.
    GeneratedFeed mikanFeed = served.generated();
    long mikan = served.add("/mikan", mikanFeed.release(mikanTitle(1), GeneratedFeed.hashOf("torrent 1"), 10));
    assertThat(poll(mikan).getString("error")).isNull();
    for (int n = 2; n <= 8; n++) {
      mikanFeed.release(mikanTitle(n), GeneratedFeed.hashOf("torrent " + n), 10);
    }
    feeds.serve("/mikan", mikanFeed.bytes(), FakeFeedServer.RSS);
    withWritesRefused("true", () -> assertThat(poll(mikan).getString("error")).contains("the test refuses"));
    // nyaa lists the same torrents, newest first, under titles that place them.
    GeneratedFeed nyaaFeed = served.generated();
    for (int n = 8; n >= 1; n--) {
      nyaaFeed.release("[Group" + n + "] Sousou no Frieren - 0" + (1 + n % 4) + " (1080p).mkv",
          GeneratedFeed.hashOf("torrent " + n), 10);
    }
    long nyaa = served.add("/nyaa", nyaaFeed);
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.feed_id IS DISTINCT FROM OLD.feed_id AND OLD.matched_at IS NULL");

      // nyaa's poll takes the copies over: its write stops at the first of the seven it writes, holding
      // it and those it wrote before (the old write took them in its plan's order, a hash table's).
      Future<JsonObject> poll = pollAsync(nyaa);
      Eventually.await("the take-over stopped", () -> writes.waitingForLocks("advisory") == 1);
      // A re-placement reads the seven as Mikan's (the take-over has not committed) and writes them too,
      // from the lowest id up, until it meets the one the poll holds.
      Future<JsonObject> rematch = rematchAsync();
      Eventually.await("the re-placement waits for a copy the poll holds", () -> writes.waitingForLocks("%") == 2);
      writes.letGo();

      assertThat(TestService.await(poll).getString("error")).as("the poll's answer").isNull();
      assertThat(failureOf(rematch)).as("the re-placement's answer").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id = " + nyaa))
        .as("copies taken over by nyaa").isEqualTo(8);
  }

  @Test
  void a_copy_taken_over_under_another_title_while_a_re_placement_places_it_keeps_the_take_overs_placement() {
    long copy = mikansCopiesWaitingForARePlacement(mikanTitle(2));
    // nyaa names the second torrent under a title that places it.
    long nyaa = served.add("/nyaa", served.generated().release(FIRST, GeneratedFeed.hashOf("torrent 2"), 10));

    takenOverDuringARePlacement(nyaa);

    assertThat(Sql.rows(db, "SELECT feed_id, title, episode_ids <> '{}' AS placed FROM feed_items WHERE id = " + copy))
        .as("the copy, nyaa's, placed by its title").containsExactly(Map.of("feed_id", nyaa, "title", FIRST,
            "placed", true));
  }

  @Test
  void a_copy_taken_over_under_the_same_title_while_a_re_placement_places_it_keeps_the_take_overs_placement() {
    // nyaa names the second torrent under Mikan's title, which only a rule that reads nyaa alone places.
    long nyaa = served.add("/nyaa", served.generated().release(raw(1), GeneratedFeed.hashOf("torrent 2"), 10));
    long frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN);
    HttpResponse<Buffer> rule = service.post("/api/series/" + frieren + "/rules",
        new JsonObject().put("seasonNumber", 1).put("pattern", "Frieren Raws - :ep:").put("feedId", nyaa));
    assertThat(rule.statusCode()).as(rule.bodyAsString()).isEqualTo(201);
    long copy = mikansCopiesWaitingForARePlacement(raw(1));

    takenOverDuringARePlacement(nyaa);

    assertThat(Sql.rows(db, "SELECT feed_id, episode_ids <> '{}' AS placed FROM feed_items WHERE id = " + copy))
        .as("the copy, nyaa's, placed by nyaa's rule").containsExactly(Map.of("feed_id", nyaa, "placed", true));
  }

  /**
   * Mikan, which lists two torrents under titles that place them nowhere: its poll's placement fails,
   * so they wait (matched_at null) for a re-placement to write them. Answers the second one's row.
   */
  private long mikansCopiesWaitingForARePlacement(String secondTitle) {
    long mikan = served.add("/mikan", served.generated()
        .release(mikanTitle(1), GeneratedFeed.hashOf("torrent 1"), 10)
        .release(secondTitle, GeneratedFeed.hashOf("torrent 2"), 10));
    withWritesRefused("true", () -> assertThat(poll(mikan).getString("error")).contains("the test refuses"));
    return itemOfTorrent("torrent 2");
  }

  private long itemOfTorrent(String torrent) {
    return (Long) Sql.value(db, "SELECT id FROM feed_items WHERE info_hash = '" + GeneratedFeed.hashOf(torrent) + "'");
  }

  /**
   * nyaa's poll takes Mikan's second copy over (and places it) while a re-placement that read the two
   * copies as Mikan's waits to write them.
   */
  private void takenOverDuringARePlacement(long nyaa) {
    long first = itemOfTorrent("torrent 1");
    assertThat(first).as("the first copy's row, before the second's").isLessThan(itemOfTorrent("torrent 2"));
    try (HeldRows rows = new HeldRows(db)) {
      rows.lock("feed_items", first);

      // A re-placement reads both under Mikan's titles and feed (placed nowhere), and writes them from
      // the lowest id up: it waits at the first.
      Future<JsonObject> rematch = rematchAsync();
      Eventually.await("the re-placement waits for the first copy", () -> rows.waitingForLocks("%") == 1);
      // Meanwhile nyaa's poll takes the second over, and places it.
      assertThat(poll(nyaa).getInteger("matchedItems")).as("the copy taken over and placed").isEqualTo(1);
      rows.letGo();

      assertThat(failureOf(rematch)).as("the re-placement's answer").isNull();
    }
  }

  @Test
  void a_prune_while_a_poll_takes_over_old_copies_both_succeed() {
    releasesStoredEarlier(5000);
    // Mikan stored eight torrents over 90 days ago, under titles that placed them nowhere: due to be
    // pruned. nyaa lists all but the first under titles that place them: its poll takes those over.
    GeneratedFeed mikanFeed = served.generated();
    GeneratedFeed nyaaFeed = served.generated();
    for (int n = 1; n <= 8; n++) {
      mikanFeed.release(mikanTitle(n), GeneratedFeed.hashOf("torrent " + n), 10);
      if (n > 1) {
        nyaaFeed.release("[Group" + n + "] Sousou no Frieren - 0" + (1 + n % 4) + " (1080p).mkv",
            GeneratedFeed.hashOf("torrent " + n), 10);
      }
    }
    long mikan = served.add("/mikan", mikanFeed);
    assertThat(poll(mikan).getInteger("newItems")).isEqualTo(8);
    Sql.update(db, "UPDATE feed_items SET created_at = now() - interval '100 days' WHERE feed_id = " + mikan);
    Sql.update(db, "ANALYZE feed_items");
    long nyaa = served.add("/nyaa", nyaaFeed);
    long third = itemOfTorrent("torrent 3");
    Pool pool = db.createPool(service.vertx(), 1);
    try (HeldRows rows = new HeldRows(db)) {
      rows.lock("feed_items", third);

      // nyaa's take-over locks its copies from the lowest id up: it holds the second and waits at the third.
      Future<JsonObject> poll = pollAsync(nyaa);
      Eventually.await("the take-over waits at the third copy", () -> rows.waitingForLocks("%") == 1);
      // The prune locks the copies too: in id order, it takes the first and waits for the second.
      Future<Integer> prune = new FeedItemStore(pool).pruneUnplaced();
      Eventually.await("the prune waits for a copy", () -> rows.waitingForLocks("%") == 2);
      // The old statement took them in its plan's order (here a hash table's): it held copies after the
      // third when it came to wait, and the take-over, let go, waited for them: a deadlock.
      assertThat(Sql.count(db, """
          SELECT count(*)
            FROM (SELECT id FROM feed_items WHERE feed_id = %d AND id > %d FOR UPDATE SKIP LOCKED) AS free"""
          .formatted(mikan, third))).as("copies after the third that no one holds").isEqualTo(5);
      rows.letGo();

      assertThat(TestService.await(poll).getString("error")).as("the poll's error").isNull();
      assertThat(failureOf(prune)).as("the prune's failure").isNull();
    } finally {
      TestService.await(pool.close());
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE info_hash = '%s'"
        .formatted(GeneratedFeed.hashOf("torrent 1")))).as("Mikan's copy no feed took over, pruned").isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE title LIKE 'Earlier release %'"))
        .as("the placed releases, kept").isEqualTo(5000);
  }

  private static String mikanTitle(int episode) {
    return "[ANi] 葬送的芙莉蓮 - 0" + episode + " [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]";
  }

  @Test
  void a_rule_changed_while_a_re_placement_writes_its_releases_both_succeed() {
    releasesStoredEarlier(5000);
    long frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN);
    long rule = service.post("/api/series/" + frieren + "/rules",
        new JsonObject().put("seasonNumber", 1).put("pattern", "Frieren Raws - :ep:")).bodyAsJsonObject().getLong("id");
    long feed = served.add("/feed", served.generated().release(raw(1)).release(raw(2)).release(raw(3)).release(raw(4)));
    assertThat(poll(feed).getInteger("matchedItems")).as("placed by the rule").isEqualTo(4);
    // As if the rule had placed the last three before their episodes were in the library: a
    // re-placement now writes them. Both writes below want these three.
    Sql.update(db, """
        UPDATE feed_items
           SET episode_ids = '{}', match_reason = match_reason || '; no such episode in the library (yet)'
         WHERE title <> '%s' AND rule_id = %d""".formatted(raw(1), rule));
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.match_reason = 'its rule changed' AND OLD.episode_ids = '{}'");

      // The user changes the rule: its transaction unplaces the releases the rule placed, and stops at
      // the first of the three it writes, holding it and those it wrote before (the old statement took
      // them in its plan's order, a hash table's).
      Future<HttpResponse<Buffer>> change = service.sendAsync(HttpMethod.PATCH, "/api/rules/" + rule,
          new JsonObject().put("seasonNumber", 2), Map.of());
      Eventually.await("the rule's change stopped", () -> writes.waitingForLocks("advisory") == 1);
      // A re-placement (after a sync added the episodes) writes the three too, from the lowest id up,
      // until it meets the one the change holds.
      Future<JsonObject> rematch = rematchAsync();
      Eventually.await("the re-placement waits for a release the change holds", () -> writes.waitingForLocks("%") == 2);
      writes.letGo();

      HttpResponse<Buffer> changed = TestService.await(change);
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
      assertThat(failureOf(rematch)).as("the re-placement's answer").isNull();
    }
    assertThat(Sql.value(db, """
        SELECT string_agg(e.season_number || 'x' || e.episode_number, ',' ORDER BY e.episode_number)
          FROM feed_items i JOIN series_episodes e ON e.id = ANY (i.episode_ids)
         WHERE i.feed_id = %d AND i.rule_id = %d""".formatted(feed, rule)))
        .as("the releases placed by the changed rule, on season 2").isEqualTo("2x1,2x2,2x3,2x4");
  }

  @Test
  void a_rule_removed_while_a_re_placement_writes_its_releases_both_succeed() {
    long frieren = (Long) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN);
    long rule = service.post("/api/series/" + frieren + "/rules",
        new JsonObject().put("seasonNumber", 1).put("pattern", "Frieren Raws - :ep:")).bodyAsJsonObject().getLong("id");
    long feed = served.add("/feed", served.generated().release(raw(1)).release(raw(2)).release(raw(3)).release(raw(4)));
    assertThat(poll(feed).getInteger("matchedItems")).as("placed by the rule").isEqualTo(4);
    // As if the rule had placed the last three before their episodes were in the library: a
    // re-placement now writes them, by the rule.
    Sql.update(db, """
        UPDATE feed_items
           SET episode_ids = '{}', match_reason = match_reason || '; no such episode in the library (yet)'
         WHERE title <> '%s' AND rule_id = %d""".formatted(raw(1), rule));
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.match_reason = 'its rule changed' AND OLD.episode_ids = '{}'");

      // The user removes the rule: its transaction unplaces the releases the rule placed, and stops at
      // the first of the three, holding it and those before.
      Future<HttpResponse<Buffer>> removal = service.sendAsync(HttpMethod.DELETE, "/api/rules/" + rule, null,
          Map.of());
      Eventually.await("the rule's removal stopped", () -> writes.waitingForLocks("advisory") == 1);
      // A re-placement places the three by the rule: it waits for the removal. (When the removal locked
      // the rule after its releases, the re-placement held the rule, waited for a release, and deadlocked.)
      Future<JsonObject> rematch = rematchAsync();
      Eventually.await("the re-placement waits for the removal", () -> writes.waitingForLocks("%") == 2);
      writes.letGo();

      HttpResponse<Buffer> removed = TestService.await(removal);
      assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(204);
      assertThat(failureOf(rematch)).as("the re-placement's answer").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id = %d AND rule_id IS NULL".formatted(feed)))
        .as("the releases, without the removed rule").isEqualTo(4);
  }

  private static String raw(int episode) {
    return "[Raws] Frieren Raws - 0" + episode + " [1080p].mkv";
  }

  @Test
  void a_feed_removed_while_a_re_placement_writes_its_releases_both_succeed() {
    releasesStoredEarlier(5000);
    long feed = served.add("/feed", served.generated().release(FIRST).release(MIDDLE).release(LAST));
    // Stored but never placed (the poll's placement failed): a re-placement writes them.
    withWritesRefused("true", () -> assertThat(poll(feed).getString("error")).contains("the test refuses"));
    try (FeedItemWriteControl writes = new FeedItemWriteControl(db)) {
      writes.pauseWrites("NEW.feed_id IS NULL AND OLD.feed_id IS NOT NULL AND NEW.title = '" + MIDDLE + "'");

      // The user removes the feed: its transaction keeps the feed's releases (without their feed), and
      // stops at the middle one, holding it and those it wrote before.
      Future<HttpResponse<Buffer>> removal = service.sendAsync(HttpMethod.DELETE, "/api/feeds/" + feed, null, Map.of());
      Eventually.await("the feed's removal stopped at the middle release",
          () -> writes.waitingForLocks("advisory") == 1);
      // A re-placement writes them too, from the lowest id up, until it meets the one the removal holds.
      Future<JsonObject> rematch = rematchAsync();
      Eventually.await("the re-placement waits for a release the removal holds",
          () -> writes.waitingForLocks("%") == 2);
      writes.letGo();

      HttpResponse<Buffer> removed = TestService.await(removal);
      assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(204);
      assertThat(failureOf(rematch)).as("the re-placement's answer").isNull();
    }
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id IS NULL AND title LIKE '[SubsPlease]%'"))
        .as("the feed's releases kept").isEqualTo(3);
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE feed_id IS NULL AND title LIKE '[SubsPlease]%'"
        + " AND episode_ids <> '{}'")).as("the feed's releases, placed by the re-placement").isEqualTo(3);
  }
}
