package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.Fixtures;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Releases placed on the episodes they belong to: automatically, after the library changes, and by the user's rules. */
class ReleaseMatchingTest extends ServiceTest {
  private FakeFeedServer feeds;

  @BeforeEach
  void startFeedServerAndSync() {
    feeds = new FakeFeedServer(sonarrVertx).start();
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

  private long feedOf(GeneratedFeed feed) {
    feeds.serve("/feed", feed.bytes(), FakeFeedServer.RSS);
    long id = service.post("/api/feeds", new JsonObject().put("name", "generated").put("url", feeds.url("/feed")))
        .bodyAsJsonObject().getLong("id");
    var polled = service.post("/api/feeds/" + id + "/poll", null).bodyAsJsonObject();
    assertThat(polled.getString("error")).isNull();
    return id;
  }

  private JsonObject item(long feedId, String title) {
    return service.get("/api/feeds/" + feedId + "/items").bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("title").equals(title)).findFirst().orElseThrow();
  }

  private long seriesRow(long sonarrId) {
    return service.get("/api/series").bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(s -> s.getLong("sonarrId") == sonarrId).findFirst().orElseThrow().getLong("id");
  }

  private long episodeRow(long sonarrSeriesId, int season, int number) {
    return service.get("/api/series/" + seriesRow(sonarrSeriesId) + "/episodes").bodyAsJsonArray().stream()
        .map(JsonObject.class::cast)
        .filter(e -> e.getInteger("seasonNumber") == season && e.getInteger("episodeNumber") == number)
        .findFirst().orElseThrow().getLong("id");
  }

  private static List<Long> episodeIds(JsonObject item) {
    JsonObject match = item.getJsonObject("match");
    return match == null ? List.of() : longs(match.getJsonArray("episodeIds"));
  }

  private static List<Long> longs(JsonArray numbers) {
    return numbers.stream().map(n -> ((Number) n).longValue()).toList();
  }

  private static Long ruleId(JsonObject item) {
    return item.getJsonObject("match") == null ? null : item.getJsonObject("match").getLong("ruleId");
  }

  /** A download that uses the release (as the downloader records one), so the release may no longer move. */
  private void downloadUses(JsonObject item) {
    Sql.update(db, """
        INSERT INTO downloads (series_id, feed_item_id, title, source, tag, trigger)
        VALUES (%d, %d, 'test', 'magnet:?xt=urn:btih:%s', 'test-%d', 'manual')"""
        .formatted(item.getJsonObject("match").getLong("seriesId"), item.getLong("id"), item.getString("infoHash"),
            item.getLong("id")));
  }

  /** An anime series of two seasons of four episodes (absolute 1-8), titled {@code title}, without alternate titles. */
  private void twoSeasonAnime(long sonarrId, long firstEpisodeId, String title) {
    sonarr.put(Fixtures.seriesLike(Fixtures.lastBossQueen(), sonarrId, 400_000 + sonarrId, title, 2)
        .put("alternateTitles", new JsonArray()), Fixtures.episodesFor(sonarrId, firstEpisodeId, 2, 4));
    service.fullSync();
  }

  @Test
  void releases_are_placed_on_the_episodes_they_name() {
    long feed = feedOf(new GeneratedFeed(feeds.url(""))
        .release("[SubsPlease] Sousou no Frieren - 03 (1080p) [ABCDEF12].mkv")
        .release("[SubsPlease] Sousou no Frieren S2 - 02 (1080p) [ABCDEF13].mkv")
        .release("[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]")
        .release("[Judas] LasTame - 01-03 (Batch) [1080p]")
        .release("[Group] Some Unknown Show - 01 [1080p]"));

    assertThat(episodeIds(item(feed, "[SubsPlease] Sousou no Frieren - 03 (1080p) [ABCDEF12].mkv")))
        .containsExactly(episodeRow(TestLibrary.FRIEREN, 1, 3));
    assertThat(episodeIds(item(feed, "[SubsPlease] Sousou no Frieren S2 - 02 (1080p) [ABCDEF13].mkv")))
        .containsExactly(episodeRow(TestLibrary.FRIEREN, 2, 2));
    JsonObject anime = item(feed, "[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]");
    assertThat(episodeIds(anime)).containsExactly(episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5));
    assertThat(anime.getJsonObject("match").getLong("seriesId")).isEqualTo(seriesRow(TestLibrary.LAST_BOSS_QUEEN));
    assertThat(anime.getJsonObject("match").getString("reason")).contains("LasTame");
    assertThat(episodeIds(item(feed, "[Judas] LasTame - 01-03 (Batch) [1080p]"))).containsExactly(
        episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 1), episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 2),
        episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 3));
    JsonObject unknown = item(feed, "[Group] Some Unknown Show - 01 [1080p]");
    assertThat(unknown.getValue("match")).isNull();
    assertThat(unknown.getString("unplacedReason")).contains("no series in the library");
  }

  @Test
  void an_anime_season_number_reads_within_the_season_else_as_the_absolute_number_of_that_season() {
    sonarr.put(Fixtures.seriesLike(Fixtures.lastBossQueen(), 778, 434343, "Komi Test", 2).put("alternateTitles",
        new JsonArray()), Fixtures.episodesFor(778, 7_100_001, 2, 4));
    service.fullSync();
    long feed = feedOf(new GeneratedFeed(feeds.url(""))
        .release("[Group] Komi Test S2 - 02 [1080p]")
        .release("[Group] Komi Test S2 - 08 [1080p]")
        .release("[Group] Komi Test - 03 [1080p]"));

    assertThat(episodeIds(item(feed, "[Group] Komi Test S2 - 02 [1080p]"))).containsExactly(episodeRow(778, 2, 2));
    assertThat(episodeIds(item(feed, "[Group] Komi Test S2 - 08 [1080p]")))
        .as("no episode 8 in season 2: the season's episode numbered 8 from the start").containsExactly(episodeRow(778, 2, 4));
    assertThat(episodeIds(item(feed, "[Group] Komi Test - 03 [1080p]"))).containsExactly(episodeRow(778, 1, 3));
  }

  @Test
  void an_episodes_releases_are_ranked_best_first_with_the_reasons() {
    feedOf(new GeneratedFeed(feeds.url(""))
        .release("[Erai-raws] LasTame - 05 [720p]", GeneratedFeed.hashOf("a"), 500)
        .release("[Erai-raws] LasTame - 05 [1080p]", GeneratedFeed.hashOf("b"), 3)
        .release("[Judas] LasTame - 01-06 (Batch) [1080p]", GeneratedFeed.hashOf("c"), 3));

    JsonArray releases = service.get("/api/episodes/" + episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5) + "/releases")
        .bodyAsJsonArray();

    assertThat(releases.stream().map(r -> ((JsonObject) r).getString("title")).toList()).containsExactly(
        "[Erai-raws] LasTame - 05 [1080p]", "[Judas] LasTame - 01-06 (Batch) [1080p]", "[Erai-raws] LasTame - 05 [720p]");
    JsonObject best = releases.getJsonObject(0);
    assertThat(best.getInteger("rank")).isEqualTo(1);
    assertThat(best.getBoolean("accepted")).isTrue();
    assertThat(best.getJsonArray("why").getList()).contains("resolution 1080p (preferred)");
    assertThat(service.get("/api/episodes/999999/releases").statusCode()).isEqualTo(404);
  }

  @Test
  void without_qbittorrent_releases_are_matched_and_nothing_is_downloaded() {
    feedOf(new GeneratedFeed(feeds.url("")).release("[Erai-raws] LasTame - 05 [1080p]"));
    long episode = episodeRow(TestLibrary.LAST_BOSS_QUEEN, 1, 5);
    assertThat(service.get("/api/episodes/" + episode + "/releases").bodyAsJsonArray()).hasSize(1);

    var refused = service.post("/api/episodes/" + episode + "/download", new JsonObject());

    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("QBITTORRENT_URL");
    assertThat(service.get("/api/downloads").bodyAsJsonArray()).isEmpty();
    assertThat(service.get("/api/qbittorrent/status").bodyAsJsonObject().getString("status")).isEqualTo("UNCONFIGURED");
    assertThat(service.get("/api/health").bodyAsJsonObject().getString("qbittorrent")).isEqualTo("UNCONFIGURED");
  }

  @Test
  void a_release_seen_before_its_series_was_added_is_placed_after_the_sync() {
    long feed = feedOf(new GeneratedFeed(feeds.url("")).release("[SubsPlease] Dandadan - 02 (1080p) [AAAA0000].mkv"));
    assertThat(item(feed, "[SubsPlease] Dandadan - 02 (1080p) [AAAA0000].mkv").getValue("match")).isNull();

    sonarr.put(Fixtures.seriesLike(Fixtures.lastBossQueen(), 777, 424242, "Dandadan", 1).put("alternateTitles", new JsonArray()),
        Fixtures.episodesFor(777, 7_000_001, 1, 4));
    service.fullSync();

    Eventually.await("the stored release placed on Dandadan episode 2", () -> !episodeIds(item(feed,
        "[SubsPlease] Dandadan - 02 (1080p) [AAAA0000].mkv")).isEmpty());
    assertThat(episodeIds(item(feed, "[SubsPlease] Dandadan - 02 (1080p) [AAAA0000].mkv")))
        .containsExactly(episodeRow(777, 1, 2));
  }

  @Test
  void a_rule_places_what_matching_cannot_and_its_preview_shows_it_first() {
    String title = "[喵萌奶茶屋] 葬送的芙莉莲 第05话 [1080p][简日双语]";
    long feed = feedOf(new GeneratedFeed(feeds.url("")).release(title).release("[喵萌奶茶屋] 别的动画 第05话 [1080p]"));
    assertThat(item(feed, title).getValue("match")).isNull();
    long frieren = seriesRow(TestLibrary.FRIEREN);
    JsonObject rule = new JsonObject().put("seasonNumber", 2).put("pattern", "葬送的芙莉莲 第:ep:话").put("episodeOffset", -4);

    var preview = service.post("/api/rules/preview", rule.copy().put("seriesId", frieren));
    assertThat(preview.statusCode()).as(preview.bodyAsString()).isEqualTo(200);
    JsonArray matches = preview.bodyAsJsonObject().getJsonArray("matches");
    assertThat(matches).hasSize(1);
    assertThat(matches.getJsonObject(0).getJsonObject("feedItem").getString("title")).isEqualTo(title);
    assertThat(matches.getJsonObject(0).getJsonArray("episodes").getJsonObject(0).getInteger("seasonNumber")).isEqualTo(2);
    assertThat(matches.getJsonObject(0).getJsonArray("episodes").getJsonObject(0).getInteger("episodeNumber")).isEqualTo(1);
    assertThat(item(feed, title).getValue("match")).as("a preview saves nothing").isNull();

    var created = service.post("/api/series/" + frieren + "/rules", rule);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    long ruleId = created.bodyAsJsonObject().getLong("id");
    assertThat(episodeIds(item(feed, title))).containsExactly(episodeRow(TestLibrary.FRIEREN, 2, 1));
    assertThat(item(feed, title).getJsonObject("match").getLong("ruleId")).isEqualTo(ruleId);
    assertThat(service.get("/api/series/" + frieren + "/rules").bodyAsJsonArray()).hasSize(1);

    var changed = service.patch("/api/rules/" + ruleId, new JsonObject().put("episodeOffset", -2));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(episodeIds(item(feed, title))).containsExactly(episodeRow(TestLibrary.FRIEREN, 2, 3));

    assertThat(service.send(io.vertx.core.http.HttpMethod.DELETE, "/api/rules/" + ruleId, null).statusCode()).isEqualTo(204);
    assertThat(item(feed, title).getValue("match")).as("its rule removed, the release is placed nowhere").isNull();
    assertThat(service.get("/api/series/" + frieren + "/rules").bodyAsJsonArray()).isEmpty();
  }

  @Test
  void bad_rules_are_refused_and_change_nothing() {
    long frieren = seriesRow(TestLibrary.FRIEREN);
    assertThat(service.post("/api/series/" + frieren + "/rules", new JsonObject().put("pattern", "no placeholder"))
        .statusCode()).isEqualTo(400);
    assertThat(service.post("/api/series/" + frieren + "/rules", new JsonObject().put("pattern", "(?<ep>\\d+"))
        .bodyAsJsonObject().getString("error")).contains("regular expression");
    assertThat(service.post("/api/series/" + frieren + "/rules", new JsonObject().put("feedId", 4242)).statusCode())
        .isEqualTo(400);
    assertThat(service.post("/api/series/" + frieren + "/rules", new JsonObject().put("resolution", "huge")).statusCode())
        .isEqualTo(400);
    assertThat(service.post("/api/series/" + frieren + "/rules", new JsonObject().put("mustContain", "x")).statusCode())
        .isEqualTo(400);
    assertThat(service.post("/api/series/999999/rules", new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(service.post("/api/rules/preview", new JsonObject().put("pattern", ":ep:")).statusCode()).isEqualTo(400);
    assertThat(service.patch("/api/rules/999999", new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(service.get("/api/series/" + frieren + "/rules").bodyAsJsonArray()).isEmpty();
  }

  @Test
  void a_feed_a_rule_reads_cannot_be_removed_until_the_rule_lets_go() {
    long feed = feedOf(new GeneratedFeed(feeds.url("")).release("[A] x - 01"));
    long frieren = seriesRow(TestLibrary.FRIEREN);
    long rule = service.post("/api/series/" + frieren + "/rules", new JsonObject().put("feedId", feed)
        .put("pattern", "x - :ep:")).bodyAsJsonObject().getLong("id");

    var refused = service.send(io.vertx.core.http.HttpMethod.DELETE, "/api/feeds/" + feed, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("rule(s) " + rule);

    service.patch("/api/rules/" + rule, new JsonObject().putNull("feedId"));
    assertThat(service.send(io.vertx.core.http.HttpMethod.DELETE, "/api/feeds/" + feed, null).statusCode()).isEqualTo(204);
    assertThat(service.get("/api/feeds/" + feed).statusCode()).isEqualTo(404);
  }

  @Test
  void a_new_rule_moves_a_release_the_automatic_matching_placed_as_its_preview_says() {
    twoSeasonAnime(779, 7_200_001, "Bleach Test");
    String title = "[Group] Bleach Test - 02 [1080p]"; // the group counts the second arc from 1: S2E02
    long feed = feedOf(new GeneratedFeed(feeds.url("")).release(title));
    assertThat(episodeIds(item(feed, title))).as("automatically: absolute 2").containsExactly(episodeRow(779, 1, 2));
    JsonObject rule = new JsonObject().put("seasonNumber", 2).put("pattern", "Bleach Test - :ep:");
    var preview = service.post("/api/rules/preview", rule.copy().put("seriesId", seriesRow(779))).bodyAsJsonObject();
    assertThat(longs(preview.getJsonArray("matches").getJsonObject(0).getJsonArray("episodeIds"))).as("the preview promises S2E02").containsExactly(episodeRow(779, 2, 2));

    var created = service.post("/api/series/" + seriesRow(779) + "/rules", rule);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject after = item(feed, title);
    assertThat(ruleId(after)).as(after.encode()).isEqualTo(created.bodyAsJsonObject().getLong("id"));
    assertThat(episodeIds(after)).containsExactly(episodeRow(779, 2, 2));
  }

  @Test
  void a_rule_change_never_moves_a_release_a_download_uses() {
    twoSeasonAnime(781, 7_400_001, "Download Kept Test");
    String title = "[Group] Download Kept Test - 02 [1080p]";
    long feed = feedOf(new GeneratedFeed(feeds.url("")).release(title));
    downloadUses(item(feed, title));

    long rule = service.post("/api/series/" + seriesRow(781) + "/rules", new JsonObject().put("seasonNumber", 2)
        .put("pattern", "Download Kept Test - :ep:")).bodyAsJsonObject().getLong("id");
    assertThat(episodeIds(item(feed, title))).as("a new rule leaves it where its download took it")
        .containsExactly(episodeRow(781, 1, 2));
    assertThat(ruleId(item(feed, title))).isNull();

    Sql.update(db, "DELETE FROM downloads");
    service.patch("/api/rules/" + rule, new JsonObject().put("episodeOffset", 0));
    assertThat(episodeIds(item(feed, title))).as("without the download, the rule places it")
        .containsExactly(episodeRow(781, 2, 2));
    downloadUses(item(feed, title));
    service.patch("/api/rules/" + rule, new JsonObject().put("episodeOffset", 1));
    assertThat(episodeIds(item(feed, title))).as("a changed rule leaves it too").containsExactly(episodeRow(781, 2, 2));
    assertThat(service.send(io.vertx.core.http.HttpMethod.DELETE, "/api/rules/" + rule, null).statusCode())
        .isEqualTo(204);
    JsonObject removed = item(feed, title);
    assertThat(episodeIds(removed)).as("its rule removed, it keeps the download's episode").containsExactly(episodeRow(781, 2, 2));
    assertThat(ruleId(removed)).isNull();
  }

  @Test
  void releases_follow_their_absolute_numbers_when_sonarr_renumbers_a_series() {
    twoSeasonAnime(780, 7_300_001, "Renumber Test");
    String moves = "[Group] Renumber Test - 05 [1080p]";
    String stays = "[Group] Renumber Test - 02 [1080p]";
    String downloaded = "[Group] Renumber Test - 06 [1080p]";
    String otherSeries = "[SubsPlease] Sousou no Frieren - 03 (1080p) [ABCDEF12].mkv";
    long feed = feedOf(new GeneratedFeed(feeds.url("")).release(moves).release(stays).release(downloaded)
        .release(otherSeries));
    assertThat(episodeIds(item(feed, moves))).containsExactly(episodeRow(780, 2, 1));
    assertThat(episodeIds(item(feed, downloaded))).containsExactly(episodeRow(780, 2, 2));
    downloadUses(item(feed, downloaded));
    Object stayedAt = Sql.value(db, "SELECT matched_at FROM feed_items WHERE title = '" + stays + "'");
    // A series the sync does not change is not looked at: this (planted) placement would otherwise be corrected.
    long planted = episodeRow(TestLibrary.FRIEREN, 1, 4);
    Sql.update(db, "UPDATE feed_items SET episode_ids = ARRAY[" + planted + "]::bigint[] WHERE title = '" + otherSeries + "'");

    // TVDB inserts a recap: S2E01 leaves the absolute order and every later episode shifts down by one.
    JsonArray renumbered = new JsonArray();
    for (Object o : Fixtures.episodesFor(780, 7_300_001, 2, 4)) {
      JsonObject episode = (JsonObject) o;
      int absolute = episode.getInteger("absoluteEpisodeNumber");
      renumbered.add(episode.getInteger("seasonNumber") == 2 ? episode.put("absoluteEpisodeNumber", absolute == 5 ? 40 : absolute - 1) : episode);
    }
    sonarr.put(Fixtures.seriesLike(Fixtures.lastBossQueen(), 780, 400_780, "Renumber Test", 2)
        .put("alternateTitles", new JsonArray()), renumbered);
    service.fullSync();

    Eventually.await("the release of absolute 5 moved to S2E02, which is absolute 5 now",
        () -> episodeIds(item(feed, moves)).equals(List.of(episodeRow(780, 2, 2))));
    assertThat(Sql.value(db, "SELECT matched_at FROM feed_items WHERE title = '" + stays + "'"))
        .as("placed again in the same statement to the same episode: not rewritten").isEqualTo(stayedAt);
    assertThat(episodeIds(item(feed, downloaded))).as("a download uses it: it stays").containsExactly(episodeRow(780, 2, 2));
    assertThat(episodeIds(item(feed, otherSeries))).containsExactly(planted);
  }

  @Test
  void the_same_torrent_under_a_placeable_title_on_a_second_feed_takes_the_unplaced_copy_over() {
    String hash = GeneratedFeed.hashOf("one torrent");
    String chinese = "[ANi] 葬送的芙莉蓮 - 03 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]";
    String romaji = "[ANi] Sousou no Frieren - 03 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]";
    feeds.serve("/mikan", new GeneratedFeed(feeds.url("")).release(chinese, hash, 5).bytes(), FakeFeedServer.RSS);
    feeds.serve("/nyaa", new GeneratedFeed(feeds.url("")).release(romaji, hash, 5).bytes(), FakeFeedServer.RSS);
    long mikan = service.post("/api/feeds", new JsonObject().put("name", "mikan").put("url", feeds.url("/mikan")))
        .bodyAsJsonObject().getLong("id");
    long nyaa = service.post("/api/feeds", new JsonObject().put("name", "nyaa").put("url", feeds.url("/nyaa")))
        .bodyAsJsonObject().getLong("id");
    service.post("/api/feeds/" + mikan + "/poll", null);
    assertThat(item(mikan, chinese).getValue("match")).as("no series is titled in Chinese").isNull();

    JsonObject second = service.post("/api/feeds/" + nyaa + "/poll", null).bodyAsJsonObject();

    assertThat(second.getInteger("matchedItems")).isEqualTo(1);
    long episode = episodeRow(TestLibrary.FRIEREN, 1, 3);
    JsonArray releases = service.get("/api/episodes/" + episode + "/releases").bodyAsJsonArray();
    assertThat(releases).as("Frieren S1E03 has the release, as nyaa names it").hasSize(1);
    JsonObject taken = item(nyaa, romaji);
    assertThat(episodeIds(taken)).containsExactly(episode);
    assertThat(service.get("/api/feeds/" + mikan + "/items").bodyAsJsonArray()).as("stored once, now nyaa's").isEmpty();
    assertThat(Sql.count(db, "SELECT count(*) FROM feed_items WHERE info_hash = '" + hash + "'")).isEqualTo(1);

    service.post("/api/feeds/" + mikan + "/poll", null);
    assertThat(item(nyaa, romaji).getString("title")).as("Mikan's copy does not take it back").isEqualTo(romaji);
    assertThat(episodeIds(item(nyaa, romaji))).containsExactly(episode);
  }
}
