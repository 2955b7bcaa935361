package io.autoanime.config;

/**
 * Intervals the service keeps fixed (they are not settings): how often a running sync records and
 * publishes its progress, how often it logs it, how long an answer of the library's read cache may
 * be kept (what another instance wrote shows within that time), how often a sync waiting for
 * another instance's run looks at it again, and how long after the start the releases placed on no
 * episode for 90 days are first pruned (then every 6 hours). Tests shorten or lengthen them instead
 * of waiting them out.
 */
public record Intervals(long syncProgressRecordMs, long syncProgressLogMs, long readCacheMaxAgeMs,
    long otherInstanceSyncCheckMs, long firstPruneDelayMs) {
  public static final Intervals DEFAULT = new Intervals(1000, 5000, 2000, 1000, 1000);

  public Intervals withSyncProgressLogMs(long ms) {
    return new Intervals(syncProgressRecordMs, ms, readCacheMaxAgeMs, otherInstanceSyncCheckMs, firstPruneDelayMs);
  }

  public Intervals withReadCacheMaxAgeMs(long ms) {
    return new Intervals(syncProgressRecordMs, syncProgressLogMs, ms, otherInstanceSyncCheckMs, firstPruneDelayMs);
  }

  public Intervals withOtherInstanceSyncCheckMs(long ms) {
    return new Intervals(syncProgressRecordMs, syncProgressLogMs, readCacheMaxAgeMs, ms, firstPruneDelayMs);
  }

  public Intervals withFirstPruneDelayMs(long ms) {
    return new Intervals(syncProgressRecordMs, syncProgressLogMs, readCacheMaxAgeMs, otherInstanceSyncCheckMs, ms);
  }
}
