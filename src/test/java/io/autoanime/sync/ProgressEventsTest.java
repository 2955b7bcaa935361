package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Gate;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Progress events go out at most once a second, and what the interval held back still goes out. */
class ProgressEventsTest {

  @Test
  void a_run_waiting_on_one_series_publishes_how_far_it_got() {
    Vertx sonarrVertx = Vertx.vertx();
    // The standard library's 4 series and a group's worth + 1 more: two groups, the second of 5 series.
    int group = SonarrSyncVerticle.SERIES_PER_TRANSACTION;
    int total = group + 5;
    FakeSonarr sonarr = TestLibrary.addGenerated(TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start()), 1000,
        group + 1);
    // Series are written a group to a transaction: one held series holds its group's write.
    Gate firstGroup = sonarr.hold("/api/v3/episode?seriesId=1000");
    Gate gate = sonarr.hold("/api/v3/episode?seriesId=" + (1000 + group));
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(sonarr))) {
      List<JsonObject> events = new CopyOnWriteArrayList<>();
      TestService.await(service.vertx().eventBus().<JsonObject>consumer(Addresses.SYNC_EVENTS, m -> events.add(m.body()))
          .completion());

      service.vertx().eventBus().request(Addresses.SYNC, new JsonObject().put("mode", "full").put("wait", false));
      firstGroup.awaitHeld(1);
      gate.awaitHeld(1);
      // Nothing is written yet: the count of series to sync goes out once the interval since the start is over.
      Eventually.await("a progress event of 0 of " + total + " series", () -> events.stream().anyMatch(e ->
          e.getString("type").equals("progress") && progress(e, "seriesDone") == 0 && progress(e, "seriesTotal") == total));

      // The first group is written within a second of that event: its progress is held back, then goes out.
      firstGroup.open();
      Eventually.await("a progress event of " + group + " of " + total + " series", () -> events.stream().anyMatch(e ->
          e.getString("type").equals("progress") && progress(e, "seriesDone") == group
              && progress(e, "seriesTotal") == total));
      assertThat(events).noneMatch(e -> e.getString("type").equals("finished"));

      gate.open();
      Eventually.await("the end of the run", () -> events.stream().anyMatch(e -> e.getString("type").equals("finished")));
      JsonObject finished = events.stream().filter(e -> e.getString("type").equals("finished")).findFirst().orElseThrow();
      assertThat(finished.getJsonObject("run").getString("status")).isEqualTo("succeeded");
      assertThat(progress(finished, "seriesDone")).isEqualTo(total);
      assertThat(events.get(events.size() - 1)).as("nothing is published after the end").isEqualTo(finished);
    } finally {
      sonarr.stop();
      TestService.await(sonarrVertx.close());
    }
  }

  private static int progress(JsonObject event, String field) {
    return event.getJsonObject("run").getJsonObject("progress").getInteger(field);
  }
}
