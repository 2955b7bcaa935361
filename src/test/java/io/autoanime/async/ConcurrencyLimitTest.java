package io.autoanime.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tasks are promises the test completes by hand: what runs when is decided here, not by a clock. */
class ConcurrencyLimitTest {
  private final Map<String, Promise<Void>> running = new TreeMap<>();
  private final List<String> started = new ArrayList<>();

  private Future<Void> task(String name) {
    started.add(name);
    Promise<Void> promise = Promise.promise();
    running.put(name, promise);
    return promise.future();
  }

  @Test
  void at_most_the_limit_run_at_once_and_the_others_start_in_order_as_slots_free() {
    ConcurrencyLimit limit = new ConcurrencyLimit(2);

    Future<Void> a = limit.run(() -> task("a"));
    limit.run(() -> task("b"));
    limit.run(() -> task("c"));
    limit.run(() -> task("d"));

    assertThat(started).containsExactly("a", "b");
    running.get("b").complete();
    assertThat(started).containsExactly("a", "b", "c");
    running.get("a").fail("a broke");
    assertThat(started).containsExactly("a", "b", "c", "d");
    assertThat(a.cause()).hasMessage("a broke");
  }

  @Test
  void for_each_starts_nothing_new_after_a_failure_and_fails_once_the_ones_in_flight_are_done() {
    Future<Void> all = ConcurrencyLimit.forEach(List.of("a", "b", "c", "d"), 2, this::task);

    running.get("a").fail("a broke");
    assertThat(started).containsExactly("a", "b");
    assertThat(all.isComplete()).as("b is still in flight").isFalse();
    running.get("b").complete();

    assertThat(started).containsExactly("a", "b");
    assertThat(all.cause()).hasMessage("a broke");
  }

  @Test
  void for_each_succeeds_once_every_item_is_done() {
    Future<Void> all = ConcurrencyLimit.forEach(List.of("a", "b", "c"), 2, this::task);

    running.get("a").complete();
    running.get("b").complete();
    assertThat(all.isComplete()).isFalse();
    running.get("c").complete();

    assertThat(all.succeeded()).isTrue();
    assertThat(ConcurrencyLimit.forEach(List.<String>of(), 2, this::task).succeeded()).isTrue();
  }
}
