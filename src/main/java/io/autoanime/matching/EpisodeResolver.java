package io.autoanime.matching;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns placements into episode row ids: one statement for any number of releases. Only episodes
 * Sonarr still lists are found.
 */
public final class EpisodeResolver {
  static final String RESOLVE = """
      SELECT k.ordinal, e.id
        FROM UNNEST($1::int[], $2::bigint[], $3::text[], $4::int[], $5::int[])
             AS k(ordinal, series_id, kind, season_number, number)
        CROSS JOIN LATERAL (
              (SELECT e.id FROM series_episodes e
                WHERE k.kind = 'absolute'
                  AND e.series_id = k.series_id AND e.absolute_episode_number = k.number
                  AND e.removed_from_sonarr_at IS NULL
                ORDER BY e.id LIMIT 1)
          UNION ALL
              (SELECT e.id FROM series_episodes e
                WHERE k.kind = 'season'
                  AND e.series_id = k.series_id AND e.season_number = k.season_number AND e.episode_number = k.number
                  AND e.removed_from_sonarr_at IS NULL
                ORDER BY e.id LIMIT 1)
          UNION ALL
              (SELECT e.id FROM series_episodes e
                WHERE k.kind = 'season_or_absolute'
                  AND e.series_id = k.series_id AND e.season_number = k.season_number
                  AND (e.absolute_episode_number = k.number OR e.episode_number = k.number)
                  AND e.removed_from_sonarr_at IS NULL
                ORDER BY e.absolute_episode_number = k.number DESC, e.id LIMIT 1)
          UNION ALL
              (SELECT e.id FROM series_episodes e
                WHERE k.kind = 'season_then_absolute'
                  AND e.series_id = k.series_id AND e.season_number = k.season_number
                  AND (e.episode_number = k.number OR e.absolute_episode_number = k.number)
                  AND e.removed_from_sonarr_at IS NULL
                ORDER BY e.episode_number = k.number DESC, e.id LIMIT 1)
          UNION ALL
              (SELECT e.id FROM series_episodes e
                WHERE k.kind = 'whole_season'
                  AND e.series_id = k.series_id AND e.season_number = k.season_number
                  AND e.removed_from_sonarr_at IS NULL)
        ) e
       ORDER BY k.ordinal, e.id""";

  private EpisodeResolver() {}

  /** The episode ids of each placement, in the order given (an empty list where none is found). */
  public static Future<List<List<Long>>> resolve(SqlClient client, List<Placement> placements) {
    List<Integer> ordinals = new ArrayList<>();
    List<Long> seriesIds = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<Integer> seasons = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < placements.size(); i++) {
      Placement placement = placements.get(i);
      for (EpisodeKey key : placement.keys()) {
        ordinals.add(i);
        seriesIds.add(placement.seriesId());
        kinds.add(key.kind());
        seasons.add(key.seasonNumber());
        numbers.add(key.number());
      }
    }
    List<List<Long>> resolved = new ArrayList<>(placements.size());
    for (int i = 0; i < placements.size(); i++) {
      resolved.add(new ArrayList<>());
    }
    if (ordinals.isEmpty()) {
      return Future.succeededFuture(resolved);
    }
    Tuple parameters = Tuple.tuple()
        .addArrayOfInteger(ordinals.toArray(Integer[]::new))
        .addArrayOfLong(seriesIds.toArray(Long[]::new))
        .addArrayOfString(kinds.toArray(String[]::new))
        .addArrayOfInteger(seasons.toArray(Integer[]::new))
        .addArrayOfInteger(numbers.toArray(Integer[]::new));
    return client.preparedQuery(RESOLVE).execute(parameters).map(rows -> {
      Map<Integer, Set<Long>> byOrdinal = new HashMap<>();
      for (Row row : rows) {
        byOrdinal.computeIfAbsent(row.getInteger(0), k -> new LinkedHashSet<>()).add(row.getLong(1));
      }
      byOrdinal.forEach((ordinal, ids) -> resolved.get(ordinal).addAll(ids));
      return resolved;
    });
  }
}
