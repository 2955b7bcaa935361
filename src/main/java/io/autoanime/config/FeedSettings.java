package io.autoanime.config;

/**
 * How feeds are polled: the default interval of a feed (a feed may set its own, at least
 * {@link #MIN_POLL_MINUTES}), how often the scheduler looks for feeds that are due, and the limits
 * of one fetch.
 */
public record FeedSettings(int pollMinutes, int checkSeconds, int timeoutSeconds, long maxBytes) {
  public static final int MIN_POLL_MINUTES = 5;
  public static final int MAX_POLL_MINUTES = 7 * 24 * 60;
}
