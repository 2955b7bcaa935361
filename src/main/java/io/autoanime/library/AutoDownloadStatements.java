package io.autoanime.library;

/**
 * The user's writes: the auto-download toggles with their cascade and the download status. These
 * are the only statements that write {@link UserColumns}. Each update skips rows already in the
 * wanted state, so a repeated toggle writes (and locks) nothing.
 *
 * <p>Rules (docs/api.md, "Auto-download rules"): enabling sets {@code auto_download_status} 'pending', disabling
 * 'disabled'; an episode already 'downloaded' keeps that status and its {@code downloaded_at}, and one
 * a download holds shows that download's state when switched on.
 * Parameters: $1 the row id, $2 enabled (boolean), then what each statement says.
 */
final class AutoDownloadStatements {
  private AutoDownloadStatements() {}

  private static final String TOGGLED_STATUS = "CASE WHEN $2::boolean THEN 'pending' ELSE 'disabled' END";

  /**
   * Switched on, an episode that a download of this service still holds shows that download's state:
   * 'downloading' while it runs, 'failed' once it gave up (the downloader never picks an episode a
   * download holds, so 'pending' would never move; the download's retry, or a cancel, does). A
   * switch-off lets go of the download only at the downloader's next look, so an episode switched off
   * and at once on again is still held. One already on that another downloader reported
   * 'downloading' stays so.
   */
  private static final String TOGGLED_EPISODE_STATUS = """
      CASE WHEN auto_download_status = 'downloaded' THEN 'downloaded'
           WHEN NOT $2::boolean THEN 'disabled'
           ELSE COALESCE(
                  (SELECT CASE WHEN d.status = 'failed' THEN 'failed' ELSE 'downloading' END
                     FROM download_episodes held JOIN downloads d ON d.id = held.download_id
                    WHERE held.episode_id = series_episodes.id AND held.tracked
                      AND d.status IN ('queued', 'downloading', 'importing', 'failed')),
                  CASE WHEN is_auto_download_enabled AND auto_download_status = 'downloading' THEN 'downloading' END,
                  'pending') END""";

  /**
   * Locks the series row first, as the sync's series transaction does, so that a toggle and a sync
   * of the same series take their locks in the same order. $1 series id.
   */
  static final String LOCK_SERIES = """
      SELECT id FROM series WHERE id = $1 FOR UPDATE""";

  /** Locks the series (as above) and finds the season. $1 series id, $2 season number. */
  static final String LOCK_SERIES_FIND_SEASON = """
      SELECT s.id, ss.id AS season_id
        FROM series s
        LEFT JOIN series_seasons ss ON ss.series_id = s.id AND ss.season_number = $2
       WHERE s.id = $1
         FOR UPDATE OF s""";

  static final String SET_SERIES = """
      UPDATE series
         SET is_auto_download_enabled = $2::boolean, auto_download_status = %1$s, updated_at = now()
       WHERE id = $1
         AND (is_auto_download_enabled, auto_download_status) IS DISTINCT FROM ($2::boolean, %1$s)"""
      .formatted(TOGGLED_STATUS);

  /** Every season of the series but season 0 (specials), removed ones included. */
  static final String SET_SEASONS_OF_SERIES = """
      UPDATE series_seasons
         SET is_auto_download_enabled = $2::boolean, auto_download_status = %1$s, updated_at = now()
       WHERE series_id = $1 AND season_number <> 0
         AND (is_auto_download_enabled, auto_download_status) IS DISTINCT FROM ($2::boolean, %1$s)"""
      .formatted(TOGGLED_STATUS);

  /** Every episode of the series outside season 0, removed ones included. */
  static final String SET_EPISODES_OF_SERIES = """
      UPDATE series_episodes
         SET is_auto_download_enabled = $2::boolean, auto_download_status = %1$s, updated_at = now()
       WHERE series_id = $1 AND season_number <> 0
         AND (is_auto_download_enabled, auto_download_status) IS DISTINCT FROM ($2::boolean, %1$s)"""
      .formatted(TOGGLED_EPISODE_STATUS);

  /** $1 series id, $2 enabled, $3 season number. */
  static final String SET_SEASON = """
      UPDATE series_seasons
         SET is_auto_download_enabled = $2::boolean, auto_download_status = %1$s, updated_at = now()
       WHERE series_id = $1 AND season_number = $3
         AND (is_auto_download_enabled, auto_download_status) IS DISTINCT FROM ($2::boolean, %1$s)"""
      .formatted(TOGGLED_STATUS);

  /** $1 series id, $2 enabled, $3 season number. */
  static final String SET_EPISODES_OF_SEASON = """
      UPDATE series_episodes
         SET is_auto_download_enabled = $2::boolean, auto_download_status = %1$s, updated_at = now()
       WHERE series_id = $1 AND season_number = $3
         AND (is_auto_download_enabled, auto_download_status) IS DISTINCT FROM ($2::boolean, %1$s)"""
      .formatted(TOGGLED_EPISODE_STATUS);

  /** $1 episode id, $2 enabled. */
  static final String SET_EPISODE = """
      UPDATE series_episodes
         SET is_auto_download_enabled = $2::boolean, auto_download_status = %1$s, updated_at = now()
       WHERE id = $1
         AND (is_auto_download_enabled, auto_download_status) IS DISTINCT FROM ($2::boolean, %1$s)"""
      .formatted(TOGGLED_EPISODE_STATUS);

  /**
   * What a downloader reports. $1 episode id, $2 status, $3 when it was downloaded (null: now).
   * {@code downloaded_at} describes the current 'downloaded' state: it is stamped when the status
   * becomes 'downloaded' and cleared when a downloader reports any other status.
   */
  static final String SET_DOWNLOAD_STATUS = """
      UPDATE series_episodes
         SET auto_download_status = $2::text,
             downloaded_at = CASE WHEN $2::text = 'downloaded' THEN COALESCE($3::timestamptz, now()) END,
             updated_at = now()
       WHERE id = $1
      RETURNING id""";
}
