package io.autoanime.sync;

import static io.autoanime.sync.ColumnType.*;

import io.autoanime.sonarr.SonarrModels.AlternateTitle;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Image;
import io.autoanime.sonarr.SonarrModels.Season;
import io.autoanime.sonarr.SonarrModels.Series;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Every table the sync writes, each synced column declared once: its name, its SQL type and where
 * its value comes from. The upserts, their parameters and the tombstones are built from these
 * declarations (see {@link SyncedTable}); each statement writes the rows of several series at once
 * (their row ids in {@code series_id}).
 *
 * <p>Adding a synced column: a migration that adds it, the field in {@code SonarrModels} and its
 * decoding, and one {@code column(...)} line here. Nothing else: the {@link #version()} of the
 * statements changes with it, and it is part of every series' fingerprint, so the next sync writes
 * every series again instead of skipping those whose Sonarr data did not change (and the new column
 * gets filled). A change that leaves the statements as they were (a column now read from another
 * field, say) does not change the version: such a change must come with a migration that runs
 * {@code DELETE FROM series_sync_fingerprints}.
 */
final class SyncedTables {
  private static final String INHERITED_STATUS = "CASE WHEN %s THEN 'pending' ELSE 'disabled' END";

  static final SyncedTables STANDARD = new SyncedTables(
      SyncedTable.<Series>named("series")
          .column("sonarr_id", BIGINT, Series::id)
          .column("tvdb_id", BIGINT, Series::tvdbId)
          .column("title", TEXT, Series::title)
          .column("sort_title", TEXT, Series::sortTitle)
          .column("status", TEXT, Series::status)
          .column("series_type", TEXT, Series::seriesType)
          .column("overview", TEXT, Series::overview)
          .column("network", TEXT, Series::network)
          .column("air_time", TEXT, Series::airTime)
          .column("certification", TEXT, Series::certification)
          .column("year", INTEGER, Series::year)
          .column("runtime", INTEGER, Series::runtime)
          .column("monitored", BOOLEAN, Series::monitored)
          .column("use_scene_numbering", BOOLEAN, Series::useSceneNumbering)
          .column("path", TEXT, Series::path)
          .column("imdb_id", TEXT, Series::imdbId)
          .column("tmdb_id", BIGINT, Series::tmdbId)
          .column("tv_maze_id", BIGINT, Series::tvMazeId)
          .column("first_aired", TIMESTAMPTZ, Series::firstAired)
          .column("added_to_sonarr_at", TIMESTAMPTZ, Series::added)
          .column("genres", JSONB, s -> new JsonArray(new ArrayList<>(s.genres())))
          .column("season_count", INTEGER, s -> s.statistics().seasonCount())
          .column("episode_count", INTEGER, s -> s.statistics().episodeCount())
          .column("episode_file_count", INTEGER, s -> s.statistics().episodeFileCount())
          .column("total_episode_count", INTEGER, s -> s.statistics().totalEpisodeCount())
          .column("size_on_disk", BIGINT, s -> s.statistics().sizeOnDisk())
          .conflictOn("sonarr_id")
          .returning("sonarr_id"),

      // A new season inherits auto-download from its series, except season 0 (specials).
      SyncedTable.<ChildRow<Season>>named("series_seasons")
          .column("series_id", BIGINT, ChildRow::seriesRowId)
          .column("season_number", INTEGER, its(Season::seasonNumber))
          .column("monitored", BOOLEAN, its(Season::monitored))
          .column("episode_count", INTEGER, its(s -> s.statistics().episodeCount()))
          .column("episode_file_count", INTEGER, its(s -> s.statistics().episodeFileCount()))
          .column("total_episode_count", INTEGER, its(s -> s.statistics().totalEpisodeCount()))
          .column("size_on_disk", BIGINT, its(s -> s.statistics().sizeOnDisk()))
          .join(lookedUp("JOIN", "SELECT series.is_auto_download_enabled FROM series WHERE series.id = u.series_id", "s"))
          .conflictOn("series_id", "season_number")
          .ownedBy("series_id")
          .returning("series_id")
          .insertOnly("is_auto_download_enabled", "(u.season_number <> 0 AND s.is_auto_download_enabled)")
          .insertOnly("auto_download_status",
              INHERITED_STATUS.formatted("(u.season_number <> 0 AND s.is_auto_download_enabled)")),

      SyncedTable.<ChildRow<Image>>named("series_images")
          .column("series_id", BIGINT, ChildRow::seriesRowId)
          .column("cover_type", TEXT, its(Image::coverType))
          .column("url", TEXT, its(Image::url))
          .column("remote_url", TEXT, its(Image::remoteUrl))
          .conflictOn("series_id", "cover_type")
          .ownedBy("series_id")
          .returning("series_id"),

      SyncedTable.<ChildRow<AlternateTitle>>named("series_alternate_titles")
          .column("series_id", BIGINT, ChildRow::seriesRowId)
          .column("title", TEXT, its(AlternateTitle::title))
          .column("scene_season_number", INTEGER, its(AlternateTitle::sceneSeasonNumber))
          .column("season_number", INTEGER, its(AlternateTitle::seasonNumber))
          .column("scene_origin", TEXT, its(AlternateTitle::sceneOrigin))
          .column("comment", TEXT, its(AlternateTitle::comment))
          .conflictOn("series_id", "title", "scene_season_number")
          .ownedBy("series_id")
          .returning("series_id"),

      // A new episode inherits auto-download from its season.
      SyncedTable.<ChildRow<Episode>>named("series_episodes")
          .column("series_id", BIGINT, ChildRow::seriesRowId)
          .column("sonarr_episode_id", BIGINT, its(Episode::id))
          .column("tvdb_id", BIGINT, its(Episode::tvdbId))
          .column("season_number", INTEGER, its(Episode::seasonNumber))
          .column("episode_number", INTEGER, its(Episode::episodeNumber))
          .column("absolute_episode_number", INTEGER, its(Episode::absoluteEpisodeNumber))
          .column("title", TEXT, its(Episode::title))
          .column("overview", TEXT, its(Episode::overview))
          .column("air_date", DATE, its(Episode::airDate))
          .column("air_date_utc", TIMESTAMPTZ, its(Episode::airDateUtc))
          .column("runtime", INTEGER, its(Episode::runtime))
          .column("has_file", BOOLEAN, its(Episode::hasFile))
          .column("monitored", BOOLEAN, its(Episode::monitored))
          .column("episode_file_id", BIGINT, its(Episode::episodeFileId))
          .computed("season_id", "ss.id")
          .join(lookedUp("LEFT JOIN", """
              SELECT season.id, season.is_auto_download_enabled
                FROM series_seasons season
               WHERE season.series_id = u.series_id AND season.season_number = u.season_number""", "ss"))
          .conflictOn("sonarr_episode_id")
          .ownedBy("series_id")
          .returning("series_id")
          .insertOnly("is_auto_download_enabled", "COALESCE(ss.is_auto_download_enabled, false)")
          .insertOnly("auto_download_status", INHERITED_STATUS.formatted("ss.is_auto_download_enabled")));

  private final SyncedTable<Series> series;
  private final SyncedTable<ChildRow<Season>> seasons;
  private final SyncedTable<ChildRow<Image>> images;
  private final SyncedTable<ChildRow<AlternateTitle>> alternateTitles;
  private final SyncedTable<ChildRow<Episode>> episodes;
  private final String version;

  SyncedTables(SyncedTable<Series> series, SyncedTable<ChildRow<Season>> seasons, SyncedTable<ChildRow<Image>> images,
      SyncedTable<ChildRow<AlternateTitle>> alternateTitles, SyncedTable<ChildRow<Episode>> episodes) {
    this.series = series;
    this.seasons = seasons;
    this.images = images;
    this.alternateTitles = alternateTitles;
    this.episodes = episodes;
    this.version = hash(statements());
  }

  /** The same tables with the episodes declared otherwise (for tests). */
  SyncedTables withEpisodes(SyncedTable<ChildRow<Episode>> declared) {
    return new SyncedTables(series, seasons, images, alternateTitles, declared);
  }

  SyncedTable<Series> series() {
    return series;
  }

  SyncedTable<ChildRow<Season>> seasons() {
    return seasons;
  }

  SyncedTable<ChildRow<Image>> images() {
    return images;
  }

  SyncedTable<ChildRow<AlternateTitle>> alternateTitles() {
    return alternateTitles;
  }

  SyncedTable<ChildRow<Episode>> episodes() {
    return episodes;
  }

  /** A hash of every statement built from the declarations: it changes whenever a synced column does. */
  String version() {
    return version;
  }

  /** Every statement built from the declarations. */
  List<String> statements() {
    return List.of(series.upsertSql(),
        seasons.upsertSql(), seasons.markAbsentSql(),
        images.upsertSql(), images.markAbsentSql(),
        alternateTitles.upsertSql(), alternateTitles.markAbsentSql(),
        episodes.upsertCountedPerSeriesSql(), episodes.markAbsentSql());
  }

  /** A value of a child row's item. */
  private static <T, V> Function<ChildRow<T>, V> its(Function<T, V> value) {
    return row -> value.apply(row.item());
  }

  /**
   * A parent row looked up by its key for each incoming row. As a plain join, the planner hashed the
   * whole parent table for every statement, so that a sync's cost grew with the square of the library.
   */
  private static String lookedUp(String join, String query, String alias) {
    return join + " LATERAL (" + query + "\n      OFFSET 0) AS " + alias + " ON true";
  }

  private static String hash(List<String> statements) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String statement : statements) {
        digest.update(statement.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
