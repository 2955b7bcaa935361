package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.db.Database;
import io.autoanime.downloads.WantedEpisodes.Pick;
import io.autoanime.releases.ReleaseTitleParser;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which release each wanted episode gets, page by page (pages of two episodes here, 500 in the
 * service): episodes whose releases are all refused never keep the episodes after them waiting.
 */
@ExtendWith(VertxExtension.class)
class WantedEpisodesTest {
  private static final ReleasePreferences NO_HEVC = new ReleasePreferences(Optional.empty(), List.of(), List.of(),
      List.of("HEVC"));

  private Database db;
  private Pool pool;
  private List<Long> episodes;

  @BeforeEach
  void wantFourOfTheQueensEpisodes(Vertx vertx) {
    db = TestDatabases.syncedStandardLibrary();
    pool = db.createPool(vertx, 2);
    long series = ((Number) Sql.value(db, "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.LAST_BOSS_QUEEN)).longValue();
    episodes = Sql.rows(db, "SELECT id FROM series_episodes WHERE series_id = " + series
            + " ORDER BY id LIMIT 4").stream()
        .map(row -> ((Number) row.get("id")).longValue()).toList();
    assertThat(episodes).hasSize(4);
    Sql.update(db, "UPDATE series_episodes SET is_auto_download_enabled = true, auto_download_status = 'pending',"
        + " has_file = false, air_date_utc = now() - interval '1 day' WHERE id IN (" + episodes.get(0) + ", "
        + episodes.get(1) + ", " + episodes.get(2) + ", " + episodes.get(3) + ")");
  }

  @AfterEach
  void closePool() {
    TestService.await(pool.close());
  }

  @Test
  void episodes_with_only_refused_releases_do_not_hold_back_the_next_ones() {
    IntStream.range(0, 3).forEach(i -> release("[Group] LasTame - 0" + (i + 1) + " [1080p][HEVC]", episodes.get(i)));
    long acceptable = release("[Group] LasTame - 04 [1080p]", episodes.get(3));

    List<Pick> picks = TestService.await(new WantedEpisodes(pool, NO_HEVC, 2, 10).picks());

    assertThat(picks).containsExactly(new Pick(acceptable, seriesOf(episodes.get(3)), List.of(episodes.get(3))));
  }

  @Test
  void a_pass_that_stops_early_is_resumed_by_the_next() {
    IntStream.range(0, 3).forEach(i -> release("[Group] LasTame - 0" + (i + 1) + " [1080p][HEVC]", episodes.get(i)));
    long acceptable = release("[Group] LasTame - 04 [1080p]", episodes.get(3));
    WantedEpisodes onePagePerPass = new WantedEpisodes(pool, NO_HEVC, 2, 1);

    List<Pick> first = TestService.await(onePagePerPass.picks());
    List<Pick> second = TestService.await(onePagePerPass.picks());

    assertThat(first).isEmpty();
    assertThat(second).extracting(Pick::feedItemId).containsExactly(acceptable);
  }

  @Test
  void a_batch_spanning_pages_is_one_download_of_all_its_wanted_episodes() {
    long batch = release("[Group] LasTame (01-04) [1080p][Batch]", episodes.toArray(Long[]::new));

    List<Pick> picks = TestService.await(new WantedEpisodes(pool, NO_HEVC, 2, 10).picks());

    assertThat(picks).containsExactly(new Pick(batch, seriesOf(episodes.get(0)), episodes));
  }

  @Test
  void episodes_of_a_series_sonarr_no_longer_lists_are_not_wanted_even_when_their_own_rows_are_not_marked() {
    release("[Group] LasTame - 01 [1080p]", episodes.get(0));
    // A series marked removed before its episodes were marked with it (as syncs before that fix left it).
    Sql.update(db, "UPDATE series SET removed_from_sonarr_at = now() WHERE id = " + seriesOf(episodes.get(0)));

    List<Pick> picks = TestService.await(new WantedEpisodes(pool, NO_HEVC, 2, 10).picks());

    assertThat(picks).as("releases picked for episodes of a series Sonarr deleted").isEmpty();
  }

  @Test
  void the_index_each_look_asks_has_no_pending_list_to_read_through() {
    assertThat(Sql.value(db, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'feed_items_episode_ids_idx'"))
        .isEqualTo("fastupdate=off");
  }

  private long seriesOf(long episodeId) {
    return ((Number) Sql.value(db, "SELECT series_id FROM series_episodes WHERE id = " + episodeId)).longValue();
  }

  /** A stored release placed on these episodes. */
  private long release(String title, Long... episodeIds) {
    String hash = String.format("%040x", Math.abs((long) title.hashCode()));
    return TestService.await(pool.preparedQuery("""
            INSERT INTO feed_items (guid, title, info_hash, magnet_url, parsed, series_id, episode_ids, matched_at)
            SELECT $1, $1, $2, 'magnet:?xt=urn:btih:' || $2, $3::jsonb, e.series_id, $4::bigint[], now()
              FROM series_episodes e WHERE e.id = $5
            RETURNING id""")
        .execute(Tuple.of(title, hash, ReleaseTitleParser.parse(title).toJson(), episodeIds, episodeIds[0])))
        .iterator().next().getLong("id");
  }
}
