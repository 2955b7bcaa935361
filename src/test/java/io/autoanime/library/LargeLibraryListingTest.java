package io.autoanime.library;

import static io.autoanime.support.SyncedLibrary.Json.array;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A library of 2,000 series and 100,000 episodes, written straight into the database, listed
 * through the API. Prints how long the list takes (the README reports it); asserts only that every
 * item is right.
 */
class LargeLibraryListingTest {
  private static final int SERIES = 2_000;
  private static final int EPISODES_PER_SERIES = 50;
  private static final int FULL_RUNS = 1_000;
  private static final int SERIES_RUNS = 50;
  private static final String[] STATUSES = {"disabled", "pending", "downloading", "downloaded", "failed", "skipped"};

  @Test
  void a_library_of_2000_series_and_100000_episodes_lists_completely_with_the_right_counters() {
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(null))) {
      generate(service);
      assertThat(Sql.count(service.database(), "SELECT count(*) FROM series_episodes")).isEqualTo(SERIES * EPISODES_PER_SERIES);

      JsonArray shown = timed(service, "/api/series");
      JsonArray all = timed(service, "/api/series?includeRemoved=true");

      List<Integer> present = IntStream.rangeClosed(1, SERIES).filter(g -> !removed(g)).boxed()
          .sorted(Comparator.comparing(LargeLibraryListingTest::md5).thenComparing(g -> g)).toList();
      assertThat(shown.stream().map(item -> ((JsonObject) item).getInteger("sonarrId")).toList()).isEqualTo(present);
      assertThat(all).hasSize(SERIES);
      String latestFull = finishedAt(service, "mode = 'full' ORDER BY finished_at DESC LIMIT 1");
      String secondFull = finishedAt(service, "mode = 'full' ORDER BY finished_at DESC OFFSET 1 LIMIT 1");
      for (Object item : all) {
        JsonObject series = (JsonObject) item;
        int g = series.getInteger("sonarrId");
        assertThat(series.getString("title")).isEqualTo("Generated series " + g);
        assertThat(series.getString("posterUrl")).isEqualTo("https://posters.example/" + g + ".jpg");
        assertThat(series.getJsonObject("autoDownload")).as("series " + g).isEqualTo(expectedCounters(g));
        assertThat(series.getString("removedFromSonarrAt") != null).isEqualTo(removed(g));
        String expectedSync = g <= SERIES_RUNS ? finishedAt(service, "mode = 'series' AND sonarr_series_id = " + g)
            : g == 500 + 1 ? secondFull : latestFull; // the latest full run (r = 1) failed series 500 + r
        if (!removed(g)) {
          assertThat(series.getString("lastSyncedAt")).as("series " + g).isEqualTo(expectedSync);
        }
      }

      long someSeries = Sql.count(service.database(), "SELECT id FROM series WHERE sonarr_id = 1234");
      HttpResponse<Buffer> episodes = service.get("/api/series/" + someSeries + "/episodes");
      assertThat(array(episodes)).hasSize((int) IntStream.rangeClosed(1, EPISODES_PER_SERIES).filter(e -> e % 25 != 0).count());
    }
  }

  /** Series g: episodes e = 1..50 in seasons 0 (2), 1 (24) and 2 (24); every 25th removed; status by (g + e) % 6. */
  private static void generate(TestService service) {
    var db = service.database();
    Sql.update(db, """
        INSERT INTO series (sonarr_id, tvdb_id, title, sort_title, status, series_type, monitored, year, network,
                            season_count, episode_count, episode_file_count, total_episode_count,
                            is_auto_download_enabled, auto_download_status, removed_from_sonarr_at, created_at, updated_at)
        SELECT g, 100000 + g, 'Generated series ' || g, md5(g::text), 'continuing', 'anime', true, 2000 + g %% 25,
               'Network ' || g %% 7, 2, 48, g %% 48, 50, g %% 2 = 0,
               CASE WHEN g %% 2 = 0 THEN 'pending' ELSE 'disabled' END,
               CASE WHEN g %% 100 = 0 THEN now() - interval '1 day' END,
               now() - interval '2 years', now() - interval '2 years'
          FROM generate_series(1, %d) g""".formatted(SERIES));
    Sql.update(db, """
        INSERT INTO series_seasons (series_id, season_number, is_auto_download_enabled, auto_download_status)
        SELECT s.id, n, false, 'disabled' FROM series s CROSS JOIN generate_series(0, 2) n""");
    Sql.update(db, """
        INSERT INTO series_images (series_id, cover_type, url, remote_url)
        SELECT s.id, t, '/MediaCover/' || s.sonarr_id || '/' || t || '.jpg',
               'https://' || t || 's.example/' || s.sonarr_id || '.jpg'
          FROM series s CROSS JOIN unnest(ARRAY['poster', 'banner', 'fanart']) t""");
    Sql.update(db, """
        INSERT INTO series_episodes (sonarr_episode_id, tvdb_id, series_id, season_id, season_number, episode_number,
                                     title, is_auto_download_enabled, auto_download_status, removed_from_sonarr_at)
        SELECT s.sonarr_id * 100 + e, 5000000 + s.sonarr_id * 100 + e, s.id, ss.id, x.season, x.number,
               'Episode ' || e, e %% 3 <> 0,
               (ARRAY['disabled', 'pending', 'downloading', 'downloaded', 'failed', 'skipped'])[1 + (s.sonarr_id + e) %% 6],
               CASE WHEN e %% 25 = 0 THEN now() END
          FROM series s
         CROSS JOIN generate_series(1, %d) e
         CROSS JOIN LATERAL (SELECT CASE WHEN e <= 2 THEN 0 WHEN e <= 26 THEN 1 ELSE 2 END AS season,
                                    CASE WHEN e <= 2 THEN e WHEN e <= 26 THEN e - 2 ELSE e - 26 END AS number) x
          JOIN series_seasons ss ON ss.series_id = s.id AND ss.season_number = x.season""".formatted(EPISODES_PER_SERIES));
    // Months of runs: full runs every hour back in time, each failing one series (the latest fails series 501),
    // and later one-series runs for series 1..50.
    Sql.update(db, """
        INSERT INTO sync_runs (trigger, mode, status, started_at, finished_at, series_done, series_total, failures)
        SELECT 'schedule', 'full', 'partial', now() - r * interval '1 hour', now() - r * interval '1 hour' + interval '10 minutes',
               %1$d, %1$d, jsonb_build_array(jsonb_build_object('sonarrSeriesId', 500 + r, 'error', 'timed out'))
          FROM generate_series(1, %2$d) r""".formatted(SERIES, FULL_RUNS));
    Sql.update(db, """
        INSERT INTO sync_runs (trigger, mode, sonarr_series_id, status, started_at, finished_at, series_done, series_total)
        SELECT 'webhook', 'series', g, 'succeeded', now() - interval '30 minutes' + g * interval '1 second',
               now() - interval '29 minutes' + g * interval '1 second', 1, 1
          FROM generate_series(1, %d) g""".formatted(SERIES_RUNS));
    Sql.update(db, "ANALYZE");
  }

  private static JsonObject expectedCounters(int g) {
    long[] byStatus = new long[STATUSES.length];
    long enabled = 0;
    for (int e = 1; e <= EPISODES_PER_SERIES; e++) {
      if (e % 25 == 0) {
        continue;
      }
      byStatus[(g + e) % 6]++;
      enabled += e % 3 != 0 ? 1 : 0;
    }
    return new JsonObject().put("enabled", enabled).put("pending", byStatus[1]).put("downloading", byStatus[2])
        .put("downloaded", byStatus[3]).put("failed", byStatus[4]);
  }

  private static boolean removed(int g) {
    return g % 100 == 0;
  }

  private static String finishedAt(TestService service, String where) {
    return ((Timestamp) Sql.value(service.database(), "SELECT finished_at FROM sync_runs WHERE " + where))
        .toInstant().toString();
  }

  /** Calls the route a few times and prints how long it took; answers the last body. */
  private static JsonArray timed(TestService service, String path) {
    List<Long> millis = new ArrayList<>();
    HttpResponse<Buffer> response = null;
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      response = service.get(path);
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(response.statusCode()).isEqualTo(200);
    }
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf("LISTING %s (%d series, %d episodes, %d KiB): first %d ms, median %d ms, max %d ms over %d calls%n",
        path, SERIES, SERIES * EPISODES_PER_SERIES, response.body().length() / 1024, millis.get(0),
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis.size());
    return array(response);
  }

  private static String md5(int g) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(String.valueOf(g).getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
