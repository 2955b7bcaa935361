package io.autoanime.sync;

import static io.autoanime.sync.PresenceStatements.*;
import static io.autoanime.sync.UpsertStatements.*;

import io.autoanime.library.RetriedTransactions;
import io.autoanime.sonarr.SonarrModels.AlternateTitle;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Image;
import io.autoanime.sonarr.SonarrModels.Season;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.sonarr.SonarrModels.Statistics;
import io.autoanime.sync.SeriesWriteResult.Change;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one series (its row, seasons, images, alternate titles and episodes) in one transaction:
 * a failure rolls back that series alone. Every write is a guarded upsert or a tombstone; nothing
 * is deleted and no user column is written. The statements of a transaction are sent in two
 * pipelined batches (the second needs the series row id), not one round trip each.
 */
final class SeriesWriter {
  static final int EPISODE_CHUNK = 5000;

  private final Pool pool;
  private final RetriedTransactions transactions;

  SeriesWriter(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.transactions = new RetriedTransactions(vertx, pool);
  }

  /**
   * @param listedSonarrIds every series id of a complete series list, or null when only this series
   *     was fetched (then rows of other series are never taken over on the strength of absence).
   */
  Future<SeriesWriteResult> write(SeriesSnapshot snapshot, Long[] listedSonarrIds) {
    // A user's toggle of the same series may deadlock with this write; the loser is run again.
    return transactions.run("sync of series " + snapshot.series().id(),
        connection -> new Transaction(connection, snapshot, listedSonarrIds).run());
  }

  /** Marks a series Sonarr says no longer exists (a 404 for it) as removed. */
  Future<Integer> markSeriesRemoved(long sonarrId) {
    return pool.preparedQuery(MARK_SERIES_REMOVED).execute(Tuple.of(sonarrId)).map(RowSet::rowCount);
  }

  /** The statements of one series' transaction, sharing its connection. */
  private static final class Transaction {
    private final SqlConnection connection;
    private final SeriesSnapshot snapshot;
    private final Series series;
    private final Long[] listedSonarrIds;

    Transaction(SqlConnection connection, SeriesSnapshot snapshot, Long[] listedSonarrIds) {
      this.connection = connection;
      this.snapshot = snapshot;
      this.series = snapshot.series();
      this.listedSonarrIds = listedSonarrIds;
    }

    Future<SeriesWriteResult> run() {
      // Synced data can always be fetched again, so its commits need not wait for the disk; a crash
      // loses at most the last moment's series, never a user's write (those commit synchronously).
      Future<RowSet<Row>> asyncCommit = connection.query("SET LOCAL synchronous_commit = off").execute();
      List<Future<RowSet<Row>>> identity = new ArrayList<>(settleSeriesIdentity());
      identity.add(asyncCommit);
      Future<RowSet<Row>> seriesWrite = execute(UPSERT_SERIES, seriesRow());
      Future<RowSet<Row>> seriesRowId = execute(SERIES_ROW_ID, Tuple.of(series.id()));
      return Future.all(identity).compose(v -> Future.all(seriesWrite, seriesRowId)).compose(v -> {
        long rowId = seriesRowId.result().iterator().next().getLong("id");
        List<Future<RowSet<Row>>> children = new ArrayList<>();
        children.addAll(writeSeasons(rowId));
        children.addAll(writeImages(rowId));
        children.addAll(writeAlternateTitles(rowId));
        children.addAll(settleEpisodeIdentities(rowId));
        List<Future<RowSet<Row>>> episodeWrites = writeEpisodes(rowId);
        Future<RowSet<Row>> episodesMarked = execute(MARK_ABSENT_EPISODES_REMOVED, Tuple.tuple().addLong(rowId)
            .addArrayOfLong(snapshot.episodes().stream().map(Episode::id).toArray(Long[]::new)));
        Future<RowSet<Row>> fingerprint = execute(SAVE_FINGERPRINT,
            Tuple.of(rowId, snapshot.fingerprint(), snapshot.episodes().size()));
        List<Future<RowSet<Row>>> all = new ArrayList<>(children);
        all.addAll(episodeWrites);
        all.add(episodesMarked);
        all.add(fingerprint);
        return Future.all(all).map(done -> result(identity, seriesWrite, children, episodeWrites, episodesMarked));
      });
    }

    private List<Future<RowSet<Row>>> settleSeriesIdentity() {
      if (series.tvdbId() == null) {
        return List.of();
      }
      return List.of(
          execute(DETACH_REUSED_SERIES_ID, Tuple.of(series.id(), series.tvdbId())),
          execute(ADOPT_SERIES_ROW, Tuple.tuple()
              .addLong(series.id())
              .addLong(series.tvdbId())
              .addArrayOfLong(listedSonarrIds)));
    }

    private Tuple seriesRow() {
      Statistics stats = series.statistics();
      return Tuple.tuple()
          .addArrayOfLong(new Long[] {series.id()})
          .addArrayOfLong(new Long[] {series.tvdbId()})
          .addArrayOfString(new String[] {series.title()})
          .addArrayOfString(new String[] {series.sortTitle()})
          .addArrayOfString(new String[] {series.status()})
          .addArrayOfString(new String[] {series.seriesType()})
          .addArrayOfString(new String[] {series.overview()})
          .addArrayOfString(new String[] {series.network()})
          .addArrayOfString(new String[] {series.airTime()})
          .addArrayOfString(new String[] {series.certification()})
          .addArrayOfInteger(new Integer[] {series.year()})
          .addArrayOfInteger(new Integer[] {series.runtime()})
          .addArrayOfBoolean(new Boolean[] {series.monitored()})
          .addArrayOfBoolean(new Boolean[] {series.useSceneNumbering()})
          .addArrayOfString(new String[] {series.path()})
          .addArrayOfString(new String[] {series.imdbId()})
          .addArrayOfLong(new Long[] {series.tmdbId()})
          .addArrayOfLong(new Long[] {series.tvMazeId()})
          .addArrayOfOffsetDateTime(new OffsetDateTime[] {series.firstAired()})
          .addArrayOfOffsetDateTime(new OffsetDateTime[] {series.added()})
          .addArrayOfJsonArray(new JsonArray[] {new JsonArray(new ArrayList<>(series.genres()))})
          .addArrayOfInteger(new Integer[] {stats.seasonCount()})
          .addArrayOfInteger(new Integer[] {stats.episodeCount()})
          .addArrayOfInteger(new Integer[] {stats.episodeFileCount()})
          .addArrayOfInteger(new Integer[] {stats.totalEpisodeCount()})
          .addArrayOfLong(new Long[] {stats.sizeOnDisk()});
    }

    private List<Future<RowSet<Row>>> writeSeasons(long rowId) {
      List<Season> seasons = snapshot.seasons();
      Integer[] numbers = seasons.stream().map(Season::seasonNumber).toArray(Integer[]::new);
      List<Future<RowSet<Row>>> writes = new ArrayList<>();
      if (!seasons.isEmpty()) {
        writes.add(execute(UPSERT_SEASONS, Tuple.tuple()
            .addLong(rowId)
            .addArrayOfInteger(numbers)
            .addArrayOfBoolean(seasons.stream().map(Season::monitored).toArray(Boolean[]::new))
            .addArrayOfInteger(seasons.stream().map(s -> s.statistics().episodeCount()).toArray(Integer[]::new))
            .addArrayOfInteger(seasons.stream().map(s -> s.statistics().episodeFileCount()).toArray(Integer[]::new))
            .addArrayOfInteger(seasons.stream().map(s -> s.statistics().totalEpisodeCount()).toArray(Integer[]::new))
            .addArrayOfLong(seasons.stream().map(s -> s.statistics().sizeOnDisk()).toArray(Long[]::new))));
      }
      writes.add(execute(MARK_ABSENT_SEASONS_REMOVED, Tuple.tuple().addLong(rowId).addArrayOfInteger(numbers)));
      return writes;
    }

    private List<Future<RowSet<Row>>> writeImages(long rowId) {
      List<Image> images = snapshot.images();
      String[] coverTypes = images.stream().map(Image::coverType).toArray(String[]::new);
      List<Future<RowSet<Row>>> writes = new ArrayList<>();
      if (!images.isEmpty()) {
        writes.add(execute(UPSERT_IMAGES, Tuple.tuple()
            .addLong(rowId)
            .addArrayOfString(coverTypes)
            .addArrayOfString(images.stream().map(Image::url).toArray(String[]::new))
            .addArrayOfString(images.stream().map(Image::remoteUrl).toArray(String[]::new))));
      }
      writes.add(execute(MARK_ABSENT_IMAGES_REMOVED, Tuple.tuple().addLong(rowId).addArrayOfString(coverTypes)));
      return writes;
    }

    private List<Future<RowSet<Row>>> writeAlternateTitles(long rowId) {
      List<AlternateTitle> titles = snapshot.alternateTitles();
      String[] names = titles.stream().map(AlternateTitle::title).toArray(String[]::new);
      Integer[] sceneSeasons = titles.stream().map(AlternateTitle::sceneSeasonNumber).toArray(Integer[]::new);
      List<Future<RowSet<Row>>> writes = new ArrayList<>();
      if (!titles.isEmpty()) {
        writes.add(execute(UPSERT_ALTERNATE_TITLES, Tuple.tuple()
            .addLong(rowId)
            .addArrayOfString(names)
            .addArrayOfInteger(sceneSeasons)
            .addArrayOfInteger(titles.stream().map(AlternateTitle::seasonNumber).toArray(Integer[]::new))
            .addArrayOfString(titles.stream().map(AlternateTitle::sceneOrigin).toArray(String[]::new))
            .addArrayOfString(titles.stream().map(AlternateTitle::comment).toArray(String[]::new))));
      }
      writes.add(execute(MARK_ABSENT_ALTERNATE_TITLES_REMOVED,
          Tuple.tuple().addLong(rowId).addArrayOfString(names).addArrayOfInteger(sceneSeasons)));
      return writes;
    }

    private List<Future<RowSet<Row>>> settleEpisodeIdentities(long rowId) {
      List<Episode> episodes = snapshot.episodes();
      if (episodes.isEmpty()) {
        return List.of();
      }
      Tuple ids = Tuple.tuple()
          .addLong(rowId)
          .addArrayOfLong(episodes.stream().map(Episode::id).toArray(Long[]::new))
          .addArrayOfLong(episodes.stream().map(Episode::tvdbId).toArray(Long[]::new));
      return List.of(execute(DETACH_REUSED_EPISODE_IDS, ids), execute(ADOPT_EPISODE_ROWS, ids));
    }

    private List<Future<RowSet<Row>>> writeEpisodes(long rowId) {
      List<Episode> episodes = snapshot.episodes();
      List<Future<RowSet<Row>>> writes = new ArrayList<>();
      for (int from = 0; from < episodes.size(); from += EPISODE_CHUNK) {
        List<Episode> chunk = episodes.subList(from, Math.min(episodes.size(), from + EPISODE_CHUNK));
        writes.add(execute(UPSERT_EPISODES, Tuple.tuple()
            .addLong(rowId)
            .addArrayOfLong(chunk.stream().map(Episode::id).toArray(Long[]::new))
            .addArrayOfLong(chunk.stream().map(Episode::tvdbId).toArray(Long[]::new))
            .addArrayOfInteger(chunk.stream().map(Episode::seasonNumber).toArray(Integer[]::new))
            .addArrayOfInteger(chunk.stream().map(Episode::episodeNumber).toArray(Integer[]::new))
            .addArrayOfInteger(chunk.stream().map(Episode::absoluteEpisodeNumber).toArray(Integer[]::new))
            .addArrayOfString(chunk.stream().map(Episode::title).toArray(String[]::new))
            .addArrayOfString(chunk.stream().map(Episode::overview).toArray(String[]::new))
            .addArrayOfLocalDate(chunk.stream().map(Episode::airDate).toArray(LocalDate[]::new))
            .addArrayOfOffsetDateTime(chunk.stream().map(Episode::airDateUtc).toArray(OffsetDateTime[]::new))
            .addArrayOfInteger(chunk.stream().map(Episode::runtime).toArray(Integer[]::new))
            .addArrayOfBoolean(chunk.stream().map(Episode::hasFile).toArray(Boolean[]::new))
            .addArrayOfBoolean(chunk.stream().map(Episode::monitored).toArray(Boolean[]::new))
            .addArrayOfLong(chunk.stream().map(Episode::episodeFileId).toArray(Long[]::new))));
      }
      return writes;
    }

    private Future<RowSet<Row>> execute(String sql, Tuple parameters) {
      return connection.preparedQuery(sql).execute(parameters);
    }

    private SeriesWriteResult result(List<Future<RowSet<Row>>> identity, Future<RowSet<Row>> seriesWrite,
        List<Future<RowSet<Row>>> children, List<Future<RowSet<Row>>> episodeWrites, Future<RowSet<Row>> episodesMarked) {
      boolean seriesInserted = false;
      for (Row row : seriesWrite.result()) {
        seriesInserted = row.getBoolean("inserted");
      }
      int inserted = 0;
      int updated = 0;
      for (Future<RowSet<Row>> write : episodeWrites) {
        for (Row row : write.result()) {
          if (row.getBoolean("inserted")) {
            inserted++;
          } else {
            updated++;
          }
        }
      }
      int markedRemoved = episodesMarked.result().rowCount();
      boolean anyRowChanged = seriesWrite.result().rowCount() > 0 || inserted + updated + markedRemoved > 0
          || identity.stream().anyMatch(f -> f.result().rowCount() > 0)
          || children.stream().anyMatch(f -> f.result().rowCount() > 0);
      Change change = seriesInserted ? Change.INSERTED : anyRowChanged ? Change.UPDATED : Change.UNCHANGED;
      return new SeriesWriteResult(change, inserted, updated, snapshot.episodes().size() - inserted - updated, markedRemoved);
    }
  }
}
