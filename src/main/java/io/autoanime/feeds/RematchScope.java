package io.autoanime.feeds;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What a re-placement looks at besides the releases placed on no episode: the releases placed on the
 * series of {@code seriesIds} (their episodes, titles or rules changed), and, for the series of
 * {@code ruleSeriesIds} (their rules changed), the releases placed on other series that one of
 * their rules reads (rules come before the automatic matching).
 */
record RematchScope(Set<Long> seriesIds, Set<Long> ruleSeriesIds) {
  RematchScope {
    seriesIds = Set.copyOf(seriesIds);
    ruleSeriesIds = Set.copyOf(ruleSeriesIds);
  }

  static RematchScope unplacedOnly() {
    return new RematchScope(Set.of(), Set.of());
  }

  static RematchScope libraryChanged(Collection<Long> seriesIds) {
    return new RematchScope(Set.copyOf(seriesIds), Set.of());
  }

  static RematchScope rulesChanged(long seriesId) {
    return new RematchScope(Set.of(seriesId), Set.of(seriesId));
  }

  RematchScope with(RematchScope other) {
    Set<Long> series = new HashSet<>(seriesIds);
    series.addAll(other.seriesIds);
    Set<Long> ruleSeries = new HashSet<>(ruleSeriesIds);
    ruleSeries.addAll(other.ruleSeriesIds);
    return new RematchScope(series, ruleSeries);
  }
}
