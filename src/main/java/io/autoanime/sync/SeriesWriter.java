package io.autoanime.sync;

import static io.autoanime.sync.PresenceStatements.*;
import static io.autoanime.sync.UpsertStatements.*;

import io.autoanime.sonarr.SonarrModels.AlternateTitle;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Image;
import io.autoanime.sonarr.SonarrModels.Season;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.sonarr.SonarrModels.Statistics;
import io.autoanime.sync.SeriesWriteResult.Change;
import io.vertx.core.Future;
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
 * is deleted and no user column is written.
 */
final class SeriesWriter {
  static final int EPISODE_CHUNK = 5000;

  private final Pool pool;

  SeriesWriter(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param listedSonarrIds every series id of a complete series list, or null when only this series
   *     was fetched (then rows of other series are never taken over on the strength of absence).
   */
  Future<SeriesWriteResult> write(SeriesSnapshot snapshot, Long[] listedSonarrIds) {
    return pool.withTransaction(connection -> new Transaction(connection, snapshot, listedSonarrIds).run());
  }

  /** Marks a series Sonarr says no longer exists (a 404 for it) as removed. */
  Future<Integer> markSeriesRemoved(long sonarrId) {
    return pool.preparedQuery(MARK_SERIES_REMOVED).execute(Tuple.of(sonarrId)).map(RowSet::rowCount);
  }

  /** The steps of one series' transaction, sharing its connection and running tally. */
  private static final class Transaction {
    private final SqlConnection connection;
    private final SeriesSnapshot snapshot;
    private final Series series;
    private final Long[] listedSonarrIds;
    private boolean seriesInserted;
    private boolean anyRowChanged;
    private long seriesRowId;
    private int episodesInserted;
    private int episodesUpdated;
    private int episodesMarkedRemoved;

    Transaction(SqlConnection connection, SeriesSnapshot snapshot, Long[] listedSonarrIds) {
      this.connection = connection;
      this.snapshot = snapshot;
      this.series = snapshot.series();
      this.listedSonarrIds = listedSonarrIds;
    }

    Future<SeriesWriteResult> run() {
      return settleSeriesIdentity()
          .compose(v -> upsertSeries())
          .compose(v -> upsertSeasons())
          .compose(v -> upsertImages())
          .compose(v -> upsertAlternateTitles())
          .compose(v -> settleEpisodeIdentities())
          .compose(v -> upsertEpisodes(0))
          .compose(v -> markAbsentEpisodes())
          .map(v -> result());
    }

    private Future<Void> settleSeriesIdentity() {
      if (series.tvdbId() == null) {
        return Future.succeededFuture();
      }
      return execute(DETACH_REUSED_SERIES_IDS, Tuple.tuple()
              .addArrayOfLong(new Long[] {series.id()})
              .addArrayOfLong(new Long[] {series.tvdbId()}))
          .compose(v -> execute(ADOPT_SERIES_ROW, Tuple.tuple()
              .addLong(series.id())
              .addLong(series.tvdbId())
              .addArrayOfLong(listedSonarrIds)));
    }

    private Future<Void> upsertSeries() {
      Statistics stats = series.statistics();
      Tuple row = Tuple.tuple()
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
      return connection.preparedQuery(UPSERT_SERIES).execute(row)
          .compose(written -> {
            for (Row r : written) {
              anyRowChanged = true;
              seriesInserted = r.getBoolean("inserted");
            }
            return connection.preparedQuery(SERIES_ROW_ID).execute(Tuple.of(series.id()));
          })
          .map(rows -> {
            seriesRowId = rows.iterator().next().getLong("id");
            return null;
          });
    }

    private Future<Void> upsertSeasons() {
      List<Season> seasons = snapshot.seasons();
      int n = seasons.size();
      Integer[] numbers = new Integer[n];
      Boolean[] monitored = new Boolean[n];
      Integer[] episodeCount = new Integer[n];
      Integer[] episodeFileCount = new Integer[n];
      Integer[] totalEpisodeCount = new Integer[n];
      Long[] sizeOnDisk = new Long[n];
      for (int i = 0; i < n; i++) {
        Season season = seasons.get(i);
        numbers[i] = season.seasonNumber();
        monitored[i] = season.monitored();
        episodeCount[i] = season.statistics().episodeCount();
        episodeFileCount[i] = season.statistics().episodeFileCount();
        totalEpisodeCount[i] = season.statistics().totalEpisodeCount();
        sizeOnDisk[i] = season.statistics().sizeOnDisk();
      }
      Future<Void> upsert = n == 0 ? Future.succeededFuture() : execute(UPSERT_SEASONS, Tuple.tuple()
          .addLong(seriesRowId)
          .addArrayOfInteger(numbers)
          .addArrayOfBoolean(monitored)
          .addArrayOfInteger(episodeCount)
          .addArrayOfInteger(episodeFileCount)
          .addArrayOfInteger(totalEpisodeCount)
          .addArrayOfLong(sizeOnDisk));
      return upsert.compose(v -> execute(MARK_ABSENT_SEASONS_REMOVED,
          Tuple.tuple().addLong(seriesRowId).addArrayOfInteger(numbers)));
    }

    private Future<Void> upsertImages() {
      List<Image> images = snapshot.images();
      String[] coverTypes = images.stream().map(Image::coverType).toArray(String[]::new);
      Future<Void> upsert = images.isEmpty() ? Future.succeededFuture() : execute(UPSERT_IMAGES, Tuple.tuple()
          .addLong(seriesRowId)
          .addArrayOfString(coverTypes)
          .addArrayOfString(images.stream().map(Image::url).toArray(String[]::new))
          .addArrayOfString(images.stream().map(Image::remoteUrl).toArray(String[]::new)));
      return upsert.compose(v -> execute(MARK_ABSENT_IMAGES_REMOVED,
          Tuple.tuple().addLong(seriesRowId).addArrayOfString(coverTypes)));
    }

    private Future<Void> upsertAlternateTitles() {
      List<AlternateTitle> titles = snapshot.alternateTitles();
      String[] names = titles.stream().map(AlternateTitle::title).toArray(String[]::new);
      Integer[] sceneSeasons = titles.stream().map(AlternateTitle::sceneSeasonNumber).toArray(Integer[]::new);
      Future<Void> upsert = titles.isEmpty() ? Future.succeededFuture() : execute(UPSERT_ALTERNATE_TITLES, Tuple.tuple()
          .addLong(seriesRowId)
          .addArrayOfString(names)
          .addArrayOfInteger(sceneSeasons)
          .addArrayOfInteger(titles.stream().map(AlternateTitle::seasonNumber).toArray(Integer[]::new))
          .addArrayOfString(titles.stream().map(AlternateTitle::sceneOrigin).toArray(String[]::new))
          .addArrayOfString(titles.stream().map(AlternateTitle::comment).toArray(String[]::new)));
      return upsert.compose(v -> execute(MARK_ABSENT_ALTERNATE_TITLES_REMOVED,
          Tuple.tuple().addLong(seriesRowId).addArrayOfString(names).addArrayOfInteger(sceneSeasons)));
    }

    private Future<Void> settleEpisodeIdentities() {
      List<Episode> episodes = snapshot.episodes();
      if (episodes.isEmpty()) {
        return Future.succeededFuture();
      }
      Tuple ids = Tuple.tuple()
          .addLong(seriesRowId)
          .addArrayOfLong(episodes.stream().map(Episode::id).toArray(Long[]::new))
          .addArrayOfLong(episodes.stream().map(Episode::tvdbId).toArray(Long[]::new));
      return execute(DETACH_REUSED_EPISODE_IDS, ids).compose(v -> execute(ADOPT_EPISODE_ROWS, ids));
    }

    private Future<Void> upsertEpisodes(int from) {
      List<Episode> episodes = snapshot.episodes();
      if (from >= episodes.size()) {
        return Future.succeededFuture();
      }
      List<Episode> chunk = episodes.subList(from, Math.min(episodes.size(), from + EPISODE_CHUNK));
      Tuple rows = Tuple.tuple()
          .addLong(seriesRowId)
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
          .addArrayOfLong(chunk.stream().map(Episode::episodeFileId).toArray(Long[]::new));
      return connection.preparedQuery(UPSERT_EPISODES).execute(rows)
          .compose(written -> {
            for (Row row : written) {
              anyRowChanged = true;
              if (row.getBoolean("inserted")) {
                episodesInserted++;
              } else {
                episodesUpdated++;
              }
            }
            return upsertEpisodes(from + EPISODE_CHUNK);
          });
    }

    private Future<Void> markAbsentEpisodes() {
      Long[] listed = snapshot.episodes().stream().map(Episode::id).toArray(Long[]::new);
      return connection.preparedQuery(MARK_ABSENT_EPISODES_REMOVED)
          .execute(Tuple.tuple().addLong(seriesRowId).addArrayOfLong(listed))
          .map(rows -> {
            episodesMarkedRemoved = rows.rowCount();
            anyRowChanged |= episodesMarkedRemoved > 0;
            return null;
          });
    }

    private Future<Void> execute(String sql, Tuple parameters) {
      return connection.preparedQuery(sql).execute(parameters).map(rows -> {
        anyRowChanged |= rows.rowCount() > 0;
        return null;
      });
    }

    private SeriesWriteResult result() {
      Change change = seriesInserted ? Change.INSERTED : anyRowChanged ? Change.UPDATED : Change.UNCHANGED;
      int unchanged = snapshot.episodes().size() - episodesInserted - episodesUpdated;
      return new SeriesWriteResult(change, episodesInserted, episodesUpdated, unchanged, episodesMarkedRemoved);
    }
  }
}
