package io.autoanime.matching;

import io.autoanime.config.ReleasePreferences;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A user's download rule for one series (or one season of it): a pattern that places releases the
 * automatic matching cannot, on one feed or on all, and preferences that rank releases. A rule
 * without a pattern only sets preferences. {@code updatedAt}, when it was last written (null for a
 * rule not stored), tells a placement made from these settings whether they are still the rule's.
 */
public record DownloadRule(
    long id,
    long seriesId,
    Integer seasonNumber,
    Long feedId,
    Optional<RulePattern> pattern,
    int episodeOffset,
    boolean enabled,
    ReleasePreferences preferences,
    OffsetDateTime updatedAt) {

  /** Whether this rule reads releases of {@code feedId} (a rule without a feed reads every feed). */
  public boolean readsFeed(Long itemFeedId) {
    return feedId == null || feedId.equals(itemFeedId);
  }
}
