package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.autoanime.config.AppConfig.SonarrTuning;
import io.autoanime.db.Database;
import io.autoanime.sonarr.SonarrClient;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new synced column is a migration, the model, the decoder and one declaration: nothing else. Here
 * the migration is an ALTER TABLE, the value comes from the episode's id, and the declaration is one
 * {@code column(...)} call; the sync fills the column on the next run although Sonarr's data did not
 * change (the fingerprints reset themselves), and skips every series again on the run after.
 */
class NewSyncedColumnTest {
  private Vertx vertx;
  private FakeSonarr sonarr;
  private Database db;
  private Pool pool;
  private SonarrClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sonarr = TestLibrary.loadStandard(new FakeSonarr(vertx).start());
    db = TestDatabases.fresh();
    db.migrate();
    pool = db.createPool(vertx, 4);
    client = new SonarrClient(vertx, sonarr.url(), FakeSonarr.API_KEY, new SonarrTuning(5, 0, 10, 4));
  }

  @AfterEach
  void stop() {
    client.close();
    TestService.await(pool.close());
    TestService.await(vertx.close());
  }

  @Test
  void a_column_declared_once_is_filled_by_the_next_sync_and_its_fingerprints_follow() {
    SyncedTables before = SyncedTables.STANDARD;
    assertThat(counts(sync(before)).getInteger("episodesInserted")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(counts(sync(before)).getInteger("episodesUnchanged")).as("skipped by their fingerprints")
        .isEqualTo(TestLibrary.STANDARD_EPISODES);

    Sql.update(db, "ALTER TABLE series_episodes ADD COLUMN release_note text");
    SyncedTables after = before.withEpisodes(before.episodes().copy()
        .column("release_note", ColumnType.TEXT, row -> noteOf(row.item())));

    JsonObject filled = counts(sync(after));

    assertThat(filled.getInteger("episodesUpdated")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(filled.getInteger("seriesUpdated")).isEqualTo(TestLibrary.STANDARD_SERIES);
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE release_note = 'note ' || sonarr_episode_id"))
        .isEqualTo(TestLibrary.STANDARD_EPISODES);
    JsonObject again = counts(sync(after));
    assertThat(again.getInteger("episodesUnchanged")).isEqualTo(TestLibrary.STANDARD_EPISODES);
    assertThat(again.getInteger("seriesUnchanged")).isEqualTo(TestLibrary.STANDARD_SERIES);
  }

  private static String noteOf(Episode episode) {
    return "note " + episode.id();
  }

  private static JsonObject counts(SyncRun run) {
    assertThat(run.toJson().getJsonArray("failures")).isEmpty();
    return run.toJson().getJsonObject("counts");
  }

  /** One full run of an engine writing these tables, on a Vert.x context as the verticle runs it. */
  private SyncRun sync(SyncedTables tables) {
    SyncRun run = new SyncRun(SyncRequest.full(SyncTrigger.EVENTBUS, true));
    Promise<Void> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v ->
        new SyncEngine(vertx, client, pool, 4, tables).execute(run, () -> { }, () -> false).onComplete(done));
    TestService.await(done.future());
    return run;
  }
}
