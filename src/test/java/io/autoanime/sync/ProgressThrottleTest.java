package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress of a run is recorded at most every second and logged at most every five, on a clock the test turns. */
class ProgressThrottleTest {
  private final AtomicLong now = new AtomicLong(10_000);
  private final ProgressThrottle throttle = new ProgressThrottle(1000, 5000, now::get);

  @Test
  void progress_is_recorded_once_per_interval_counted_from_the_start_of_the_run() {
    assertThat(throttle.recordNow()).isFalse();
    now.addAndGet(999);
    assertThat(throttle.recordNow()).isFalse();
    now.addAndGet(1);
    assertThat(throttle.recordNow()).isTrue();
    assertThat(throttle.recordNow()).as("the wait starts again").isFalse();
    now.addAndGet(1000);
    assertThat(throttle.recordNow()).isTrue();
  }

  @Test
  void progress_is_logged_on_its_own_slower_interval() {
    now.addAndGet(4999);
    assertThat(throttle.recordNow()).isTrue();
    assertThat(throttle.logNow()).isFalse();
    now.addAndGet(1);
    assertThat(throttle.logNow()).isTrue();
    assertThat(throttle.logNow()).isFalse();
    assertThat(throttle.recordNow()).as("recording keeps its own pace").isFalse();
  }

  @Test
  void with_no_interval_every_progress_counts() {
    ProgressThrottle eager = new ProgressThrottle(0, 0, now::get);
    assertThat(eager.recordNow()).isTrue();
    assertThat(eager.recordNow()).isTrue();
    assertThat(eager.logNow()).isTrue();
  }
}
