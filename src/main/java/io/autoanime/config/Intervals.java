package io.autoanime.config;

/**
 * Intervals the service keeps fixed (they are not settings): how often a running sync records and
 * publishes its progress, how often it logs it, how long an answer of the library's read cache may
 * be kept (what another instance wrote shows within that time), and how often a sync waiting for
 * another instance's run looks at it again. Tests shorten or lengthen them instead of waiting them out.
 */
public record Intervals(long syncProgressRecordMs, long syncProgressLogMs, long readCacheMaxAgeMs,
    long otherInstanceSyncCheckMs) {
  public static final Intervals DEFAULT = new Intervals(1000, 5000, 2000, 1000);

  public Intervals withSyncProgressLogMs(long ms) {
    return new Intervals(syncProgressRecordMs, ms, readCacheMaxAgeMs, otherInstanceSyncCheckMs);
  }

  public Intervals withReadCacheMaxAgeMs(long ms) {
    return new Intervals(syncProgressRecordMs, syncProgressLogMs, ms, otherInstanceSyncCheckMs);
  }

  public Intervals withOtherInstanceSyncCheckMs(long ms) {
    return new Intervals(syncProgressRecordMs, syncProgressLogMs, readCacheMaxAgeMs, ms);
  }
}
