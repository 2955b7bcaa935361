package io.autoanime.matching;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.db.RetriedTransactions;
import io.autoanime.db.Rows;
import io.autoanime.library.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The download rules table: the user's rules, written only through the API. Changing or removing a
 * rule also unplaces the releases it placed (but those a download uses), so the next matching
 * places them afresh.
 */
public final class RuleStore {
  private static final String COLUMNS = """
      id, series_id, season_number, feed_id, pattern, episode_offset, enabled, resolution,
      preferred_groups, must_contain, must_not_contain, created_at, updated_at""";

  static final String RULES_OF_SERIES = "SELECT " + COLUMNS + " FROM download_rules WHERE series_id = $1 ORDER BY id";
  static final String RULE = "SELECT " + COLUMNS + " FROM download_rules WHERE id = $1";
  static final String ENABLED_RULES = "SELECT " + COLUMNS + " FROM download_rules WHERE enabled ORDER BY id";
  static final String ENABLED_RULES_OF_SERIES = "SELECT " + COLUMNS
      + " FROM download_rules WHERE series_id = ANY($1::bigint[]) AND enabled ORDER BY id";
  static final String INSERT = """
      INSERT INTO download_rules (series_id, season_number, feed_id, pattern, episode_offset, enabled, resolution,
                                  preferred_groups, must_contain, must_not_contain)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      RETURNING\s""" + COLUMNS;
  static final String UPDATE = """
      UPDATE download_rules
         SET season_number = $2, feed_id = $3, pattern = $4, episode_offset = $5, enabled = $6, resolution = $7,
             preferred_groups = $8, must_contain = $9, must_not_contain = $10, updated_at = now()
       WHERE id = $1
      RETURNING\s""" + COLUMNS;
  // A release a download uses keeps its episodes (the download's must not change under it). The rows are
  // locked first, in id order, as the placement write locks its rows: taken in the plan's order, they
  // deadlocked with a re-placement writing them at once. They are locked in a statement of their own,
  // as the placement write locks them (see ReleasePlacer.LOCK_PLACEMENTS): the unplacing's snapshot then
  // sees a download of one recorded meanwhile (which locks it FOR SHARE, so the lock waits for it).
  static final String LOCK_ITEMS_OF_RULE = """
      SELECT i.id
        FROM feed_items i
       WHERE i.rule_id = $1
         AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = i.id)
       ORDER BY i.id
         FOR NO KEY UPDATE OF i""";
  static final String UNPLACE_ITEMS_OF_RULE = "WITH unplaced AS MATERIALIZED (\n" + LOCK_ITEMS_OF_RULE + """
      )
      UPDATE feed_items i
         SET series_id = NULL, episode_ids = '{}', rule_id = NULL, match_reason = 'its rule changed', matched_at = now()
        FROM unplaced
       WHERE i.id = unplaced.id""";
  static final String LET_GO_OF_DOWNLOADED_ITEMS = """
      UPDATE feed_items
         SET rule_id = NULL,
             match_reason = concat_ws('; ', match_reason, 'its rule was removed, a download uses it')
       WHERE rule_id = $1""";
  // The removal locks the rule before its releases, as a placement write and a change do: locked after
  // them, it deadlocked with a placement holding the rule and waiting for one of the releases.
  static final String LOCK_RULE = "SELECT id FROM download_rules WHERE id = $1 FOR UPDATE";
  static final String DELETE = "DELETE FROM download_rules WHERE id = $1 RETURNING series_id";
  static final String SERIES_EXISTS = "SELECT 1 FROM series WHERE id = $1";
  static final String FEED_EXISTS = "SELECT 1 FROM feeds WHERE id = $1";

  private final Pool pool;
  /**
   * Runs the user's writes again when one lost a race: a deadlock with the removal of a feed, or a
   * foreign key that failed on a release a poll placed on the rule meanwhile (its removal), or on the
   * rule's feed, removed meanwhile. Run again, they let go of that release, or answer that the feed is
   * gone.
   */
  private final RetriedTransactions transactions;

  public RuleStore(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.transactions = RetriedTransactions.alsoOnForeignKeyRaces(vertx, pool);
  }

  public static Future<List<DownloadRule>> enabledRules(SqlClient client) {
    return client.query(ENABLED_RULES).execute().map(rows -> {
      List<DownloadRule> rules = new ArrayList<>();
      rows.forEach(row -> rules.add(rule(row)));
      return rules;
    });
  }

  /** The enabled rules of these series, in the order they were made. */
  public static Future<List<DownloadRule>> enabledRulesOfSeries(SqlClient client, Long... seriesIds) {
    return client.preparedQuery(ENABLED_RULES_OF_SERIES).execute(Tuple.tuple().addArrayOfLong(seriesIds)).map(rows -> {
      List<DownloadRule> rules = new ArrayList<>();
      rows.forEach(row -> rules.add(rule(row)));
      return rules;
    });
  }

  public Future<JsonArray> rulesOfSeries(long seriesId) {
    return requireSeries(pool, seriesId)
        .compose(v -> pool.preparedQuery(RULES_OF_SERIES).execute(Tuple.of(seriesId)))
        .map(rows -> {
          JsonArray rules = new JsonArray();
          rows.forEach(row -> rules.add(json(row)));
          return rules;
        });
  }

  public Future<JsonObject> add(long seriesId, RuleSettings settings) {
    return transactions.run("Adding a rule", connection -> requireSeries(connection, seriesId)
        .compose(v -> requireFeed(connection, settings.feedId()))
        .compose(v -> connection.preparedQuery(INSERT).execute(parameters(seriesId, settings)))
        .map(rows -> json(rows.iterator().next())));
  }

  /** The rule's current settings; fails with {@link NotFoundException} for an unknown id. */
  public Future<RuleSettings> settings(long ruleId) {
    return pool.preparedQuery(RULE).execute(Tuple.of(ruleId)).map(rows -> {
      if (rows.size() == 0) {
        throw unknownRule(ruleId);
      }
      return settings(rows.iterator().next());
    });
  }

  public Future<JsonObject> change(long ruleId, RuleSettings settings) {
    return transactions.run("Changing rule " + ruleId, connection -> requireFeed(connection, settings.feedId())
        .compose(v -> connection.preparedQuery(UPDATE).execute(parameters(ruleId, settings)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(unknownRule(ruleId));
          }
          JsonObject rule = json(rows.iterator().next());
          return unplaceItemsOfRule(connection, ruleId).map(rule);
        }));
  }

  /** Removes the rule; answers its series. */
  public Future<Long> remove(long ruleId) {
    return transactions.run("Removing rule " + ruleId, connection -> connection.preparedQuery(LOCK_RULE)
        .execute(Tuple.of(ruleId))
        .compose(v -> unplaceItemsOfRule(connection, ruleId))
        .compose(v -> connection.preparedQuery(LET_GO_OF_DOWNLOADED_ITEMS).execute(Tuple.of(ruleId)))
        .compose(v -> connection.preparedQuery(DELETE).execute(Tuple.of(ruleId)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(unknownRule(ruleId))
            : Future.succeededFuture(rows.iterator().next().getLong("series_id"))));
  }

  /** Unplaces the releases the rule placed that no download uses. */
  private static Future<Void> unplaceItemsOfRule(SqlClient connection, long ruleId) {
    return connection.preparedQuery(LOCK_ITEMS_OF_RULE).execute(Tuple.of(ruleId))
        .compose(locked -> connection.preparedQuery(UNPLACE_ITEMS_OF_RULE).execute(Tuple.of(ruleId)))
        .mapEmpty();
  }

  public static Future<Void> requireSeries(SqlClient client, long seriesId) {
    return client.preparedQuery(SERIES_EXISTS).execute(Tuple.of(seriesId)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(new NotFoundException("no series with id " + seriesId))
        : Future.succeededFuture());
  }

  private static Future<Void> requireFeed(SqlClient client, Long feedId) {
    if (feedId == null) {
      return Future.succeededFuture();
    }
    return client.preparedQuery(FEED_EXISTS).execute(Tuple.of(feedId)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(new io.autoanime.bus.BadRequestException("feedId " + feedId + " names no feed"))
        : Future.succeededFuture());
  }

  private static Tuple parameters(long id, RuleSettings s) {
    return Tuple.tuple().addLong(id).addInteger(s.seasonNumber()).addLong(s.feedId()).addString(s.pattern())
        .addInteger(s.episodeOffset()).addBoolean(s.enabled()).addString(s.resolution())
        .addArrayOfString(s.preferredGroups().toArray(String[]::new))
        .addArrayOfString(s.mustContain().toArray(String[]::new))
        .addArrayOfString(s.mustNotContain().toArray(String[]::new));
  }

  static NotFoundException unknownRule(long ruleId) {
    return new NotFoundException("no rule with id " + ruleId);
  }

  static RuleSettings settings(Row row) {
    return new RuleSettings(row.getInteger("season_number"), row.getLong("feed_id"), row.getString("pattern"),
        row.getInteger("episode_offset"), row.getBoolean("enabled"), row.getString("resolution"),
        words(row, "preferred_groups"), words(row, "must_contain"), words(row, "must_not_contain"));
  }

  static DownloadRule rule(Row row) {
    RuleSettings s = settings(row);
    Optional<RulePattern> pattern;
    try {
      pattern = s.compiledPattern();
    } catch (IllegalArgumentException e) {
      pattern = Optional.empty(); // validated when written; a pattern that no longer compiles places nothing
    }
    return new DownloadRule(row.getLong("id"), row.getLong("series_id"), s.seasonNumber(), s.feedId(), pattern,
        s.episodeOffset(), s.enabled(), s.preferences(), row.getOffsetDateTime("updated_at"));
  }

  public static JsonObject json(Row row) {
    RuleSettings s = settings(row);
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("seriesId", row.getLong("series_id"))
        .put("seasonNumber", s.seasonNumber())
        .put("feedId", s.feedId())
        .put("pattern", s.pattern())
        .put("episodeOffset", s.episodeOffset())
        .put("enabled", s.enabled())
        .put("resolution", s.resolution())
        .put("preferredGroups", new JsonArray(s.preferredGroups()))
        .put("mustContain", new JsonArray(s.mustContain()))
        .put("mustNotContain", new JsonArray(s.mustNotContain()))
        .put("createdAt", Rows.instant(row, "created_at"))
        .put("updatedAt", Rows.instant(row, "updated_at"));
  }

  private static List<String> words(Row row, String column) {
    String[] words = row.getArrayOfStrings(column);
    return words == null ? List.of() : Arrays.asList(words);
  }

  /** The preferences that rank releases of an episode of {@code seasonNumber}: the most specific enabled rule's over the defaults. */
  public static ReleasePreferences preferencesFor(List<DownloadRule> rulesOfSeries, int seasonNumber,
      ReleasePreferences defaults) {
    ReleasePreferences preferences = defaults;
    for (DownloadRule rule : rulesOfSeries) {
      if (rule.enabled() && rule.seasonNumber() == null) {
        preferences = preferences.overriddenBy(rule.preferences());
      }
    }
    for (DownloadRule rule : rulesOfSeries) {
      if (rule.enabled() && rule.seasonNumber() != null && rule.seasonNumber() == seasonNumber) {
        preferences = preferences.overriddenBy(rule.preferences());
      }
    }
    return preferences;
  }
}
