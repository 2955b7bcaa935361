package io.autoanime.library;

import static io.autoanime.library.AutoDownloadStatements.*;

import io.autoanime.db.RetriedTransactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's auto-download settings and the downloaders' status reports. Each call is one
 * transaction (retried when PostgreSQL aborts it for a deadlock with a sync) that writes, then
 * reads back what it wrote, so the answer is exactly the committed state.
 *
 * <ul>
 *   <li>series: the series, its seasons except season 0, and their episodes; answers the series
 *       as {@code GET /api/series/{id}} shows it;
 *   <li>season: that season and its episodes; answers the season with its {@code episodes};
 *   <li>episode: that episode; answers the episode.
 * </ul>
 */
public final class AutoDownload {
  private static final Logger log = LoggerFactory.getLogger(AutoDownload.class);

  private final RetriedTransactions transactions;
  private final Runnable afterWrite;

  public AutoDownload(Vertx vertx, Pool pool) {
    this(vertx, pool, () -> { });
  }

  /** {@code afterWrite} runs after each write has committed (e.g. to drop a cached read). */
  public AutoDownload(Vertx vertx, Pool pool, Runnable afterWrite) {
    this.transactions = new RetriedTransactions(vertx, pool);
    this.afterWrite = afterWrite;
  }

  public Future<JsonObject> setForSeries(long seriesId, boolean enabled) {
    return written(transactions.run("auto-download of series " + seriesId, connection ->
        connection.preparedQuery(LOCK_SERIES).execute(Tuple.of(seriesId))
            .compose(locked -> {
              if (locked.size() == 0) {
                return Future.failedFuture(LibraryReader.unknownSeries(seriesId));
              }
              Tuple change = Tuple.of(seriesId, enabled);
              return update(connection, SET_SERIES, change)
                  .compose(series -> update(connection, SET_SEASONS_OF_SERIES, change)
                      .compose(seasons -> update(connection, SET_EPISODES_OF_SERIES, change)
                          .onSuccess(episodes -> log.info("Auto-download {} for series {}: {} series, {} season(s), "
                              + "{} episode(s) changed", onOff(enabled), seriesId, series, seasons, episodes))));
            })
            .compose(written -> LibraryReader.series(connection, seriesId, false))));
  }

  public Future<JsonObject> setForSeason(long seriesId, int seasonNumber, boolean enabled) {
    return written(transactions.run("auto-download of season " + seasonNumber + " of series " + seriesId, connection ->
        connection.preparedQuery(LOCK_SERIES_FIND_SEASON).execute(Tuple.of(seriesId, seasonNumber))
            .compose(found -> {
              if (found.size() == 0) {
                return Future.failedFuture(LibraryReader.unknownSeries(seriesId));
              }
              Row row = found.iterator().next();
              if (row.getLong("season_id") == null) {
                return Future.failedFuture(new NotFoundException("series " + seriesId + " has no season " + seasonNumber));
              }
              Tuple change = Tuple.of(seriesId, enabled, seasonNumber);
              return update(connection, SET_SEASON, change)
                  .compose(season -> update(connection, SET_EPISODES_OF_SEASON, change)
                      .onSuccess(episodes -> log.info("Auto-download {} for season {} of series {}: {} season, "
                          + "{} episode(s) changed", onOff(enabled), seasonNumber, seriesId, season, episodes)));
            })
            .compose(written -> LibraryReader.seasonWithEpisodes(connection, seriesId, seasonNumber))));
  }

  public Future<JsonObject> setForEpisode(long episodeId, boolean enabled) {
    return written(transactions.run("auto-download of episode " + episodeId, connection ->
        update(connection, SET_EPISODE, Tuple.of(episodeId, enabled))
            .compose(written -> LibraryReader.episode(connection, episodeId))
            .onSuccess(episode -> log.info("Auto-download {} for episode {}", onOff(enabled), episodeId))));
  }

  public Future<JsonObject> setDownloadStatus(long episodeId, DownloadStatusChange change) {
    return written(transactions.run("download status of episode " + episodeId, connection ->
        connection.preparedQuery(SET_DOWNLOAD_STATUS)
            .execute(Tuple.of(episodeId, change.status().wireName(), change.downloadedAt()))
            .compose(written -> written.size() == 0
                ? Future.failedFuture(LibraryReader.unknownEpisode(episodeId))
                : LibraryReader.episode(connection, episodeId))
            .onSuccess(episode -> log.info("Download status of episode {}: {}", episodeId, change.status().wireName()))));
  }

  private <T> Future<T> written(Future<T> write) {
    return write.onSuccess(done -> afterWrite.run());
  }

  private static Future<Integer> update(SqlConnection connection, String sql, Tuple parameters) {
    return connection.preparedQuery(sql).execute(parameters).map(rows -> rows.rowCount());
  }

  private static String onOff(boolean enabled) {
    return enabled ? "on" : "off";
  }
}
