package io.autoanime.feeds;

import io.autoanime.matching.ReleasePlacer;
import io.autoanime.releases.ParsedRelease;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The feed_items table: every release seen once (per feed by guid, across feeds by info hash), with
 * its parse and where it was placed. Writes are one statement per poll, whatever its size.
 */
public final class FeedItemStore {
  /** How long a release that was placed on no episode is kept, and looked at again when the library changes. */
  public static final int UNPLACED_DAYS = 90;
  /** The most unplaced releases placed again after one change of the library or the rules (the newest first). */
  static final int UNPLACED_REMATCH_LIMIT = 20_000;

  // The feed is locked first (as the foreign key of its releases would lock it): a feed being removed
  // is waited for, and then gone, nothing is stored, where the foreign key would have failed the poll.
  // The second SELECT reads the table as it was before the INSERT: the rows stored by an earlier poll
  // of this feed that were never placed (matched_at is set by every placement written), not the new ones.
  static final String STORE_NEW = """
      WITH feed AS MATERIALIZED (
             SELECT id FROM feeds WHERE id = $1 FOR KEY SHARE),
           inserted AS (
             INSERT INTO feed_items (feed_id, guid, title, info_hash, torrent_url, magnet_url, size_bytes,
                                     published_at, seeders, parsed)
             SELECT feed.id, i.guid, i.title, i.info_hash, i.torrent_url, i.magnet_url, i.size_bytes,
                    i.published_at, i.seeders, i.parsed::jsonb
               FROM feed,
                    UNNEST($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
                           $8::timestamptz[], $9::int[], $10::text[])
                    AS i(guid, title, info_hash, torrent_url, magnet_url, size_bytes, published_at, seeders,
                         parsed)
             ON CONFLICT DO NOTHING
             RETURNING id, feed_id, title, parsed)
      SELECT id, feed_id, title, parsed, true AS new
        FROM inserted
      UNION ALL
      SELECT i.id, i.feed_id, i.title, i.parsed, false
        FROM feed_items i
       WHERE i.feed_id = $1::bigint AND i.guid = ANY($2::text[]) AND i.matched_at IS NULL""";
  // A torrent stored from another feed under a title that placed it nowhere (and no download uses).
  static final String UNPLACED_COPIES_ON_OTHER_FEEDS = """
      SELECT i.id, i.info_hash
        FROM feed_items i
       WHERE i.info_hash = ANY($1::text[]) AND i.feed_id IS DISTINCT FROM $2 AND i.episode_ids = '{}'
         AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = i.id)""";
  // The copy is placed afresh (matched_at NULL): should its placement fail, this feed's next poll places it.
  // The copies are locked first, in id order, as the placement write locks its rows: taken in the plan's
  // order (a hash table's), they deadlocked with a re-placement writing them at once. FOR UPDATE, not NO
  // KEY: the write changes the feed and the guid, a unique key. The new feed is locked before them, as
  // STORE_NEW locks it: a feed removed meanwhile takes nothing over.
  static final String TAKE_OVER = """
      WITH c AS (
             SELECT *
               FROM UNNEST($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
                           $8::timestamptz[], $9::int[], $10::text[])
                    AS c(id, guid, title, torrent_url, magnet_url, size_bytes, published_at, seeders, parsed)),
           feed AS MATERIALIZED (
             SELECT id FROM feeds WHERE id = $1 FOR KEY SHARE),
           taken AS MATERIALIZED (
             SELECT f.id
               FROM feed_items f
               JOIN c ON c.id = f.id
              WHERE EXISTS (SELECT 1 FROM feed)
                AND f.episode_ids = '{}'
                AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = f.id)
                AND NOT EXISTS (SELECT 1 FROM feed_items o WHERE o.feed_id = $1 AND o.guid = c.guid)
              ORDER BY f.id
                FOR UPDATE OF f)
      UPDATE feed_items AS f
         SET feed_id = $1, guid = c.guid, title = c.title, torrent_url = c.torrent_url, magnet_url = c.magnet_url,
             size_bytes = c.size_bytes, published_at = c.published_at, seeders = c.seeders,
             parsed = c.parsed::jsonb, matched_at = NULL
        FROM taken
        JOIN c ON c.id = taken.id
       WHERE f.id = taken.id
      RETURNING f.id""";
  private static final String ITEM_COLUMNS = """
      i.id, i.feed_id, i.guid, i.title, i.info_hash, i.torrent_url, i.magnet_url, i.size_bytes, i.published_at,
      i.seeders, i.parsed, i.series_id, i.episode_ids, i.rule_id, i.match_reason, i.created_at""";
  static final String NEWEST_OF_FEED = "SELECT " + ITEM_COLUMNS + """
        FROM feed_items i
       WHERE i.feed_id = $1
       ORDER BY i.id DESC
       LIMIT $2""";
  static final String UNPLACED = """
      SELECT i.id, i.feed_id, i.title, i.parsed
        FROM feed_items i
       WHERE i.episode_ids = '{}' AND i.created_at > now() - make_interval(days => $1)
         AND i.id < $2
       ORDER BY i.id DESC
       LIMIT $3""";
  // The two next read releases that a re-placement may move: placed on episodes, recent, and used by
  // no download (ReleasePlacer's write checks that again, for a download made meanwhile).
  static final String PLACED_IN_SERIES = """
      SELECT i.id, i.feed_id, i.title, i.parsed
        FROM feed_items i
       WHERE i.series_id = ANY($1::bigint[]) AND i.episode_ids <> '{}'
         AND i.created_at > now() - make_interval(days => $2)
         AND i.id < $3
         AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = i.id)
       ORDER BY i.id DESC
       LIMIT $4""";
  static final String PLACED_OUTSIDE_SERIES = """
      SELECT i.id, i.feed_id, i.title
        FROM feed_items i
       WHERE i.series_id <> ALL($1::bigint[]) AND i.episode_ids <> '{}'
         AND i.created_at > now() - make_interval(days => $2)
         AND i.id < $3
         AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = i.id)
       ORDER BY i.id DESC
       LIMIT $4""";
  static final String RELEASES = """
      SELECT i.id, i.feed_id, i.title, i.parsed
        FROM feed_items i
       WHERE i.id = ANY($1::bigint[])
       ORDER BY i.id DESC""";
  static final String RECENT = """
      SELECT i.id, i.feed_id, i.title
        FROM feed_items i
       WHERE i.created_at > now() - make_interval(days => $1)
       ORDER BY i.id DESC
       LIMIT $2""";
  static final String ITEMS = "SELECT " + ITEM_COLUMNS + " FROM feed_items i WHERE i.id = ANY($1::bigint[]) ORDER BY i.id DESC";
  static final String PLACED_ON_EPISODE = "SELECT " + ITEM_COLUMNS + """
        FROM feed_items i
       WHERE i.episode_ids @> ARRAY[$1::bigint]""";
  // The rows are locked first, in id order, as every other write of many releases locks its rows: taken
  // in the plan's order (a hash table's, or the unplaced index's: newest first), they deadlocked with a
  // poll taking over copies older than the prune's window.
  static final String PRUNE_UNPLACED = """
      WITH pruned AS MATERIALIZED (
             SELECT i.id
               FROM feed_items i
              WHERE i.episode_ids = '{}' AND i.created_at < now() - make_interval(days => $1)
                AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.feed_item_id = i.id)
              ORDER BY i.id
                FOR UPDATE OF i)
      DELETE FROM feed_items i
       USING pruned
       WHERE i.id = pruned.id""";

  private final Pool pool;

  public FeedItemStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * What a poll stored: how many releases were new, and the releases to place: the new ones, and those
   * of its entries an earlier poll stored but could not place (its placement failed).
   */
  public record Stored(int newReleases, List<ReleasePlacer.Release> toPlace) {}

  /**
   * Stores the releases not seen before; answers them, and the entries stored before but never
   * placed. One statement.
   */
  public Future<Stored> storeNew(long feedId, List<FeedEntry> entries, List<ParsedRelease> parses) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(new Stored(0, List.of()));
    }
    int n = entries.size();
    String[] guids = new String[n];
    String[] titles = new String[n];
    String[] hashes = new String[n];
    String[] torrentUrls = new String[n];
    String[] magnets = new String[n];
    Long[] sizes = new Long[n];
    OffsetDateTime[] published = new OffsetDateTime[n];
    Integer[] seeders = new Integer[n];
    String[] parsed = new String[n];
    for (int i = 0; i < n; i++) {
      FeedEntry entry = entries.get(i);
      guids[i] = entry.guid();
      titles[i] = entry.title();
      hashes[i] = entry.infoHash();
      torrentUrls[i] = entry.torrentUrl();
      magnets[i] = entry.magnetUrl();
      sizes[i] = entry.sizeBytes();
      published[i] = entry.publishedAt() == null ? null : entry.publishedAt().atOffset(ZoneOffset.UTC);
      seeders[i] = entry.seeders();
      parsed[i] = parses.get(i).toJson().encode();
    }
    Tuple parameters = Tuple.tuple().addLong(feedId).addArrayOfString(guids).addArrayOfString(titles)
        .addArrayOfString(hashes).addArrayOfString(torrentUrls).addArrayOfString(magnets).addArrayOfLong(sizes)
        .addArrayOfOffsetDateTime(published).addArrayOfInteger(seeders).addArrayOfString(parsed);
    return pool.preparedQuery(STORE_NEW).execute(parameters).map(rows -> {
      int newReleases = 0;
      for (Row row : rows) {
        newReleases += row.getBoolean("new") ? 1 : 0;
      }
      return new Stored(newReleases, releases(rows));
    });
  }

  /**
   * The stored releases with these info hashes that came from another feed, are placed on no episode
   * and no download uses: item id by info hash.
   */
  public Future<Map<String, Long>> unplacedCopiesOnOtherFeeds(long feedId, Collection<String> infoHashes) {
    if (infoHashes.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(UNPLACED_COPIES_ON_OTHER_FEEDS)
        .execute(Tuple.tuple().addArrayOfString(infoHashes.toArray(String[]::new)).addLong(feedId))
        .map(rows -> {
          Map<String, Long> ids = new HashMap<>();
          rows.forEach(row -> ids.put(row.getString("info_hash"), row.getLong("id")));
          return ids;
        });
  }

  /**
   * Makes each stored release {@code itemIds[i]} this feed's copy {@code entries[i]} (its title, guid,
   * links, size, date, seeders and parse), unless it was placed or taken by a download meanwhile, or
   * this feed already has an item with that guid; answers the ids taken over.
   */
  public Future<Set<Long>> takeOver(long feedId, List<Long> itemIds, List<FeedEntry> entries, List<ParsedRelease> parses) {
    if (itemIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Tuple parameters = Tuple.tuple().addLong(feedId)
        .addArrayOfLong(itemIds.toArray(Long[]::new))
        .addArrayOfString(entries.stream().map(FeedEntry::guid).toArray(String[]::new))
        .addArrayOfString(entries.stream().map(FeedEntry::title).toArray(String[]::new))
        .addArrayOfString(entries.stream().map(FeedEntry::torrentUrl).toArray(String[]::new))
        .addArrayOfString(entries.stream().map(FeedEntry::magnetUrl).toArray(String[]::new))
        .addArrayOfLong(entries.stream().map(FeedEntry::sizeBytes).toArray(Long[]::new))
        .addArrayOfOffsetDateTime(entries.stream().map(e -> e.publishedAt() == null ? null
            : e.publishedAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))
        .addArrayOfInteger(entries.stream().map(FeedEntry::seeders).toArray(Integer[]::new))
        .addArrayOfString(parses.stream().map(p -> p.toJson().encode()).toArray(String[]::new));
    return pool.preparedQuery(TAKE_OVER).execute(parameters).map(rows -> {
      Set<Long> taken = new HashSet<>();
      rows.forEach(row -> taken.add(row.getLong("id")));
      return taken;
    });
  }

  /** Releases placed on no episode within the last {@value #UNPLACED_DAYS} days, newest first, from below {@code beforeId}. */
  public Future<List<ReleasePlacer.Release>> unplaced(long beforeId, int limit) {
    return pool.preparedQuery(UNPLACED).execute(Tuple.of(UNPLACED_DAYS, beforeId, limit)).map(FeedItemStore::releases);
  }

  /**
   * Releases placed on episodes of these series within the last {@value #UNPLACED_DAYS} days that no
   * download uses, newest first, from below {@code beforeId}.
   */
  public Future<List<ReleasePlacer.Release>> placedInSeries(Collection<Long> seriesIds, long beforeId, int limit) {
    return pool.preparedQuery(PLACED_IN_SERIES)
        .execute(Tuple.tuple().addArrayOfLong(seriesIds.toArray(Long[]::new)).addInteger(UNPLACED_DAYS)
            .addLong(beforeId).addInteger(limit))
        .map(FeedItemStore::releases);
  }

  /** As {@link #placedInSeries}, but the releases placed on any other series, by title only. */
  public Future<List<StoredTitle>> placedOutsideSeries(Collection<Long> seriesIds, long beforeId, int limit) {
    return pool.preparedQuery(PLACED_OUTSIDE_SERIES)
        .execute(Tuple.tuple().addArrayOfLong(seriesIds.toArray(Long[]::new)).addInteger(UNPLACED_DAYS)
            .addLong(beforeId).addInteger(limit))
        .map(FeedItemStore::storedTitles);
  }

  /** These releases, ready to be placed. */
  public Future<List<ReleasePlacer.Release>> releases(List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(RELEASES).execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
        .map(FeedItemStore::releases);
  }

  /** A stored release as a rule preview reads it: the rule's own pattern reads the title, not the stored parse. */
  public record StoredTitle(long itemId, Long feedId, String title) {}

  /** Releases stored within the last {@value #UNPLACED_DAYS} days, newest first (what a rule preview reads). */
  public Future<List<StoredTitle>> recent(int limit) {
    return pool.preparedQuery(RECENT).execute(Tuple.of(UNPLACED_DAYS, limit)).map(FeedItemStore::storedTitles);
  }

  private static List<StoredTitle> storedTitles(RowSet<Row> rows) {
    List<StoredTitle> titles = new ArrayList<>(rows.size());
    for (Row row : rows) {
      titles.add(new StoredTitle(row.getLong("id"), row.getLong("feed_id"), row.getString("title")));
    }
    return titles;
  }

  public Future<JsonArray> newestOfFeed(long feedId, int limit) {
    return pool.preparedQuery(NEWEST_OF_FEED).execute(Tuple.of(feedId, limit)).map(FeedItemStore::json);
  }

  public Future<JsonArray> items(List<Long> ids) {
    return pool.preparedQuery(ITEMS).execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
        .map(FeedItemStore::json);
  }

  /** Releases placed on an episode, as stored rows (for ranking). */
  public Future<RowSet<Row>> placedOnEpisode(long episodeId) {
    return pool.preparedQuery(PLACED_ON_EPISODE).execute(Tuple.of(episodeId));
  }

  /** Drops releases that were placed on nothing for {@value #UNPLACED_DAYS} days; answers how many. */
  public Future<Integer> pruneUnplaced() {
    return pool.preparedQuery(PRUNE_UNPLACED).execute(Tuple.of(UNPLACED_DAYS)).map(RowSet::rowCount);
  }

  private static List<ReleasePlacer.Release> releases(RowSet<Row> rows) {
    List<ReleasePlacer.Release> releases = new ArrayList<>(rows.size());
    for (Row row : rows) {
      releases.add(new ReleasePlacer.Release(row.getLong("id"), row.getLong("feed_id"), row.getString("title"),
          ParsedRelease.fromJson((JsonObject) row.getValue("parsed"))));
    }
    return releases;
  }

  private static JsonArray json(RowSet<Row> rows) {
    JsonArray items = new JsonArray();
    rows.forEach(row -> items.add(FeedItemJson.of(row)));
    return items;
  }
}
