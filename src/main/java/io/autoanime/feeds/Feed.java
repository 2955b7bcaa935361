package io.autoanime.feeds;

import java.time.Instant;

/** A stored feed, as polling needs it: where to fetch, how often, and the validators of the last fetch. */
public record Feed(long id, String name, String url, FeedKind kind, boolean enabled, Integer pollMinutes,
    String etag, String lastModified, Instant lastPolledAt) {

  /** The feed's own interval, else the service default. */
  public int pollMinutesOr(int defaultMinutes) {
    return pollMinutes == null ? defaultMinutes : pollMinutes;
  }
}
