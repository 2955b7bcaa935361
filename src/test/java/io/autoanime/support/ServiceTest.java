package io.autoanime.support;

import io.autoanime.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base for tests that drive the whole service: a fresh database, the standard library in a fake
 * Sonarr, and the service started on both.
 */
public abstract class ServiceTest {
  protected Vertx sonarrVertx;
  protected FakeSonarr sonarr;
  protected TestService service;
  protected Database db;

  @BeforeEach
  void startServiceAndSonarr() {
    sonarrVertx = Vertx.vertx();
    sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    db = TestDatabases.fresh();
    service = TestService.start(db, settings(TestService.settingsFor(sonarr)));
  }

  /** Override to change the service's settings. */
  protected JsonObject settings(JsonObject defaults) {
    return defaults;
  }

  @AfterEach
  void stopServiceAndSonarr() {
    service.close();
    sonarr.stop();
    TestService.await(sonarrVertx.close());
  }

  /** (row id, xmin) of every row of the library tables: equal snapshots mean no row was rewritten. */
  protected java.util.List<java.util.Map<String, Object>> rowVersions() {
    return Sql.rows(db, """
        SELECT 'series' AS t, id, xmin::text AS version FROM series
        UNION ALL SELECT 'season', id, xmin::text FROM series_seasons
        UNION ALL SELECT 'episode', id, xmin::text FROM series_episodes
        UNION ALL SELECT 'image', id, xmin::text FROM series_images
        UNION ALL SELECT 'title', id, xmin::text FROM series_alternate_titles
        ORDER BY 1, 2""");
  }
}
