package io.autoanime.support;

import io.autoanime.config.Intervals;
import io.autoanime.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base for tests that drive the whole service: a database of its own (migrated, empty), the standard
 * library in a fake Sonarr, and the service started on both. A fresh one for each test, or one for
 * the class when it is annotated {@code @TestInstance(PER_CLASS)} (see {@link SharedOrFresh}).
 */
@ExtendWith(SharedOrFresh.class)
public abstract class ServiceTest implements SharedOrFresh.Fixture {
  protected Vertx sonarrVertx;
  protected FakeSonarr sonarr;
  protected TestService service;
  protected Database db;

  @Override
  public void setUp() {
    sonarrVertx = Vertx.vertx();
    sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    db = TestDatabases.fresh();
    service = TestService.start(db, settings(TestService.settingsFor(sonarr)), intervals());
  }

  /** Override to change the service's settings. */
  protected JsonObject settings(JsonObject defaults) {
    return defaults;
  }

  /** Override to change the intervals the service keeps (see {@link Intervals}). */
  protected Intervals intervals() {
    return Intervals.DEFAULT;
  }

  @Override
  public void tearDown() {
    service.close();
    sonarr.stop();
    TestService.await(sonarrVertx.close());
  }

  /** (row id, xmin) of every row of the library tables: equal snapshots mean no row was rewritten. */
  protected List<Map<String, Object>> rowVersions() {
    return Sql.rows(db, """
        SELECT 'series' AS t, id, xmin::text AS version FROM series
        UNION ALL SELECT 'season', id, xmin::text FROM series_seasons
        UNION ALL SELECT 'episode', id, xmin::text FROM series_episodes
        UNION ALL SELECT 'image', id, xmin::text FROM series_images
        UNION ALL SELECT 'title', id, xmin::text FROM series_alternate_titles
        ORDER BY 1, 2""");
  }
}
