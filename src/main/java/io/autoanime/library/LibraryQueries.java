package io.autoanime.library;

/**
 * The read queries behind the library API. Each route runs a fixed handful of these whatever the
 * library size: counters are aggregated in SQL, never one query per series or episode.
 *
 * <p>Removed rows (those with {@code removed_from_sonarr_at} set) are left out unless the
 * {@code includeRemoved} parameter is true. Episode counters count the episodes Sonarr still lists.
 */
final class LibraryQueries {
  private LibraryQueries() {}

  /** The auto-download counters over a set of episodes aliased {@code e}. */
  private static final String COUNTERS = """
      count(*) FILTER (WHERE e.is_auto_download_enabled)             AS ad_enabled,
      count(*) FILTER (WHERE e.auto_download_status = 'pending')     AS ad_pending,
      count(*) FILTER (WHERE e.auto_download_status = 'downloading') AS ad_downloading,
      count(*) FILTER (WHERE e.auto_download_status = 'downloaded')  AS ad_downloaded,
      count(*) FILTER (WHERE e.auto_download_status = 'failed')      AS ad_failed""";

  /**
   * When each series {@code s} was last synced: the finish of the latest run that succeeded or was
   * partial and covered it. A 'full' run covers every series present while it ran (created before
   * it finished, not removed before it started) unless it lists the series among its failures; a
   * 'new' run covers the series it created; a 'series' run covers the series with its Sonarr id.
   * Rows no recorded run covered fall back to their {@code updated_at}. Derived, never stored: a
   * sync that changes nothing writes no library row.
   *
   * <p>The latest full run ({@code lf}, from {@link #LATEST_FULL_RUN}) is read once; only a series
   * it did not cover looks further back, through the index on (mode, finished_at).
   */
  private static final String LATEST_FULL_RUN = """
      latest_full AS (
          SELECT started_at, finished_at, failures
            FROM sync_runs
           WHERE mode = 'full' AND status IN ('succeeded', 'partial')
           ORDER BY finished_at DESC
           LIMIT 1)""";

  /** Whether the full run aliased %1$s covered series {@code s}. */
  private static final String FULL_RUN_COVERS = """
      %1$s.finished_at >= s.created_at
                  AND (s.removed_from_sonarr_at IS NULL OR %1$s.started_at <= s.removed_from_sonarr_at)
                  AND NOT %1$s.failures @> jsonb_build_array(jsonb_build_object('sonarrSeriesId', s.sonarr_id))""";

  /** The finish of the latest full run that covered series {@code s}, or null. */
  private static final String LAST_FULL_SYNC = """
      CASE WHEN %s
                THEN lf.finished_at
                ELSE (SELECT r.finished_at
                        FROM sync_runs r
                       WHERE r.mode = 'full' AND r.status IN ('succeeded', 'partial')
                         AND %s
                       ORDER BY r.finished_at DESC
                       LIMIT 1)
           END""".formatted(FULL_RUN_COVERS.formatted("lf"), FULL_RUN_COVERS.formatted("r"));

  private static final String LAST_SYNCED_JOINS = """
        LEFT JOIN latest_full lf ON true
        LEFT JOIN LATERAL (
            SELECT r.finished_at
              FROM sync_runs r
             WHERE r.mode = 'new' AND r.status IN ('succeeded', 'partial')
               AND r.finished_at >= s.created_at AND r.started_at <= s.created_at
             ORDER BY r.finished_at DESC
             LIMIT 1) new_run ON true
        LEFT JOIN LATERAL (
            SELECT r.finished_at
              FROM sync_runs r
             WHERE r.mode = 'series' AND r.status IN ('succeeded', 'partial')
               AND r.sonarr_series_id = s.sonarr_id
               AND r.finished_at >= s.created_at
             ORDER BY r.finished_at DESC
             LIMIT 1) series_run ON true
      """;

  private static final String POSTER_JOIN = """
        LEFT JOIN series_images poster
               ON poster.series_id = s.id AND poster.cover_type = 'poster'
              AND poster.removed_from_sonarr_at IS NULL
      """;

  /** The series list item's columns; {@code c} holds the counters. */
  private static final String SERIES_SUMMARY_COLUMNS = """
      s.id, s.sonarr_id, s.tvdb_id, s.title, s.sort_title, s.status, s.series_type, s.monitored, s.year,
      s.network, COALESCE(poster.remote_url, poster.url) AS poster_url,
      s.season_count, s.episode_count, s.episode_file_count, s.total_episode_count,
      s.is_auto_download_enabled, s.auto_download_status,
      COALESCE(c.ad_enabled, 0) AS ad_enabled, COALESCE(c.ad_pending, 0) AS ad_pending,
      COALESCE(c.ad_downloading, 0) AS ad_downloading, COALESCE(c.ad_downloaded, 0) AS ad_downloaded,
      COALESCE(c.ad_failed, 0) AS ad_failed,
      s.removed_from_sonarr_at,
      COALESCE(GREATEST(%s, new_run.finished_at, series_run.finished_at), s.updated_at)
          AS last_synced_at""".formatted(LAST_FULL_SYNC);

  /** Every series in Sonarr's order (by sort title). $1 includeRemoved. */
  static final String SERIES_LIST = seriesList("", "");

  /** As {@link #SERIES_LIST}, each series with the titles Sonarr lists as its alternate titles (for search). */
  static final String SERIES_LIST_WITH_ALTERNATE_TITLES = seriesList(
      ",\n       COALESCE(alt.titles, '{}') AS alternate_title_names", """
        LEFT JOIN (
            SELECT t.series_id, array_agg(DISTINCT t.title ORDER BY t.title) AS titles
              FROM series_alternate_titles t
             WHERE t.removed_from_sonarr_at IS NULL
             GROUP BY t.series_id) alt ON alt.series_id = s.id
      """);

  private static String seriesList(String extraColumns, String extraJoins) {
    return """
        WITH %s,
        c AS (
            SELECT e.series_id,
        %s
              FROM series_episodes e
             WHERE e.removed_from_sonarr_at IS NULL
             GROUP BY e.series_id)
        SELECT %s%s
          FROM series s
          LEFT JOIN c ON c.series_id = s.id
        %s%s%s WHERE $1::boolean OR s.removed_from_sonarr_at IS NULL
         ORDER BY COALESCE(s.sort_title, lower(s.title)), s.id""".formatted(LATEST_FULL_RUN, COUNTERS,
        SERIES_SUMMARY_COLUMNS, extraColumns, POSTER_JOIN, LAST_SYNCED_JOINS, extraJoins);
  }

  /** One series with the detail columns, whether removed or not. $1 series id. */
  static final String SERIES_BY_ID = """
      WITH %s
      SELECT %s,
             s.overview, s.air_time, s.certification, s.runtime, s.use_scene_numbering, s.path, s.imdb_id,
             s.tmdb_id, s.tv_maze_id, s.first_aired, s.added_to_sonarr_at, s.genres, s.size_on_disk,
             s.created_at, s.updated_at
        FROM series s
        LEFT JOIN LATERAL (
            SELECT
      %s
              FROM series_episodes e
             WHERE e.series_id = s.id AND e.removed_from_sonarr_at IS NULL) c ON true
      %s%s WHERE s.id = $1""".formatted(LATEST_FULL_RUN, SERIES_SUMMARY_COLUMNS, COUNTERS, POSTER_JOIN,
      LAST_SYNCED_JOINS);

  /** The poster Sonarr lists for series $1: its Sonarr id, its local URL and its remote URL. */
  static final String POSTER_OF_SERIES = """
      SELECT s.sonarr_id, i.url, i.remote_url
        FROM series s
        LEFT JOIN series_images i
               ON i.series_id = s.id AND i.cover_type = 'poster' AND i.removed_from_sonarr_at IS NULL
       WHERE s.id = $1""";

  /** $1 series id, $2 includeRemoved. */
  static final String IMAGES_OF_SERIES = """
      SELECT cover_type, url, remote_url, removed_from_sonarr_at
        FROM series_images
       WHERE series_id = $1 AND ($2::boolean OR removed_from_sonarr_at IS NULL)
       ORDER BY cover_type""";

  /** $1 series id, $2 includeRemoved. */
  static final String ALTERNATE_TITLES_OF_SERIES = """
      SELECT title, scene_season_number, season_number, scene_origin, comment, removed_from_sonarr_at
        FROM series_alternate_titles
       WHERE series_id = $1 AND ($2::boolean OR removed_from_sonarr_at IS NULL)
       ORDER BY scene_season_number, title""";

  private static final String SEASON_SELECT = """
      SELECT ss.id, ss.series_id, ss.season_number, ss.monitored, ss.episode_count, ss.episode_file_count,
             ss.total_episode_count, ss.size_on_disk, ss.is_auto_download_enabled, ss.auto_download_status,
             COALESCE(c.ad_enabled, 0) AS ad_enabled, COALESCE(c.ad_pending, 0) AS ad_pending,
             COALESCE(c.ad_downloading, 0) AS ad_downloading, COALESCE(c.ad_downloaded, 0) AS ad_downloaded,
             COALESCE(c.ad_failed, 0) AS ad_failed,
             ss.removed_from_sonarr_at, ss.created_at, ss.updated_at
        FROM series_seasons ss
        LEFT JOIN (
            SELECT e.season_number,
      %s
              FROM series_episodes e
             WHERE e.series_id = $1 AND e.removed_from_sonarr_at IS NULL
             GROUP BY e.season_number) c ON c.season_number = ss.season_number
      """.formatted(COUNTERS);

  /** $1 series id, $2 includeRemoved. */
  static final String SEASONS_OF_SERIES = SEASON_SELECT + """
       WHERE ss.series_id = $1 AND ($2::boolean OR ss.removed_from_sonarr_at IS NULL)
       ORDER BY ss.season_number""";

  /** $1 series id, $2 season number. */
  static final String SEASON_BY_NUMBER = SEASON_SELECT + """
       WHERE ss.series_id = $1 AND ss.season_number = $2""";

  private static final String EPISODE_SELECT = """
      SELECT e.id, e.sonarr_episode_id, e.series_id, e.season_id, e.season_number, e.episode_number,
             e.absolute_episode_number, e.title, e.overview, e.air_date, e.air_date_utc, e.runtime, e.has_file,
             e.monitored, e.is_auto_download_enabled, e.auto_download_status, e.downloaded_at,
             e.removed_from_sonarr_at, e.created_at, e.updated_at
        FROM series_episodes e
      """;

  /** $1 series id, $2 season number or null for all, $3 includeRemoved. */
  static final String EPISODES_OF_SERIES = EPISODE_SELECT + """
       WHERE e.series_id = $1
         AND ($2::integer IS NULL OR e.season_number = $2::integer)
         AND ($3::boolean OR e.removed_from_sonarr_at IS NULL)
       ORDER BY e.season_number, e.episode_number, e.id""";

  /** $1 episode id. */
  static final String EPISODE_BY_ID = EPISODE_SELECT + """
       WHERE e.id = $1""";

  /** $1 series id. */
  static final String SERIES_IDENTITY = """
      SELECT id, sonarr_id, title, removed_from_sonarr_at
        FROM series
       WHERE id = $1""";
}
