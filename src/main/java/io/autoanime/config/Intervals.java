package io.autoanime.config;

/**
 * Intervals the service keeps fixed (they are not settings): how often a running sync records and
 * publishes its progress, and how often it logs it. Tests shorten them instead of waiting them out.
 */
public record Intervals(long syncProgressRecordMs, long syncProgressLogMs) {
  public static final Intervals DEFAULT = new Intervals(1000, 5000);
}
