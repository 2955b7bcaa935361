package io.autoanime.sync;

import java.util.function.LongSupplier;

/**
 * Paces a run's progress reports: the ledger row and the progress event at most every
 * {@code recordEveryMs}, the log line at most every {@code logEveryMs}, both counted from the start
 * of the run.
 */
final class ProgressThrottle {
  private final long recordEveryMs;
  private final long logEveryMs;
  private final LongSupplier clockMs;
  private long lastRecordedAt;
  private long lastLoggedAt;

  ProgressThrottle(long recordEveryMs, long logEveryMs, LongSupplier clockMs) {
    this.recordEveryMs = recordEveryMs;
    this.logEveryMs = logEveryMs;
    this.clockMs = clockMs;
    lastRecordedAt = lastLoggedAt = clockMs.getAsLong();
  }

  /** Whether progress made now is to be recorded and published (and if so, the wait starts again). */
  boolean recordNow() {
    long now = clockMs.getAsLong();
    if (now - lastRecordedAt < recordEveryMs) {
      return false;
    }
    lastRecordedAt = now;
    return true;
  }

  /** How long until progress may be recorded again (0: now). */
  long msUntilNextRecord() {
    return Math.max(0, lastRecordedAt + recordEveryMs - clockMs.getAsLong());
  }

  /** Whether progress made now is to be logged (and if so, the wait starts again). */
  boolean logNow() {
    long now = clockMs.getAsLong();
    if (now - lastLoggedAt < logEveryMs) {
      return false;
    }
    lastLoggedAt = now;
    return true;
  }
}
