package io.autoanime.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RetryTest {
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<String> announced = new ArrayList<>();

  /** Fails with "transient n" for the first {@code failures} attempts, then answers "done". */
  private Future<String> failing(int failures) {
    int attempt = attempts.incrementAndGet();
    return attempt <= failures ? Future.failedFuture(new IllegalStateException("transient " + attempt))
        : Future.succeededFuture("done");
  }

  private Retry retry(Vertx vertx, int maxRetries) {
    return new Retry(vertx, maxRetries, failure -> failure.getMessage().startsWith("transient"), retry -> retry)
        .announcing((failure, retry, pause) -> announced.add(failure.getMessage() + " -> retry " + retry + " after " + pause));
  }

  @Test
  void a_failure_worth_retrying_is_tried_again_after_each_pause_until_it_succeeds(Vertx vertx) {
    String result = TestService.await(retry(vertx, 3).run(() -> failing(2)));

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
    assertThat(announced).containsExactly("transient 1 -> retry 1 after 1", "transient 2 -> retry 2 after 2");
  }

  @Test
  void when_the_retries_are_spent_the_last_failure_is_the_answer(Vertx vertx) {
    Throwable failure = catchThrowable(() -> TestService.await(retry(vertx, 2).run(() -> failing(10))));

    assertThat(failure).hasMessageContaining("transient 3");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void a_failure_not_worth_retrying_is_the_answer_at_once(Vertx vertx) {
    Throwable failure = catchThrowable(() -> TestService.await(retry(vertx, 5)
        .run(() -> {
          attempts.incrementAndGet();
          return Future.failedFuture(new IllegalArgumentException("refused"));
        })));

    assertThat(failure).hasMessageContaining("refused");
    assertThat(attempts).hasValue(1);
    assertThat(announced).isEmpty();
  }

  @Test
  void doubling_pauses_start_at_the_base_and_are_never_zero() {
    assertThat(Retry.doubling(10).applyAsLong(1)).isEqualTo(10);
    assertThat(Retry.doubling(10).applyAsLong(2)).isEqualTo(20);
    assertThat(Retry.doubling(10).applyAsLong(4)).isEqualTo(80);
    assertThat(Retry.doubling(0).applyAsLong(3)).isEqualTo(1);
  }
}
