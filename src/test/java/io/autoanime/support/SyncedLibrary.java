package io.autoanime.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Consumer;

/**
 * The service next to a fake Sonarr holding {@link TestLibrary#loadStandard}, on a database holding
 * what one full sync of that library leaves behind (a copy, see {@link
 * TestDatabases#syncedStandardLibrary}): the usual starting point of the API tests.
 */
public final class SyncedLibrary implements AutoCloseable {
  public final Vertx sonarrVertx;
  public final FakeSonarr sonarr;
  public final TestService service;

  private SyncedLibrary(Vertx sonarrVertx, FakeSonarr sonarr, TestService service) {
    this.sonarrVertx = sonarrVertx;
    this.sonarr = sonarr;
    this.service = service;
  }

  public static SyncedLibrary start() {
    return start(settings -> {});
  }

  /** {@code settings} may adjust the service's settings (e.g. set AUTOANIME_API_KEY) before it starts. */
  public static SyncedLibrary start(Consumer<JsonObject> settings) {
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    JsonObject config = TestService.settingsFor(sonarr);
    settings.accept(config);
    TestService service = TestService.start(TestDatabases.syncedStandardLibrary(), config);
    return new SyncedLibrary(sonarrVertx, sonarr, service);
  }

  /** Our row id of the series with this Sonarr id. */
  public long seriesId(long sonarrId) {
    return Sql.count(service.database(), "SELECT id FROM series WHERE sonarr_id = " + sonarrId);
  }

  /** Our row id of the episode with this Sonarr episode id. */
  public long episodeId(long sonarrEpisodeId) {
    return Sql.count(service.database(), "SELECT id FROM series_episodes WHERE sonarr_episode_id = " + sonarrEpisodeId);
  }

  /** Our row id of one episode, by series, season and number. */
  public long episodeId(long sonarrSeriesId, int season, int number) {
    return Sql.count(service.database(), """
        SELECT e.id FROM series_episodes e JOIN series s ON s.id = e.series_id
         WHERE s.sonarr_id = %d AND e.season_number = %d AND e.episode_number = %d""".formatted(sonarrSeriesId, season, number));
  }

  /** Waits until no run is going on, and answers the latest run. */
  public JsonObject awaitIdle() {
    Eventually.await("no sync running", () ->
        Sql.count(service.database(), "SELECT count(*) FROM sync_runs WHERE status = 'running'") == 0);
    return Json.object(service.get("/api/sonarr/sync/status"));
  }

  @Override
  public void close() {
    service.close();
    sonarr.stop();
    TestService.await(sonarrVertx.close());
  }

  /** JSON out of answers. */
  public static final class Json {
    private Json() {}

    public static JsonObject object(HttpResponse<Buffer> response) {
      return new JsonObject(response.bodyAsString());
    }

    public static JsonArray array(HttpResponse<Buffer> response) {
      return new JsonArray(response.bodyAsString());
    }
  }
}
