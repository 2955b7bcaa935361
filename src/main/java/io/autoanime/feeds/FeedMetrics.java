package io.autoanime.feeds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Feed metrics: {@code autoanime_feed_polls_total{outcome}} (fetched, not_modified, failed),
 * {@code autoanime_feed_releases_new_total} and {@code autoanime_feed_releases_matched_total}.
 */
final class FeedMetrics {
  private final Counter fetched;
  private final Counter notModified;
  private final Counter failed;
  private final Counter newReleases;
  private final Counter matchedReleases;

  FeedMetrics(MeterRegistry registry) {
    fetched = polls(registry, "fetched");
    notModified = polls(registry, "not_modified");
    failed = polls(registry, "failed");
    newReleases = Counter.builder("autoanime.feed.releases.new")
        .description("Releases seen for the first time").register(registry);
    matchedReleases = Counter.builder("autoanime.feed.releases.matched")
        .description("New releases placed on at least one episode").register(registry);
  }

  private static Counter polls(MeterRegistry registry, String outcome) {
    return Counter.builder("autoanime.feed.polls").tag("outcome", outcome)
        .description("Feed polls by outcome").register(registry);
  }

  void notModified() {
    notModified.increment();
  }

  void failed() {
    failed.increment();
  }

  void fetched(PollResult result) {
    fetched.increment();
    newReleases.increment(result.newItems());
    matchedReleases.increment(result.matchedItems());
  }
}
