package io.autoanime.sync;

import static io.autoanime.sync.PresenceStatements.*;

import io.autoanime.db.RetriedTransactions;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sync.SeriesWriteResult.Change;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes series (their rows, seasons, images, alternate titles and episodes) in one transaction:
 * each statement carries the rows of every series of the group, so a group costs about as many
 * statements as one series. A failure rolls the whole group back; the caller then writes its series
 * one per transaction, so that a failing series still rolls back alone. Every write is a guarded
 * upsert or a tombstone; nothing is deleted and no user column is written.
 */
final class SeriesWriter {
  static final int EPISODE_CHUNK = 5000;

  private final Pool pool;
  private final RetriedTransactions transactions;
  private final SyncedTables tables;

  SeriesWriter(Vertx vertx, Pool pool, SyncedTables tables) {
    this.pool = pool;
    this.transactions = new RetriedTransactions(vertx, pool);
    this.tables = tables;
  }

  /**
   * What one transaction wrote: a result per series of the group, in its order, and the rows it
   * detached from Sonarr ids now used by other shows that it marked removed (rows of no series of
   * the group).
   */
  record Written(List<SeriesWriteResult> series, SeriesRemoval.Marked detachedRemoved) {}

  /**
   * Writes the group after settling its series' identities in the same transaction.
   *
   * @param listedSonarrIds every series id of a complete series list, or null when only these series
   *     were fetched (then rows of other series are never taken over on the strength of absence).
   */
  Future<Written> write(List<SeriesSnapshot> group, Long[] listedSonarrIds) {
    return write(group, connection -> SeriesIdentities.settle(connection,
        group.stream().map(SeriesSnapshot::series).toList(), listedSonarrIds));
  }

  /**
   * Writes a group of a full run, whose identities were settled for the whole list before any group
   * was written ({@link FullRunSettling}). Settling them again here could only find something in a
   * list that names a show twice (Sonarr holds one series per tvdb id), and there it handed a row
   * still marked removed from the series the first settling gave it to over to the other one.
   */
  Future<Written> writeSettled(List<SeriesSnapshot> group) {
    return write(group, connection -> Future.succeededFuture(SeriesIdentities.Settled.NOTHING));
  }

  private Future<Written> write(List<SeriesSnapshot> group,
      Function<SqlConnection, Future<SeriesIdentities.Settled>> identities) {
    // A user's toggle of the same series may deadlock with this write; the loser is run again.
    return transactions.run("sync of " + group.size() + " series",
        connection -> new Transaction(connection, tables, group, identities).run());
  }

  /** Marks a series Sonarr says no longer exists (a 404 for it) as removed, with everything under it. */
  Future<SeriesRemoval.Marked> markSeriesRemoved(long sonarrId) {
    return pool.withTransaction(transaction -> SeriesRemoval.mark(transaction, MARK_SERIES_REMOVED, Tuple.of(sonarrId)));
  }

  /** The statements of one group's transaction, sharing its connection. */
  private static final class Transaction {
    private final SqlConnection connection;
    private final SyncedTables tables;
    private final List<SeriesSnapshot> group;
    private final Function<SqlConnection, Future<SeriesIdentities.Settled>> identities;
    /** Series row ids, by Sonarr id, once the series rows are written. */
    private final Map<Long, Long> rowIds = new HashMap<>();
    /**
     * Sonarr ids of the series whose rows this transaction created: they have no older seasons,
     * episodes, images or titles to mark removed or take over, so those statements leave them out.
     */
    private Set<Long> createdNow = Set.of();
    /** Episodes written, by series row id: {inserted, updated, marked removed}. */
    private final Map<Long, int[]> episodeCounts = new HashMap<>();

    Transaction(SqlConnection connection, SyncedTables tables, List<SeriesSnapshot> group,
        Function<SqlConnection, Future<SeriesIdentities.Settled>> identities) {
      this.connection = connection;
      this.tables = tables;
      this.group = group;
      this.identities = identities;
    }

    Future<Written> run() {
      // Synced data can always be fetched again, so its commits need not wait for the disk; a crash
      // loses at most the last moment's series, never a user's write (those commit synchronously).
      List<Future<?>> first = new ArrayList<>();
      first.add(connection.query("SET LOCAL synchronous_commit = off").execute());
      first.add(execute(LOCK_SERIES_ROWS, Tuple.tuple().addArrayOfLong(sonarrIds())));
      // Before the series rows are written: ids swapped between shows are freed first.
      Future<SeriesIdentities.Settled> identity = identities.apply(connection);
      first.add(identity);
      Future<RowSet<Row>> seriesWrite = execute(tables.series().upsertSql(),
          tables.series().upsertParameters(group.stream().map(SeriesSnapshot::series).toList()));
      Future<RowSet<Row>> seriesRowIds = execute(SERIES_ROW_IDS, Tuple.tuple().addArrayOfLong(sonarrIds()));
      first.add(seriesWrite);
      first.add(seriesRowIds);
      return Future.all(first).compose(v -> {
        seriesRowIds.result().forEach(row -> rowIds.put(row.getLong("sonarr_id"), row.getLong("id")));
        createdNow = insertedSeries(seriesWrite.result());
        List<Future<RowSet<Row>>> children = new ArrayList<>();
        children.addAll(writeChildren(tables.seasons(), SeriesSnapshot::seasons));
        children.addAll(writeChildren(tables.images(), SeriesSnapshot::images));
        children.addAll(writeChildren(tables.alternateTitles(), SeriesSnapshot::alternateTitles));
        List<ChildRow<Episode>> episodes = childRows(SeriesSnapshot::episodes);
        children.addAll(settleEpisodeIdentities(episodes));
        List<Future<RowSet<Row>>> episodeWrites = writeEpisodes(episodes);
        List<Future<RowSet<Row>>> episodesMarked = whenSeriesHaveOlderRows(older -> execute(
            tables.episodes().markAbsentSql(), tables.episodes().markAbsentParameters(older, episodes)));
        Future<RowSet<Row>> fingerprints = execute(SAVE_FINGERPRINTS, Tuple.tuple()
            .addArrayOfLong(group.stream().map(this::rowId).toArray(Long[]::new))
            .addArrayOfString(group.stream().map(SeriesSnapshot::fingerprint).toArray(String[]::new))
            .addArrayOfInteger(group.stream().map(s -> s.episodes().size()).toArray(Integer[]::new)));
        List<Future<RowSet<Row>>> all = new ArrayList<>(children);
        all.addAll(episodeWrites);
        all.addAll(episodesMarked);
        all.add(fingerprints);
        return Future.all(all).map(done -> new Written(
            results(identity.result(), seriesWrite, children, episodeWrites, episodesMarked),
            identity.result().markedRemoved()));
      });
    }

    private Long[] sonarrIds() {
      return group.stream().map(s -> s.series().id()).toArray(Long[]::new);
    }

    private long rowId(SeriesSnapshot snapshot) {
      return rowIds.get(snapshot.series().id());
    }

    /** The rows of a child list of every series of the group, each with its series row id. */
    private <T> List<ChildRow<T>> childRows(Function<SeriesSnapshot, List<T>> children) {
      List<ChildRow<T>> rows = new ArrayList<>();
      for (SeriesSnapshot snapshot : group) {
        long rowId = rowId(snapshot);
        children.apply(snapshot).forEach(child -> rows.add(new ChildRow<>(rowId, child)));
      }
      return rows;
    }

    private static <T> Long[] owners(List<ChildRow<T>> rows) {
      return rows.stream().map(ChildRow::seriesRowId).toArray(Long[]::new);
    }

    /** The statement for the series of the group that had rows before this transaction, if any did. */
    private List<Future<RowSet<Row>>> whenSeriesHaveOlderRows(Function<Long[], Future<RowSet<Row>>> statement) {
      Long[] older = group.stream().filter(s -> !createdNow.contains(s.series().id())).map(this::rowId)
          .toArray(Long[]::new);
      return older.length == 0 ? List.of() : List.of(statement.apply(older));
    }

    /** Upserts a child list of every series of the group, and marks the rows Sonarr no longer lists. */
    private <T> List<Future<RowSet<Row>>> writeChildren(SyncedTable<ChildRow<T>> table,
        Function<SeriesSnapshot, List<T>> children) {
      List<ChildRow<T>> rows = childRows(children);
      List<Future<RowSet<Row>>> writes = new ArrayList<>();
      if (!rows.isEmpty()) {
        writes.add(execute(table.upsertSql(), table.upsertParameters(rows)));
      }
      writes.addAll(whenSeriesHaveOlderRows(older -> execute(table.markAbsentSql(),
          table.markAbsentParameters(older, rows))));
      return writes;
    }

    /**
     * Detaches reused episode ids, then lets re-created episodes take over their old rows. A series
     * whose row was created by this transaction has no episode rows to take over, so its episodes
     * skip the second step (on an initial sync, every series).
     */
    private List<Future<RowSet<Row>>> settleEpisodeIdentities(List<ChildRow<Episode>> episodes) {
      List<Future<RowSet<Row>>> statements = new ArrayList<>();
      if (!episodes.isEmpty()) {
        statements.add(execute(DETACH_REUSED_EPISODE_IDS, episodeIdentities(episodes)
            .addArrayOfInteger(episodes.stream().map(e -> e.item().seasonNumber()).toArray(Integer[]::new))
            .addArrayOfInteger(episodes.stream().map(e -> e.item().episodeNumber()).toArray(Integer[]::new))
            .addArrayOfInteger(episodes.stream().map(e -> e.item().absoluteEpisodeNumber()).toArray(Integer[]::new))));
      }
      List<ChildRow<Episode>> ofExistingSeries = childRows(snapshot ->
          createdNow.contains(snapshot.series().id()) ? List.of() : snapshot.episodes());
      if (!ofExistingSeries.isEmpty()) {
        statements.add(execute(ADOPT_EPISODE_ROWS, episodeIdentities(ofExistingSeries)));
      }
      return statements;
    }

    private static Tuple episodeIdentities(List<ChildRow<Episode>> episodes) {
      return Tuple.tuple()
          .addArrayOfLong(owners(episodes))
          .addArrayOfLong(episodes.stream().map(e -> e.item().id()).toArray(Long[]::new))
          .addArrayOfLong(episodes.stream().map(e -> e.item().tvdbId()).toArray(Long[]::new));
    }

    /**
     * Upserts the episodes: those of series this transaction created (on an initial sync, all of
     * them) with the lighter statement for new rows, each counted as inserted.
     */
    private List<Future<RowSet<Row>>> writeEpisodes(List<ChildRow<Episode>> episodes) {
      Set<Long> createdRowIds = new HashSet<>();
      createdNow.forEach(sonarrId -> createdRowIds.add(rowIds.get(sonarrId)));
      List<ChildRow<Episode>> ofOlderSeries = new ArrayList<>();
      List<ChildRow<Episode>> ofNewSeries = new ArrayList<>();
      for (ChildRow<Episode> episode : episodes) {
        (createdRowIds.contains(episode.seriesRowId()) ? ofNewSeries : ofOlderSeries).add(episode);
      }
      List<Future<RowSet<Row>>> writes = new ArrayList<>();
      inChunks(ofNewSeries, chunk -> writes.add(execute(tables.episodes().upsertOfNewRowsSql(),
          tables.episodes().upsertParameters(chunk))));
      inChunks(ofOlderSeries, chunk -> writes.add(execute(tables.episodes().upsertCountedPerSeriesSql(),
          tables.episodes().upsertParameters(chunk))));
      ofNewSeries.forEach(episode -> episodeCounts.computeIfAbsent(episode.seriesRowId(), id -> new int[3])[0]++);
      return writes;
    }

    private static <T> void inChunks(List<T> rows, Consumer<List<T>> chunkAction) {
      for (int from = 0; from < rows.size(); from += EPISODE_CHUNK) {
        chunkAction.accept(rows.subList(from, Math.min(rows.size(), from + EPISODE_CHUNK)));
      }
    }

    private Future<RowSet<Row>> execute(String sql, Tuple parameters) {
      return connection.preparedQuery(sql).execute(parameters);
    }

    private static Set<Long> insertedSeries(RowSet<Row> seriesWritten) {
      Set<Long> inserted = new HashSet<>();
      for (Row row : seriesWritten) {
        if (row.getBoolean("inserted")) {
          inserted.add(row.getLong("sonarr_id"));
        }
      }
      return inserted;
    }

    /** Tells each series of the group what was written for it, from the rows the statements returned. */
    private List<SeriesWriteResult> results(SeriesIdentities.Settled identity,
        Future<RowSet<Row>> seriesWrite, List<Future<RowSet<Row>>> children,
        List<Future<RowSet<Row>>> episodeWrites, List<Future<RowSet<Row>>> episodesMarked) {
      Set<Long> changedSeries = new HashSet<>();
      for (Row row : seriesWrite.result()) {
        changedSeries.add(row.getLong("sonarr_id"));
      }
      // A row taken over has a new Sonarr id (a detached row's show gets a new row: inserted).
      Set<Long> changedRows = new HashSet<>(identity.rowsTakenOver());
      for (Future<RowSet<Row>> child : children) {
        child.result().forEach(row -> changedRows.add(row.getLong("series_id")));
      }
      for (Future<RowSet<Row>> write : episodeWrites) {
        for (Row row : write.result()) { // the counts of older series' episodes (new rows answer nothing)
          int[] counts = episodeCounts.computeIfAbsent(row.getLong("series_id"), id -> new int[3]);
          counts[0] += row.getLong("inserted").intValue();
          counts[1] += row.getLong("updated").intValue();
        }
      }
      for (Future<RowSet<Row>> marked : episodesMarked) {
        marked.result().forEach(row -> episodeCounts.computeIfAbsent(row.getLong("series_id"), id -> new int[3])[2]++);
      }

      List<SeriesWriteResult> results = new ArrayList<>();
      for (SeriesSnapshot snapshot : group) {
        long sonarrId = snapshot.series().id();
        long rowId = rowId(snapshot);
        int[] counts = episodeCounts.getOrDefault(rowId, new int[3]);
        boolean changed = changedSeries.contains(sonarrId) || changedRows.contains(rowId) || episodeCounts.containsKey(rowId);
        Change change = createdNow.contains(sonarrId) ? Change.INSERTED : changed ? Change.UPDATED : Change.UNCHANGED;
        results.add(new SeriesWriteResult(rowId, change, counts[0], counts[1],
            snapshot.episodes().size() - counts[0] - counts[1], counts[2]));
      }
      return results;
    }
  }
}
