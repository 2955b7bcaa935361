package io.autoanime.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.Intervals;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads are answered from memory, but never show something older than the last change. The cache
 * keeps answers for an hour here, so a change shows only because it dropped them; the lifetime
 * itself is {@link ChangesElsewhereTest}'s and {@link ReadCacheLifetimeTest}'s.
 */
class LibraryReadCacheTest extends ServiceTest {

  @Override
  protected Intervals intervals() {
    return Intervals.DEFAULT.withReadCacheMaxAgeMs(TimeUnit.HOURS.toMillis(1));
  }

  private JsonObject listed(long sonarrId) {
    JsonArray list = service.get("/api/series").bodyAsJsonArray();
    return list.stream().map(JsonObject.class::cast).filter(s -> s.getLong("sonarrId") == sonarrId).findFirst().orElseThrow();
  }

  @Test
  void the_list_shows_a_user_write_at_once() {
    service.fullSync();
    long id = listed(TestLibrary.FRIEREN).getLong("id");
    assertThat(listed(TestLibrary.FRIEREN).getBoolean("isAutoDownloadEnabled")).isFalse();

    service.patch("/api/series/" + id + "/auto-download", new JsonObject().put("enabled", true));

    assertThat(listed(TestLibrary.FRIEREN).getBoolean("isAutoDownloadEnabled")).isTrue();
    assertThat(listed(TestLibrary.FRIEREN).getJsonObject("autoDownload").getInteger("pending")).isEqualTo(8);
  }

  @Test
  void the_list_shows_what_a_sync_wrote_at_once() {
    service.fullSync();
    assertThat(listed(TestLibrary.FRIEREN).getString("title")).isEqualTo("Frieren: Beyond Journey's End");
    sonarr.series(TestLibrary.FRIEREN).put("title", "Frieren (renamed)");

    service.fullSync();

    assertThat(listed(TestLibrary.FRIEREN).getString("title")).isEqualTo("Frieren (renamed)");
  }

  @Test
  void an_episode_list_shows_a_download_status_at_once() {
    service.fullSync();
    long seriesId = listed(TestLibrary.FRIEREN).getLong("id");
    JsonObject first = service.get("/api/series/" + seriesId + "/episodes").bodyAsJsonArray().getJsonObject(0);
    assertThat(first.getString("autoDownloadStatus")).isEqualTo("disabled");

    service.patch("/api/episodes/" + first.getLong("id") + "/download-status", new JsonObject().put("status", "downloaded"));

    JsonObject again = service.get("/api/series/" + seriesId + "/episodes").bodyAsJsonArray().getJsonObject(0);
    assertThat(again.getString("autoDownloadStatus")).isEqualTo("downloaded");
    assertThat(service.get("/api/series/" + seriesId + "/episodes?seasonNumber=" + first.getInteger("seasonNumber"))
        .bodyAsJsonArray().getJsonObject(0).getString("autoDownloadStatus")).isEqualTo("downloaded");
  }
}
