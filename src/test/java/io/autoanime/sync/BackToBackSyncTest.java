package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class BackToBackSyncTest {
  @Test
  void a_sync_requested_the_moment_a_run_ends_gets_a_run_of_its_own() {
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(sonarr))) {
      var bus = service.vertx().eventBus();
      DeliveryOptions quick = new DeliveryOptions().setSendTimeout(20_000);
      JsonObject full = new JsonObject().put("mode", "full");

      // The second request leaves from the first one's reply, while the first run is still letting go of its lock.
      Future<JsonObject[]> both = bus.<JsonObject>request(Addresses.SYNC, full, quick).compose(first ->
          bus.<JsonObject>request(Addresses.SYNC, full, quick).map(second -> new JsonObject[] {first.body(), second.body()}));
      JsonObject[] runs = TestService.await(both);

      assertThat(runs[1].getLong("id")).isEqualTo(runs[0].getLong("id") + 1);
      assertThat(runs[1].getString("status")).isEqualTo("succeeded");
      assertThat(runs[1].getBoolean("joined")).isFalse();
    } finally {
      sonarr.stop();
      TestService.await(sonarrVertx.close());
    }
  }
}
