package io.autoanime.library;

import static io.autoanime.library.LibraryQueries.*;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.function.Function;

/**
 * The library as the API shows it. Every read is a fixed number of queries (one to four); when a
 * read needs several they go down one connection together. The {@code SqlClient} variants let the
 * auto-download writes answer with what they wrote, inside their own transaction.
 */
public final class LibraryReader {
  private final Pool pool;

  public LibraryReader(Pool pool) {
    this.pool = pool;
  }

  /**
   * Every series, in Sonarr's order (by sort title), with its counters; {@code withAlternateTitles}
   * adds each series' {@code alternateTitleNames}. One query.
   */
  public Future<JsonArray> seriesList(boolean includeRemoved, boolean withAlternateTitles) {
    return pool.preparedQuery(withAlternateTitles ? SERIES_LIST_WITH_ALTERNATE_TITLES : SERIES_LIST)
        .execute(Tuple.of(includeRemoved))
        .map(rows -> toArray(rows, withAlternateTitles ? LibraryJson::seriesSummaryWithAlternateTitles
            : LibraryJson::seriesSummary));
  }

  /** The poster Sonarr lists for a series; fails with {@link NotFoundException} for an unknown id. */
  public Future<Poster> poster(long seriesId) {
    return pool.preparedQuery(POSTER_OF_SERIES).execute(Tuple.of(seriesId)).map(rows -> {
      if (rows.size() == 0) {
        throw unknownSeries(seriesId);
      }
      Row row = rows.iterator().next();
      return new Poster(row.getLong("sonarr_id"), row.getString("url"), row.getString("remote_url"));
    });
  }

  /**
   * A series' poster as Sonarr lists it: {@code localUrl} is Sonarr's own ({@code /MediaCover/...}),
   * {@code remoteUrl} the metadata source's; either may be null, and so is {@code sonarrId} for a
   * series detached from Sonarr.
   */
  public record Poster(Long sonarrId, String localUrl, String remoteUrl) {}

  /** One series with its images, alternate titles and seasons. Four queries on one connection. */
  public Future<JsonObject> series(long seriesId, boolean includeRemoved) {
    return pool.withConnection(connection -> series(connection, seriesId, includeRemoved));
  }

  /** The series' episodes ordered by season and episode, optionally of one season. Two queries. */
  public Future<JsonArray> episodes(long seriesId, Integer seasonNumber, boolean includeRemoved) {
    return pool.withConnection(connection -> {
      Future<SeriesIdentity> series = identity(connection, seriesId);
      Future<RowSet<Row>> episodes = connection.preparedQuery(EPISODES_OF_SERIES)
          .execute(Tuple.of(seriesId, seasonNumber, includeRemoved));
      return Future.all(series, episodes).map(both -> toArray(episodes.result(), LibraryJson::episode));
    });
  }

  /** Who the series is in Sonarr; fails with {@link NotFoundException} for an unknown id. */
  public Future<SeriesIdentity> identity(long seriesId) {
    return identity(pool, seriesId);
  }

  static Future<SeriesIdentity> identity(SqlClient client, long seriesId) {
    return client.preparedQuery(SERIES_IDENTITY).execute(Tuple.of(seriesId)).map(rows -> {
      if (rows.size() == 0) {
        throw unknownSeries(seriesId);
      }
      Row row = rows.iterator().next();
      return new SeriesIdentity(row.getLong("id"), row.getLong("sonarr_id"), row.getString("title"),
          row.getOffsetDateTime("removed_from_sonarr_at"));
    });
  }

  static Future<JsonObject> series(SqlClient client, long seriesId, boolean includeRemoved) {
    Tuple byIdAndRemoved = Tuple.of(seriesId, includeRemoved);
    Future<RowSet<Row>> series = client.preparedQuery(SERIES_BY_ID).execute(Tuple.of(seriesId));
    Future<RowSet<Row>> images = client.preparedQuery(IMAGES_OF_SERIES).execute(byIdAndRemoved);
    Future<RowSet<Row>> titles = client.preparedQuery(ALTERNATE_TITLES_OF_SERIES).execute(byIdAndRemoved);
    Future<RowSet<Row>> seasons = client.preparedQuery(SEASONS_OF_SERIES).execute(byIdAndRemoved);
    return Future.all(series, images, titles, seasons).map(all -> {
      if (series.result().size() == 0) {
        throw unknownSeries(seriesId);
      }
      return LibraryJson.seriesDetail(series.result().iterator().next())
          .put("images", toArray(images.result(), LibraryJson::image))
          .put("alternateTitles", toArray(titles.result(), LibraryJson::alternateTitle))
          .put("seasons", toArray(seasons.result(), LibraryJson::season));
    });
  }

  /** One season with its episodes (those Sonarr still lists). Two queries. */
  static Future<JsonObject> seasonWithEpisodes(SqlClient client, long seriesId, int seasonNumber) {
    Future<RowSet<Row>> season = client.preparedQuery(SEASON_BY_NUMBER).execute(Tuple.of(seriesId, seasonNumber));
    Future<RowSet<Row>> episodes = client.preparedQuery(EPISODES_OF_SERIES)
        .execute(Tuple.of(seriesId, seasonNumber, false));
    return Future.all(season, episodes).map(both -> {
      if (season.result().size() == 0) {
        throw new NotFoundException("series " + seriesId + " has no season " + seasonNumber);
      }
      return LibraryJson.season(season.result().iterator().next())
          .put("episodes", toArray(episodes.result(), LibraryJson::episode));
    });
  }

  /** One episode; fails with {@link NotFoundException} for an unknown id. */
  static Future<JsonObject> episode(SqlClient client, long episodeId) {
    return client.preparedQuery(EPISODE_BY_ID).execute(Tuple.of(episodeId)).map(rows -> {
      if (rows.size() == 0) {
        throw unknownEpisode(episodeId);
      }
      return LibraryJson.episode(rows.iterator().next());
    });
  }

  static NotFoundException unknownSeries(long seriesId) {
    return new NotFoundException("no series with id " + seriesId);
  }

  static NotFoundException unknownEpisode(long episodeId) {
    return new NotFoundException("no episode with id " + episodeId);
  }

  private static JsonArray toArray(RowSet<Row> rows, Function<Row, JsonObject> mapper) {
    JsonArray array = new JsonArray(new ArrayList<>(rows.size()));
    for (Row row : rows) {
      array.add(mapper.apply(row));
    }
    return array;
  }
}
