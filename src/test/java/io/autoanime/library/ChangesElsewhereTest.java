package io.autoanime.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.Intervals;
import io.autoanime.support.Eventually;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A cached read is kept no longer than its lifetime: what another instance writes to the same
 * database shows without anything telling this one. The service keeps answers for 50 ms here; the
 * exact boundary is {@link ReadCacheLifetimeTest}'s.
 */
class ChangesElsewhereTest extends ServiceTest {
  private static final long LIFETIME_MS = 50;

  @Override
  protected Intervals intervals() {
    return Intervals.DEFAULT.withReadCacheMaxAgeMs(LIFETIME_MS);
  }

  private JsonObject listed(long sonarrId) {
    JsonArray list = service.get("/api/series").bodyAsJsonArray();
    return list.stream().map(JsonObject.class::cast).filter(s -> s.getLong("sonarrId") == sonarrId).findFirst().orElseThrow();
  }

  @Test
  void a_change_made_elsewhere_shows_within_the_cache_lifetime() {
    service.fullSync();
    assertThat(listed(TestLibrary.AERIAL_AFRICA).getString("title")).isEqualTo("Aerial Africa");

    // Another service instance on the same database: this one hears nothing of the write.
    Sql.update(db, "UPDATE series SET title = 'Changed elsewhere' WHERE sonarr_id = 9");

    Eventually.await("the change made elsewhere in the list",
        () -> listed(TestLibrary.AERIAL_AFRICA).getString("title").equals("Changed elsewhere"));
  }
}
