package io.autoanime.sync;

/**
 * The guarded upserts of the sync, one per table, built from their synced columns by
 * {@link SyncedTable}. Parameters: one array per column in the order declared here; each statement
 * writes the rows of several series at once (their row ids in {@code series_id}).
 *
 * <p>Adding or changing a synced column: the migration that does it must also
 * {@code DELETE FROM series_sync_fingerprints}, or series whose Sonarr data did not change would be
 * skipped (see {@link SeriesSnapshot#fingerprintOf}) and never get the new column filled.
 */
final class UpsertStatements {
  private static final String INHERITED_STATUS = "CASE WHEN %s THEN 'pending' ELSE 'disabled' END";

  static final SyncedTable SERIES = SyncedTable.named("series")
      .unnest("sonarr_id", "bigint")
      .unnest("tvdb_id", "bigint")
      .unnest("title", "text")
      .unnest("sort_title", "text")
      .unnest("status", "text")
      .unnest("series_type", "text")
      .unnest("overview", "text")
      .unnest("network", "text")
      .unnest("air_time", "text")
      .unnest("certification", "text")
      .unnest("year", "integer")
      .unnest("runtime", "integer")
      .unnest("monitored", "boolean")
      .unnest("use_scene_numbering", "boolean")
      .unnest("path", "text")
      .unnest("imdb_id", "text")
      .unnest("tmdb_id", "bigint")
      .unnest("tv_maze_id", "bigint")
      .unnest("first_aired", "timestamptz")
      .unnest("added_to_sonarr_at", "timestamptz")
      .unnest("genres", "jsonb")
      .unnest("season_count", "integer")
      .unnest("episode_count", "integer")
      .unnest("episode_file_count", "integer")
      .unnest("total_episode_count", "integer")
      .unnest("size_on_disk", "bigint")
      .conflictOn("sonarr_id")
      .returning("sonarr_id");

  /** A new season inherits auto-download from its series, except season 0 (specials). */
  static final SyncedTable SEASONS = SyncedTable.named("series_seasons")
      .unnest("series_id", "bigint")
      .unnest("season_number", "integer")
      .unnest("monitored", "boolean")
      .unnest("episode_count", "integer")
      .unnest("episode_file_count", "integer")
      .unnest("total_episode_count", "integer")
      .unnest("size_on_disk", "bigint")
      .join(lookedUp("JOIN", "SELECT series.is_auto_download_enabled FROM series WHERE series.id = u.series_id", "s"))
      .conflictOn("series_id", "season_number")
      .returning("series_id")
      .insertOnly("is_auto_download_enabled", "(u.season_number <> 0 AND s.is_auto_download_enabled)")
      .insertOnly("auto_download_status",
          INHERITED_STATUS.formatted("(u.season_number <> 0 AND s.is_auto_download_enabled)"));

  /** A new episode inherits auto-download from its season. */
  static final SyncedTable EPISODES = SyncedTable.named("series_episodes")
      .unnest("series_id", "bigint")
      .unnest("sonarr_episode_id", "bigint")
      .unnest("tvdb_id", "bigint")
      .unnest("season_number", "integer")
      .unnest("episode_number", "integer")
      .unnest("absolute_episode_number", "integer")
      .unnest("title", "text")
      .unnest("overview", "text")
      .unnest("air_date", "date")
      .unnest("air_date_utc", "timestamptz")
      .unnest("runtime", "integer")
      .unnest("has_file", "boolean")
      .unnest("monitored", "boolean")
      .unnest("episode_file_id", "bigint")
      .computed("season_id", "ss.id")
      .join(lookedUp("LEFT JOIN", """
          SELECT season.id, season.is_auto_download_enabled
            FROM series_seasons season
           WHERE season.series_id = u.series_id AND season.season_number = u.season_number""", "ss"))
      .conflictOn("sonarr_episode_id")
      .returning("series_id")
      .insertOnly("is_auto_download_enabled", "COALESCE(ss.is_auto_download_enabled, false)")
      .insertOnly("auto_download_status", INHERITED_STATUS.formatted("ss.is_auto_download_enabled"));

  static final SyncedTable IMAGES = SyncedTable.named("series_images")
      .unnest("series_id", "bigint")
      .unnest("cover_type", "text")
      .unnest("url", "text")
      .unnest("remote_url", "text")
      .conflictOn("series_id", "cover_type")
      .returning("series_id");

  static final SyncedTable ALTERNATE_TITLES = SyncedTable.named("series_alternate_titles")
      .unnest("series_id", "bigint")
      .unnest("title", "text")
      .unnest("scene_season_number", "integer")
      .unnest("season_number", "integer")
      .unnest("scene_origin", "text")
      .unnest("comment", "text")
      .conflictOn("series_id", "title", "scene_season_number")
      .returning("series_id");

  /**
   * A parent row looked up by its key for each incoming row. As a plain join, the planner hashed the
   * whole parent table for every statement, so that a sync's cost grew with the square of the library.
   */
  private static String lookedUp(String join, String query, String alias) {
    return join + " LATERAL (" + query + "\n      OFFSET 0) AS " + alias + " ON true";
  }

  static final String UPSERT_SERIES = SERIES.upsertSql();
  static final String UPSERT_SEASONS = SEASONS.upsertSql();
  static final String UPSERT_EPISODES = EPISODES.upsertCountedPerSeriesSql();
  static final String UPSERT_IMAGES = IMAGES.upsertSql();
  static final String UPSERT_ALTERNATE_TITLES = ALTERNATE_TITLES.upsertSql();

  private UpsertStatements() {}
}
