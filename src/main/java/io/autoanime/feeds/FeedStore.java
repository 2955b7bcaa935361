package io.autoanime.feeds;

import io.autoanime.bus.ConflictException;
import io.autoanime.db.RetriedTransactions;
import io.autoanime.db.Rows;
import io.autoanime.library.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The feeds table: the user's feeds (written by the API) and each feed's polling state (written by
 * the poller). URLs are stored as given and masked in every answer.
 */
public final class FeedStore {
  private static final String COLUMNS = """
      f.id, f.name, f.url, f.kind, f.enabled, f.poll_minutes, f.etag, f.last_modified, f.last_polled_at,
      f.last_success_at, f.last_error, f.created_at, f.updated_at""";
  static final String FEEDS = "SELECT " + COLUMNS + """
      , (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id) AS item_count
        FROM feeds f ORDER BY f.id""";
  static final String FEED = "SELECT " + COLUMNS + """
      , (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id) AS item_count
        FROM feeds f WHERE f.id = $1""";
  /** One feed without its release count, for the callers that do not show it. */
  static final String FEED_ROW = "SELECT " + COLUMNS + " FROM feeds f WHERE f.id = $1";
  static final String DUE_FEEDS = "SELECT " + COLUMNS + """
        FROM feeds f
       WHERE f.enabled AND f.next_poll_at <= now()
       ORDER BY f.next_poll_at""";
  static final String ENABLED_FEEDS = "SELECT " + COLUMNS + " FROM feeds f WHERE f.enabled ORDER BY f.id";
  static final String INSERT = """
      INSERT INTO feeds (name, url, kind, enabled, poll_minutes)
      VALUES ($1, $2, $3, $4, $5)
      RETURNING id""";
  static final String UPDATE = """
      UPDATE feeds
         SET name = $2, url = $3, enabled = $4, poll_minutes = $5,
             etag          = CASE WHEN url = $3 THEN etag END,
             last_modified = CASE WHEN url = $3 THEN last_modified END,
             next_poll_at  = CASE WHEN url = $3 THEN next_poll_at ELSE now() END,
             updated_at = now()
       WHERE id = $1""";
  // Locked before the feed's releases: a poll's insert locks the feed, then meets the releases of the
  // feed (their unique key, feed and guid), which the removal, had it kept them first, holds: the two
  // deadlocked. Once the removal holds the feed, a poll stores nothing for it until the removal ends.
  static final String LOCK = "SELECT id FROM feeds WHERE id = $1 FOR UPDATE";
  static final String RULES_OF_FEED = "SELECT id FROM download_rules WHERE feed_id = $1 ORDER BY id";
  // The rows are locked first, in id order, as the placement write locks its rows: taken in the plan's
  // order (the feed's index: newest first), they deadlocked with a re-placement writing them at once.
  // FOR UPDATE, not NO KEY: the feed is part of a unique key.
  static final String KEEP_ITEMS_OF_FEED = """
      WITH kept AS MATERIALIZED (
             SELECT i.id
               FROM feed_items i
              WHERE i.feed_id = $1
              ORDER BY i.id
                FOR UPDATE OF i)
      UPDATE feed_items i
         SET feed_id = NULL
        FROM kept
       WHERE i.id = kept.id""";
  static final String DELETE = "DELETE FROM feeds WHERE id = $1";
  static final String RECORD_FETCHED = """
      UPDATE feeds
         SET kind = $2, etag = $3, last_modified = $4, last_polled_at = now(), last_success_at = now(),
             last_error = NULL, next_poll_at = now() + make_interval(secs => $5)
       WHERE id = $1""";
  static final String RECORD_NOT_MODIFIED = """
      UPDATE feeds
         SET last_polled_at = now(), last_success_at = now(), last_error = NULL,
             next_poll_at = now() + make_interval(secs => $2)
       WHERE id = $1""";
  static final String RECORD_FAILURE = """
      UPDATE feeds
         SET last_polled_at = now(), last_error = $2, next_poll_at = now() + make_interval(secs => $3)
       WHERE id = $1""";

  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  /**
   * Runs a removal again when it lost a race: a deadlock with the change or removal of a rule, or a
   * foreign key that failed on releases a poll stored meanwhile, or on a rule added for the feed. Run
   * again, it keeps those releases, or answers that a rule uses the feed.
   */
  private final RetriedTransactions transactions;
  private final int defaultPollMinutes;

  public FeedStore(Vertx vertx, Pool pool, int defaultPollMinutes) {
    this.pool = pool;
    this.transactions = RetriedTransactions.alsoOnForeignKeyRaces(vertx, pool);
    this.defaultPollMinutes = defaultPollMinutes;
  }

  public Future<JsonArray> list() {
    return pool.query(FEEDS).execute().map(rows -> {
      JsonArray feeds = new JsonArray();
      rows.forEach(row -> feeds.add(json(row)));
      return feeds;
    });
  }

  public Future<JsonObject> get(long id) {
    return pool.preparedQuery(FEED).execute(Tuple.of(id)).map(rows -> json(only(rows, id)));
  }

  /** The stored fields of a feed, for a {@code PATCH} to apply its body to. */
  public Future<FeedFields> fields(long id) {
    return pool.preparedQuery(FEED_ROW).execute(Tuple.of(id)).map(rows -> {
      Row row = only(rows, id);
      return new FeedFields(row.getString("name"), row.getString("url"), row.getBoolean("enabled"),
          row.getInteger("poll_minutes"));
    });
  }

  public Future<JsonObject> add(FeedFields fields) {
    Tuple values = Tuple.of(fields.name(), fields.url(), guessKind(fields.url()).json(), fields.enabled(),
        fields.pollMinutes());
    return pool.preparedQuery(INSERT).execute(values)
        .recover(e -> Future.failedFuture(conflictOrSame(e)))
        .compose(rows -> get(rows.iterator().next().getLong("id")));
  }

  public Future<JsonObject> change(long id, FeedFields fields) {
    Tuple values = Tuple.of(id, fields.name(), fields.url(), fields.enabled(), fields.pollMinutes());
    return pool.preparedQuery(UPDATE).execute(values)
        .recover(e -> Future.failedFuture(conflictOrSame(e)))
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(unknownFeed(id)) : get(id));
  }

  /** Removes a feed; its items stay (downloads refer to them). Refused while a rule names the feed. */
  public Future<Void> remove(long id) {
    return transactions.run("Removing feed " + id, connection -> connection.preparedQuery(LOCK).execute(Tuple.of(id))
        .compose(feed -> feed.size() == 0 ? Future.failedFuture(unknownFeed(id))
            : connection.preparedQuery(RULES_OF_FEED).execute(Tuple.of(id)))
        .compose(rules -> {
          if (rules.size() > 0) {
            List<String> ids = new ArrayList<>();
            rules.forEach(row -> ids.add(String.valueOf(row.getLong("id"))));
            return Future.failedFuture(new ConflictException("feed " + id + " is used by rule(s) " + String.join(", ", ids)
                + ": change or remove them first"));
          }
          return connection.preparedQuery(KEEP_ITEMS_OF_FEED).execute(Tuple.of(id))
              .compose(kept -> connection.preparedQuery(DELETE).execute(Tuple.of(id)));
        })
        .mapEmpty());
  }

  public Future<Feed> feed(long id) {
    return pool.preparedQuery(FEED_ROW).execute(Tuple.of(id)).map(rows -> feed(only(rows, id)));
  }

  public Future<List<Feed>> dueFeeds() {
    return pool.query(DUE_FEEDS).execute().map(FeedStore::feeds);
  }

  public Future<List<Feed>> enabledFeeds() {
    return pool.query(ENABLED_FEEDS).execute().map(FeedStore::feeds);
  }

  // The three record a poll on its feed, and answer whether the feed is still there (false: it was
  // removed while it was polled).
  public Future<Boolean> recordFetched(Feed feed, FeedKind kind, String etag, String lastModified,
      Duration untilNext) {
    return pool.preparedQuery(RECORD_FETCHED)
        .execute(Tuple.of(feed.id(), kind.json(), etag, lastModified, (double) untilNext.toSeconds()))
        .map(FeedStore::found);
  }

  public Future<Boolean> recordNotModified(Feed feed, Duration untilNext) {
    return pool.preparedQuery(RECORD_NOT_MODIFIED).execute(Tuple.of(feed.id(), (double) untilNext.toSeconds()))
        .map(FeedStore::found);
  }

  public Future<Boolean> recordFailure(Feed feed, String error, Duration untilNext) {
    return pool.preparedQuery(RECORD_FAILURE).execute(Tuple.of(feed.id(), error, (double) untilNext.toSeconds()))
        .map(FeedStore::found);
  }

  private static boolean found(RowSet<Row> updated) {
    return updated.rowCount() > 0;
  }

  private static List<Feed> feeds(RowSet<Row> rows) {
    List<Feed> feeds = new ArrayList<>();
    rows.forEach(row -> feeds.add(feed(row)));
    return feeds;
  }

  private static Feed feed(Row row) {
    OffsetDateTime polled = row.getOffsetDateTime("last_polled_at");
    return new Feed(row.getLong("id"), row.getString("name"), row.getString("url"),
        "torznab".equals(row.getString("kind")) ? FeedKind.TORZNAB : FeedKind.RSS, row.getBoolean("enabled"), row.getInteger("poll_minutes"),
        row.getString("etag"), row.getString("last_modified"), polled == null ? null : polled.toInstant());
  }

  private JsonObject json(Row row) {
    Integer own = row.getInteger("poll_minutes");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("name", row.getString("name"))
        .put("url", FeedUrls.masked(row.getString("url")))
        .put("kind", row.getString("kind"))
        .put("enabled", row.getBoolean("enabled"))
        .put("pollMinutes", own == null ? defaultPollMinutes : own)
        .put("lastPolledAt", Rows.instant(row, "last_polled_at"))
        .put("lastSuccessAt", Rows.instant(row, "last_success_at"))
        .put("lastError", row.getString("last_error"))
        .put("itemCount", row.getLong("item_count"))
        .put("createdAt", Rows.instant(row, "created_at"))
        .put("updatedAt", Rows.instant(row, "updated_at"));
  }

  private static Row only(RowSet<Row> rows, long id) {
    if (rows.size() == 0) {
      throw unknownFeed(id);
    }
    return rows.iterator().next();
  }

  static NotFoundException unknownFeed(long id) {
    return new NotFoundException("no feed with id " + id);
  }

  private static Throwable conflictOrSame(Throwable e) {
    if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return new ConflictException("a feed with this URL already exists");
    }
    return e;
  }

  /** Before the first poll reads the document: a Torznab API answers at {@code .../api?t=...}. */
  private static FeedKind guessKind(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("/api") && (lower.contains("t=search") || lower.contains("t=tvsearch") || lower.contains("torznab"))
        ? FeedKind.TORZNAB : FeedKind.RSS;
  }

}
