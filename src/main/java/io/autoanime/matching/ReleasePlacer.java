package io.autoanime.matching;

import io.autoanime.releases.ParsedRelease;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places stored releases on episodes and writes where each went, in a fixed number of statements
 * whatever the number of releases: the library's titles (cached until the library changes), the
 * enabled rules, one statement that resolves every episode, one that locks and one that writes every
 * placement that changed (or was never written: {@code matched_at} null). A release a download uses is
 * never moved: the download's episodes must not change under it.
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

  // The rules the placements name are locked first, in their own statement (so that the write's
  // snapshot sees what a change or removal of them committed meanwhile), in id order, FOR SHARE: the
  // user's change of a rule (which unplaces the releases it placed) waits for the write, and sees the
  // releases it wrote; a write that comes during a change waits for it. The change and the removal of
  // a rule lock the rule before its releases, as this does.
  static final String LOCK_RULES = """
      SELECT r.id FROM download_rules r WHERE r.id = ANY($1::bigint[]) ORDER BY r.id FOR SHARE""";
  // The rows to write are locked first, in id order: a poll's write and a re-placement's write of the
  // same rows would otherwise lock them in the order of their lists (ascending, descending), and
  // PostgreSQL would abort one of them for a deadlock. A release whose rule was removed since the
  // placement read it is written without it (its foreign key would fail the whole write) and on no
  // episode: the episodes were the rule's, and a download could take them before the removal's
  // re-placement places the release afresh. A release placed by a rule changed (or disabled) since
  // is not written: the change unplaced the rule's releases, and its re-placement places them by the
  // new settings; written, it would keep episodes the rule no longer gives it. A release is written
  // only while it is what it was placed from (its title and feed): a poll that took it over meanwhile
  // (CopyTakeOver: another feed's title) writes its own placement, which a placement of the old title
  // would overwrite. Its feed's removal (feed null) changes nothing a placement reads: no rule reads a
  // removed feed. The rows locked carry the values to write: joined to p again, the UPDATE ran, in
  // the plan PostgreSQL keeps for the statement (it expects a handful of rows), a scan of p per row.
  static final String PLACEMENTS = """
      p AS (SELECT *
              FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[],
                          $7::bigint[], $8::timestamptz[])
                   AS p(id, series_id, episode_ids, rule_id, reason, title, feed_id, rule_updated_at))""";
  static final String CHANGED = """
      SELECT f.id, p.series_id, p.episode_ids::bigint[] AS episode_ids, p.rule_id, p.reason,
             r.id IS NOT DISTINCT FROM p.rule_id AS rule_kept
        FROM feed_items f
        JOIN p ON p.id = f.id
        LEFT JOIN download_rules r ON r.id = p.rule_id
       WHERE f.title = p.title AND (f.feed_id = p.feed_id OR f.feed_id IS NULL)
         AND (r.id IS NULL OR r.updated_at = p.rule_updated_at)
         AND ((f.series_id, f.episode_ids, f.rule_id, f.match_reason)
              IS DISTINCT FROM (p.series_id, p.episode_ids::bigint[], p.rule_id, p.reason)
              OR f.matched_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = f.id)
       ORDER BY f.id
         FOR NO KEY UPDATE OF f""";
  // The rows to write are locked in a statement of their own before the write, whose snapshot (taken
  // once they are locked) then sees every download of them committed meanwhile: a download being
  // recorded locks its release FOR SHARE (DownloadStore.create), so the lock waits for it, and the
  // write leaves the release on the download's episodes. In one statement, the write's snapshot
  // (taken before it waited) did not see that download, and moved its release.
  static final String LOCK_PLACEMENTS = "WITH " + PLACEMENTS + "\n" + CHANGED;
  static final String WRITE_PLACEMENTS = "WITH " + PLACEMENTS + ",\n changed AS MATERIALIZED (\n" + CHANGED + """
      )
      UPDATE feed_items AS f
         SET series_id = CASE WHEN changed.rule_kept THEN changed.series_id END,
             episode_ids = CASE WHEN changed.rule_kept THEN changed.episode_ids ELSE '{}' END,
             rule_id = CASE WHEN changed.rule_kept THEN changed.rule_id END,
             match_reason = CASE WHEN changed.rule_kept THEN changed.reason ELSE 'its rule was removed' END,
             matched_at = now()
        FROM changed
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

  /**
   * Where a release would go: its placement, the episode rows found for it (empty: none), and when
   * the rule that placed it was last written as the placement read it (null: no rule).
   */
  public record Resolved(Placement placement, List<Long> episodeIds, OffsetDateTime ruleUpdatedAt) {}

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
      Map<Long, OffsetDateTime> ruleUpdates = new HashMap<>();
      rules.forEach(rule -> ruleUpdates.put(rule.id(), rule.updatedAt()));
      List<Placement> placements = releases.stream()
          .map(r -> matcher.place(r.title(), r.parsed(), r.feedId()))
          .toList();
      return EpisodeResolver.resolve(pool, placements).map(episodes -> {
        List<Resolved> resolved = new ArrayList<>(placements.size());
        for (int i = 0; i < placements.size(); i++) {
          Placement placement = placements.get(i);
          Long ruleId = placement.ruleId();
          resolved.add(new Resolved(placement, episodes.get(i), ruleId == null ? null : ruleUpdates.get(ruleId)));
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
    List<OffsetDateTime> ruleUpdates = new ArrayList<>();
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
      ruleUpdates.add(resolved.get(i).ruleUpdatedAt());
    }
    Tuple parameters = Tuple.tuple()
        .addArrayOfLong(ids.toArray(Long[]::new))
        .addArrayOfLong(seriesIds.toArray(Long[]::new))
        .addArrayOfString(episodeIds.toArray(String[]::new))
        .addArrayOfLong(ruleIds.toArray(Long[]::new))
        .addArrayOfString(reasons.toArray(String[]::new))
        .addArrayOfString(titles.toArray(String[]::new))
        .addArrayOfLong(feedIds.toArray(Long[]::new))
        .addArrayOfOffsetDateTime(ruleUpdates.toArray(OffsetDateTime[]::new));
    Long[] rulesUsed = ruleIds.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
    Future<RowSet<Row>> written = pool.withTransaction(connection -> (rulesUsed.length == 0
        ? Future.<Void>succeededFuture()
        : connection.preparedQuery(LOCK_RULES).execute(Tuple.tuple().addArrayOfLong(rulesUsed)).<Void>mapEmpty())
        .compose(v -> connection.preparedQuery(LOCK_PLACEMENTS).execute(parameters))
        .compose(locked -> connection.preparedQuery(WRITE_PLACEMENTS).execute(parameters)));
    int placedReleases = placed;
    return written.map(rows -> new Outcome(placedReleases, placedEpisodes, rows.rowCount()));
  }
}
