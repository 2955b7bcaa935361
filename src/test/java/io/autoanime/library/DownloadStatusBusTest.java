package io.autoanime.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BusErrors;
import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The download-status address. Each test sets what it then checks, or checks that nothing changed: they share one library. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadStatusBusTest extends SyncedLibraryTest {
  private long episode;

  @BeforeAll
  void findEpisode() {
    episode = library.episodeId(TestLibrary.LAST_BOSS_QUEEN, 1, 4);
  }

  @Test
  void a_downloader_reports_a_status_over_the_bus_and_gets_the_episode_back() {
    JsonObject reply = request(new JsonObject().put("episodeId", episode).put("status", "downloading"));

    assertThat(reply.getLong("id")).isEqualTo(episode);
    assertThat(reply.getString("autoDownloadStatus")).isEqualTo("downloading");
    assertThat(Sql.value(library.service.database(), "SELECT auto_download_status FROM series_episodes WHERE id = " + episode))
        .isEqualTo("downloading");

    Instant before = Instant.now().minusSeconds(5);
    JsonObject downloaded = request(new JsonObject().put("episodeId", episode).put("status", "downloaded"));
    assertThat(Instant.parse(downloaded.getString("downloadedAt"))).isAfter(before);

    JsonObject dated = request(new JsonObject().put("episodeId", episode).put("status", "downloaded")
        .put("downloadedAt", "2023-10-06T15:00:00Z"));
    assertThat(dated.getString("downloadedAt")).isEqualTo("2023-10-06T15:00:00Z");
  }

  @Test
  void an_unknown_episode_fails_with_404() {
    long unknown = Sql.count(library.service.database(), "SELECT max(id) + 1000 FROM series_episodes");

    ReplyException failure = failure(new JsonObject().put("episodeId", unknown).put("status", "failed"));

    assertThat(failure.failureCode()).isEqualTo(BusErrors.NOT_FOUND);
    assertThat(failure.getMessage()).contains(String.valueOf(unknown));
  }

  @Test
  void bad_requests_fail_with_400_naming_the_problem_and_change_nothing() {
    String before = Sql.rows(library.service.database(),
        "SELECT id, auto_download_status, downloaded_at, xmin::text FROM series_episodes ORDER BY id").toString();
    List<Object[]> cases = List.of(
        new Object[] {new JsonObject().put("status", "failed"), "episodeId"},
        new Object[] {new JsonObject().put("episodeId", String.valueOf(episode)).put("status", "failed"), "episodeId"},
        new Object[] {new JsonObject().put("episodeId", -episode).put("status", "failed"), "episodeId"},
        new Object[] {new JsonObject().put("episodeId", 1.5).put("status", "failed"), "episodeId"},
        new Object[] {new JsonObject().put("episodeId", episode), "status"},
        new Object[] {new JsonObject().put("episodeId", episode).put("status", "gone"), "status"},
        new Object[] {new JsonObject().put("episodeId", episode).put("status", "downloaded").put("downloadedAt", "soon"),
            "downloadedAt"},
        new Object[] {new JsonObject().put("episodeId", episode).put("status", "failed").put("by", "me"), "by"},
        new Object[] {"not an object", "JSON object"});

    for (Object[] example : cases) {
      ReplyException failure = failure(example[0]);
      assertThat(failure.failureCode()).as(String.valueOf(example[0])).isEqualTo(BusErrors.BAD_REQUEST);
      assertThat(failure.getMessage()).as(String.valueOf(example[0])).contains((String) example[1]);
    }
    assertThat(Sql.rows(library.service.database(),
        "SELECT id, auto_download_status, downloaded_at, xmin::text FROM series_episodes ORDER BY id").toString())
        .isEqualTo(before);
  }

  private JsonObject request(JsonObject body) {
    return TestService.await(library.service.vertx().eventBus()
        .<JsonObject>request(Addresses.EPISODE_DOWNLOAD_STATUS, body).map(m -> m.body()));
  }

  private ReplyException failure(Object body) {
    var reply = library.service.vertx().eventBus().request(Addresses.EPISODE_DOWNLOAD_STATUS, body);
    return catchThrowableOfType(ReplyException.class, () -> TestService.await(reply));
  }
}
