package io.autoanime.feeds;

import io.autoanime.matching.DownloadRule;
import io.autoanime.matching.ReleaseMatcher;
import io.autoanime.matching.ReleasePlacer;
import io.autoanime.matching.RuleStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Places again the stored releases a change of the library or of the rules may have moved, in
 * batches of {@value #BATCH} (newest first): those placed on no episode (the newest
 * {@value FeedItemStore#UNPLACED_REMATCH_LIMIT}), those placed on the series of the scope, and
 * those placed elsewhere that a rule of a series whose rules changed reads. Only releases of the
 * last {@value FeedItemStore#UNPLACED_DAYS} days, and never one a download uses. A release placed
 * as before is not written again.
 */
final class Rematcher {
  static final int BATCH = 1000;
  /** Titles read per statement when looking for releases a changed rule reads (titles only, no parse). */
  static final int TITLE_BATCH = 5000;

  /** Releases looked at, those placed on an episode, the placements that changed, and the episodes placed on. */
  record Outcome(int releases, int placed, int changed, Set<Long> episodeIds) {}

  private final Pool pool;
  private final FeedItemStore items;
  private final ReleasePlacer placer;

  Rematcher(Pool pool, FeedItemStore items, ReleasePlacer placer) {
    this.pool = pool;
    this.items = items;
    this.placer = placer;
  }

  Future<Outcome> rematch(RematchScope scope) {
    Tally tally = new Tally();
    Future<Void> unplaced = pages(FeedItemStore.UNPLACED_REMATCH_LIMIT, BATCH,
        (before, size) -> items.unplaced(before, size), ReleasePlacer.Release::itemId, tally::place);
    return unplaced
        .compose(v -> scope.seriesIds().isEmpty() ? Future.<Void>succeededFuture() : pages(Integer.MAX_VALUE, BATCH,
            (before, size) -> items.placedInSeries(scope.seriesIds(), before, size), ReleasePlacer.Release::itemId,
            tally::place))
        .compose(v -> scope.ruleSeriesIds().isEmpty() ? Future.<Void>succeededFuture() : readByRules(scope, tally))
        .map(v -> tally.outcome());
  }

  /** The releases placed on other series that an enabled rule of the scope's rule series reads, placed again. */
  private Future<Void> readByRules(RematchScope scope, Tally tally) {
    return RuleStore.enabledRulesOfSeries(pool, scope.ruleSeriesIds().toArray(Long[]::new)).compose(rules -> {
      List<DownloadRule> withPattern = rules.stream().filter(r -> r.pattern().isPresent()).toList();
      if (withPattern.isEmpty()) {
        return Future.succeededFuture();
      }
      return pages(Integer.MAX_VALUE, TITLE_BATCH,
          (before, size) -> items.placedOutsideSeries(scope.ruleSeriesIds(), before, size),
          FeedItemStore.StoredTitle::itemId,
          titles -> items.releases(titles.stream().filter(t -> readByAny(withPattern, t)).map(FeedItemStore.StoredTitle::itemId)
              .toList()).compose(tally::place));
    });
  }

  private static boolean readByAny(List<DownloadRule> rules, FeedItemStore.StoredTitle stored) {
    return rules.stream().anyMatch(rule -> rule.readsFeed(stored.feedId())
        && ReleaseMatcher.byRule(rule, stored.title()).isPresent());
  }

  /** What one page reads: the rows below an id, at most so many. */
  private interface Page<T> {
    Future<List<T>> read(long beforeId, int size);
  }

  /**
   * Reads pages newest first, each below the last id of the one before, and hands each on before the
   * next is read; stops at a short page or after {@code most} rows.
   */
  private static <T> Future<Void> pages(int most, int size, Page<T> page, ToLongFunction<T> id,
      Function<List<T>, Future<Void>> each) {
    return nextPage(Long.MAX_VALUE, most, size, page, id, each);
  }

  private static <T> Future<Void> nextPage(long beforeId, int left, int size, Page<T> page, ToLongFunction<T> id,
      Function<List<T>, Future<Void>> each) {
    int wanted = Math.min(size, left);
    return page.read(beforeId, wanted).compose(rows -> each.apply(rows).compose(v -> rows.size() < wanted
        || left - rows.size() <= 0
        ? Future.<Void>succeededFuture()
        : nextPage(id.applyAsLong(rows.get(rows.size() - 1)), left - rows.size(), size, page, id, each)));
  }

  /** The sum of what each batch did. */
  private final class Tally {
    private int releases;
    private int placed;
    private int changed;
    private final Set<Long> episodeIds = new LinkedHashSet<>();

    Future<Void> place(List<ReleasePlacer.Release> batch) {
      return placer.place(batch).map(outcome -> {
        releases += batch.size();
        placed += outcome.placed();
        changed += outcome.written();
        episodeIds.addAll(outcome.episodeIds());
        return null;
      });
    }

    Outcome outcome() {
      return new Outcome(releases, placed, changed, episodeIds);
    }
  }
}
