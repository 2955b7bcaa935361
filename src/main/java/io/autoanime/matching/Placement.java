package io.autoanime.matching;

import java.util.List;

/**
 * Where a release goes: a series and the episodes it names, by the rule that placed it (null when
 * the automatic matching did), with a reason a user can read. {@code seriesId} null: no series.
 */
public record Placement(Long seriesId, List<EpisodeKey> keys, Long ruleId, String reason) {
  public Placement {
    keys = List.copyOf(keys);
  }

  public static Placement none(String reason) {
    return new Placement(null, List.of(), null, reason);
  }

  public boolean placed() {
    return seriesId != null && !keys.isEmpty();
  }
}
