package io.autoanime.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.support.Eventually;
import io.autoanime.support.TestService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;

/** Vert.x comes from vertx-junit5's {@link VertxExtension}: one instance per test, closed after it. */
@ExtendWith(VertxExtension.class)
class SeriesSyncCoalescerTest {
  private Vertx vertx;
  private Context context;
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    context = vertx.getOrCreateContext();
    TestService.await(vertx.eventBus().<JsonObject>consumer(Addresses.SYNC, message -> {
      requests.add(message.body());
      message.reply(new JsonObject().put("id", requests.size()));
    }).completion());
  }

  @Test
  void offers_within_one_window_send_one_series_sync_request() {
    // Every offer below is made in one task of the context: no window can close in between, however short.
    SeriesSyncCoalescer coalescer = new SeriesSyncCoalescer(vertx, 10);

    List<SeriesSyncCoalescer.Outcome> outcomes = onContext(() -> {
      List<SeriesSyncCoalescer.Outcome> all = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) {
        all.add(coalescer.offer(7));
      }
      all.add(coalescer.offer(45));
      return all;
    });

    assertThat(outcomes.subList(0, 10)).containsOnlyOnce(SeriesSyncCoalescer.Outcome.QUEUED);
    assertThat(outcomes.get(0)).isEqualTo(SeriesSyncCoalescer.Outcome.QUEUED);
    assertThat(outcomes.get(10)).as("another series has its own window").isEqualTo(SeriesSyncCoalescer.Outcome.QUEUED);
    Eventually.await("two sync requests", () -> requests.size() == 2);
    assertThat(requests).containsExactlyInAnyOrder(
        new JsonObject().put("mode", "series").put("wait", false).put("trigger", "webhook").put("sonarrSeriesId", 7L),
        new JsonObject().put("mode", "series").put("wait", false).put("trigger", "webhook").put("sonarrSeriesId", 45L));
    assertThat(onContext(() -> coalescer.offer(7))).as("a new window once the last one closed")
        .isEqualTo(SeriesSyncCoalescer.Outcome.QUEUED);
  }

  @Test
  void cancelled_windows_send_nothing() {
    // Timers of one context fire in the order they are due: the cancelled window would have closed first.
    SeriesSyncCoalescer coalescer = new SeriesSyncCoalescer(vertx, 10);
    onContext(() -> {
      coalescer.offer(7);
      coalescer.cancelAll();
      return null;
    });
    SeriesSyncCoalescer other = new SeriesSyncCoalescer(vertx, 20);
    onContext(() -> other.offer(45));

    Eventually.await("the request of the window that was not cancelled", () -> requests.size() == 1);
    assertThat(requests.get(0).getLong("sonarrSeriesId")).isEqualTo(45);
  }

  /** Runs on one Vert.x context, as the HTTP verticle does. */
  private <T> T onContext(java.util.function.Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(work.get()));
    return result.join();
  }
}
