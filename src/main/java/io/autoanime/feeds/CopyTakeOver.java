package io.autoanime.feeds;

import io.autoanime.matching.ReleasePlacer;
import io.autoanime.releases.ParsedRelease;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One torrent (one info hash) is stored once, whichever feed brought it first. When that first copy
 * is placed on no episode (Mikan's Chinese title, say) and a later feed names the same torrent in a
 * title that places it (nyaa's romaji one), the stored release becomes the later feed's copy: its
 * feed, title, guid, links and parse, and its placement. A copy that is placed, or that a download
 * uses, is kept as it is. Costs one statement per poll when no copy is placeable.
 */
final class CopyTakeOver {
  private final FeedItemStore items;
  private final ReleasePlacer placer;

  CopyTakeOver(FeedItemStore items, ReleasePlacer placer) {
    this.items = items;
    this.placer = placer;
  }

  /** Takes over the unplaced copies on other feeds of these entries that this feed's titles place. */
  Future<ReleasePlacer.Outcome> takeOver(long feedId, List<FeedEntry> entries, List<ParsedRelease> parses) {
    List<String> hashes = entries.stream().map(FeedEntry::infoHash).filter(h -> h != null).distinct().toList();
    return items.unplacedCopiesOnOtherFeeds(feedId, hashes).compose(copies -> {
      List<ReleasePlacer.Release> candidates = new ArrayList<>();
      List<FeedEntry> candidateEntries = new ArrayList<>();
      List<ParsedRelease> candidateParses = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Long itemId = entries.get(i).infoHash() == null ? null : copies.get(entries.get(i).infoHash());
        if (itemId != null) {
          candidates.add(new ReleasePlacer.Release(itemId, feedId, entries.get(i).title(), parses.get(i)));
          candidateEntries.add(entries.get(i));
          candidateParses.add(parses.get(i));
        }
      }
      return placer.resolve(candidates).compose(resolved -> {
        List<Integer> placeable = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
          if (!resolved.get(i).episodeIds().isEmpty()) {
            placeable.add(i);
          }
        }
        return items.takeOver(feedId, pick(candidates, placeable).stream().map(ReleasePlacer.Release::itemId).toList(),
                pick(candidateEntries, placeable), pick(candidateParses, placeable))
            .compose(taken -> writeTaken(taken, pick(candidates, placeable), pick(resolved, placeable)));
      });
    });
  }

  private Future<ReleasePlacer.Outcome> writeTaken(Set<Long> taken, List<ReleasePlacer.Release> releases,
      List<ReleasePlacer.Resolved> resolved) {
    List<ReleasePlacer.Release> takenReleases = new ArrayList<>();
    List<ReleasePlacer.Resolved> takenResolved = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      if (taken.contains(releases.get(i).itemId())) {
        takenReleases.add(releases.get(i));
        takenResolved.add(resolved.get(i));
      }
    }
    return placer.write(takenReleases, takenResolved);
  }

  private static <T> List<T> pick(List<T> list, List<Integer> indexes) {
    return indexes.stream().map(list::get).toList();
  }
}
