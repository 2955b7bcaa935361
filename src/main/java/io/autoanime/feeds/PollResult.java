package io.autoanime.feeds;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What one poll of one feed brought: releases not seen before, the releases it placed on an episode
 * (those new ones, and stored copies of another feed its titles placed: {@link CopyTakeOver}), or the error.
 */
public record PollResult(long feedId, int newItems, int matchedItems, int skippedItems, String error,
    Set<Long> episodeIds) {
  public static PollResult failed(long feedId, String error) {
    return new PollResult(feedId, 0, 0, 0, error, Set.of());
  }

  public static PollResult notModified(long feedId) {
    return new PollResult(feedId, 0, 0, 0, null, Set.of());
  }

  /** {@code skippedItems}: items of the feed without a title or a link, not stored. */
  public JsonObject toJson() {
    return new JsonObject().put("newItems", newItems).put("matchedItems", matchedItems).put("skippedItems", skippedItems)
        .put("error", error);
  }
}
