package io.autoanime.feeds;

import java.util.List;

/**
 * A feed as read: its entries in document order (the first of several with the same guid), and how
 * many items were skipped because they had no title or no download link.
 */
public record FeedDocument(FeedKind kind, List<FeedEntry> entries, int skippedItems) {
  public FeedDocument {
    entries = List.copyOf(entries);
  }
}
