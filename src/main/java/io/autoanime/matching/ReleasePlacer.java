package io.autoanime.matching;

import io.autoanime.releases.ParsedRelease;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places stored releases on episodes and writes where each went, in a fixed number of statements
 * whatever the number of releases: the library's titles (cached until the library changes), the
 * enabled rules, one statement that resolves every episode, one that writes every placement that
 * changed (or was never written: {@code matched_at} null). A release a download uses is never moved:
 * the download's episodes must not change under it.
 */
public final class ReleasePlacer {
  /** A stored release to place. */
  public record Release(long itemId, Long feedId, String title, ParsedRelease parsed) {}

  /**
   * How many releases were placed on at least one episode, on which episodes, and how many placements
   * were written (those that changed).
   */
  public record Outcome(int placed, Set<Long> episodeIds, int written) {
    public static Outcome none() {
      return new Outcome(0, Set.of(), 0);
    }
  }

  // The rows to write are locked first, in id order: a poll's write and a re-placement's write of the
  // same rows would otherwise lock them in the order of their lists (ascending, descending), and
  // PostgreSQL would abort one of them for a deadlock. A release's rule is locked once its row is (as
  // its foreign key would lock it): a rule being removed is waited for, and then gone, the release is
  // written without it, where its foreign key would have failed the whole write, and on no episode:
  // the episodes were the rule's, and a download could take them before the removal's re-placement
  // places the release afresh. A release is written only while it is what it was placed from (its
  // title and feed): a poll that took it over meanwhile (CopyTakeOver: another feed's title) writes
  // its own placement, which a placement of the old title would overwrite. Its feed's removal (feed
  // null) changes nothing a placement reads: no rule reads a removed feed. The rows locked carry the
  // values to write: joined to p again, the UPDATE ran, in the plan PostgreSQL keeps for the
  // statement (it expects a handful of rows), a scan of p per row.
  static final String WRITE_PLACEMENTS = """
      WITH p AS (
             SELECT *
               FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[],
                           $7::bigint[])
                    AS p(id, series_id, episode_ids, rule_id, reason, title, feed_id)),
           changed AS MATERIALIZED (
             SELECT f.id, p.series_id, p.episode_ids::bigint[] AS episode_ids, p.rule_id, p.reason
               FROM feed_items f
               JOIN p ON p.id = f.id
              WHERE f.title = p.title AND (f.feed_id = p.feed_id OR f.feed_id IS NULL)
                AND ((f.series_id, f.episode_ids, f.rule_id, f.match_reason)
                     IS DISTINCT FROM (p.series_id, p.episode_ids::bigint[], p.rule_id, p.reason)
                     OR f.matched_at IS NULL)
                AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = f.id)
              ORDER BY f.id
                FOR NO KEY UPDATE OF f)
      UPDATE feed_items AS f
         SET series_id = CASE WHEN kept.rule THEN changed.series_id END,
             episode_ids = CASE WHEN kept.rule THEN changed.episode_ids ELSE '{}' END,
             rule_id = rule.id,
             match_reason = CASE WHEN kept.rule THEN changed.reason ELSE 'its rule was removed' END,
             matched_at = now()
        FROM changed
        LEFT JOIN LATERAL (SELECT r.id FROM download_rules r WHERE r.id = changed.rule_id FOR KEY SHARE) AS rule
               ON true
        CROSS JOIN LATERAL (SELECT rule.id IS NOT DISTINCT FROM changed.rule_id) AS kept(rule)
       WHERE f.id = changed.id""";

  private final Pool pool;
  private Future<LibraryTitles> titles;

  public ReleasePlacer(Pool pool) {
    this.pool = pool;
  }

  /** The library's titles changed (a sync ran): the next placement reads them again. */
  public void libraryChanged() {
    titles = null;
  }

  /** Where a release would go: its placement and the episode rows found for it (empty: none). */
  public record Resolved(Placement placement, List<Long> episodeIds) {}

  public Future<Outcome> place(List<Release> releases) {
    return resolve(releases).compose(resolved -> write(releases, resolved));
  }

  /** Where each release would go, in the order given, without writing anything. */
  public Future<List<Resolved>> resolve(List<Release> releases) {
    if (releases.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return titles().compose(library -> RuleStore.enabledRules(pool).compose(rules -> {
      ReleaseMatcher matcher = new ReleaseMatcher(library, rules);
      List<Placement> placements = releases.stream()
          .map(r -> matcher.place(r.title(), r.parsed(), r.feedId()))
          .toList();
      return EpisodeResolver.resolve(pool, placements).map(episodes -> {
        List<Resolved> resolved = new ArrayList<>(placements.size());
        for (int i = 0; i < placements.size(); i++) {
          resolved.add(new Resolved(placements.get(i), episodes.get(i)));
        }
        return resolved;
      });
    }));
  }

  private Future<LibraryTitles> titles() {
    if (titles == null) {
      Future<LibraryTitles> loading = LibraryTitlesQuery.load(pool);
      titles = loading;
      loading.onFailure(e -> {
        if (titles == loading) {
          titles = null;
        }
      });
    }
    return titles;
  }

  /** Writes where the releases go ({@link #resolve}'s answer for them), skipping rows placed as before. */
  public Future<Outcome> write(List<Release> releases, List<Resolved> resolved) {
    if (releases.isEmpty()) {
      return Future.succeededFuture(Outcome.none());
    }
    List<Long> ids = new ArrayList<>();
    List<Long> seriesIds = new ArrayList<>();
    List<String> episodeIds = new ArrayList<>();
    List<Long> ruleIds = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    List<Long> feedIds = new ArrayList<>();
    Set<Long> placedEpisodes = new LinkedHashSet<>();
    int placed = 0;
    for (int i = 0; i < releases.size(); i++) {
      Placement placement = resolved.get(i).placement();
      List<Long> found = resolved.get(i).episodeIds();
      String reason = placement.reason();
      if (placement.placed() && found.isEmpty()) {
        reason = reason + "; no such episode in the library (yet)";
      }
      if (!found.isEmpty()) {
        placed++;
        placedEpisodes.addAll(found);
      }
      ids.add(releases.get(i).itemId());
      seriesIds.add(placement.seriesId());
      episodeIds.add(found.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
      ruleIds.add(placement.ruleId());
      reasons.add(reason);
      titles.add(releases.get(i).title());
      feedIds.add(releases.get(i).feedId());
    }
    Tuple parameters = Tuple.tuple()
        .addArrayOfLong(ids.toArray(Long[]::new))
        .addArrayOfLong(seriesIds.toArray(Long[]::new))
        .addArrayOfString(episodeIds.toArray(String[]::new))
        .addArrayOfLong(ruleIds.toArray(Long[]::new))
        .addArrayOfString(reasons.toArray(String[]::new))
        .addArrayOfString(titles.toArray(String[]::new))
        .addArrayOfLong(feedIds.toArray(Long[]::new));
    int placedReleases = placed;
    return pool.preparedQuery(WRITE_PLACEMENTS).execute(parameters)
        .map(written -> new Outcome(placedReleases, placedEpisodes, written.rowCount()));
  }
}
