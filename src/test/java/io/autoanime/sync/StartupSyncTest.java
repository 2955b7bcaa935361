package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.Intervals;
import io.autoanime.db.Database;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start-up sync begins once the whole service is up, not while its other parts still start. */
class StartupSyncTest {
  @Test
  void the_start_up_sync_waits_for_the_service_to_be_up() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      FakeSonarr sonarr = TestLibrary.loadStandard(new FakeSonarr(vertx).start());
      Database db = TestDatabases.fresh();
      Pool pool = db.createPool(vertx, 4);
      AppConfig config = AppConfig.fromJson(TestService.settingsFor(sonarr).put(AppConfig.SYNC_ON_STARTUP, true));
      Promise<Void> up = Promise.promise();
      vertx.deployVerticle(new SonarrSyncVerticle(config, pool, Intervals.DEFAULT, up.future())).await(1, TimeUnit.MINUTES);

      // Had the start-up run been asked for, this full sync would join it; before the service is up it runs alone.
      JsonObject asked = vertx.eventBus().<JsonObject>request(Addresses.SYNC, new JsonObject().put("mode", "full"))
          .await(1, TimeUnit.MINUTES).body();
      assertThat(asked.getString("trigger")).isEqualTo("eventbus");
      assertThat(asked.getBoolean("joined")).isFalse();

      up.complete();
      Eventually.await("the start-up sync", () -> Sql.count(db,
          "SELECT count(*) FROM sync_runs WHERE trigger = 'startup' AND status = 'succeeded'") == 1);
      assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isEqualTo(2);
    } finally {
      vertx.close().await(1, TimeUnit.MINUTES);
    }
  }
}
