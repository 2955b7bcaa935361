package io.autoanime.sync;

/**
 * SQL for presence and identity: tombstones for rows Sonarr stopped listing, and the rules that
 * keep user state with the right show when Sonarr ids are reused or re-created (CONTRACT.md 2).
 * None of these delete a row.
 */
final class PresenceStatements {
  private PresenceStatements() {}

  static final String SERIES_ROW_ID = "SELECT id FROM series WHERE sonarr_id = $1";

  /** The fingerprints of listed, present series, by Sonarr id. $1 sonarr ids. */
  static final String FINGERPRINTS = """
      SELECT s.sonarr_id, f.fingerprint, f.episode_count
        FROM series s
        JOIN series_sync_fingerprints f ON f.series_id = s.id
       WHERE s.sonarr_id = ANY($1::bigint[]) AND s.removed_from_sonarr_at IS NULL""";

  /** $1 series row id, $2 fingerprint, $3 episode count. */
  static final String SAVE_FINGERPRINT = """
      INSERT INTO series_sync_fingerprints AS f (series_id, fingerprint, episode_count)
      VALUES ($1, $2, $3)
      ON CONFLICT (series_id) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, episode_count = EXCLUDED.episode_count, updated_at = now()
      WHERE f.fingerprint IS DISTINCT FROM EXCLUDED.fingerprint""";

  /**
   * Sonarr now uses these ids for other shows (a different tvdb id): detach the old rows so the new
   * shows get rows of their own. $1 sonarr ids, $2 their current tvdb ids.
   */
  static final String DETACH_REUSED_SERIES_IDS = """
      UPDATE series s
         SET sonarr_id = NULL,
             removed_from_sonarr_at = COALESCE(s.removed_from_sonarr_at, now()),
             updated_at = now()
        FROM UNNEST($1::bigint[], $2::bigint[]) AS listed(sonarr_id, tvdb_id)
       WHERE s.sonarr_id = listed.sonarr_id
         AND s.tvdb_id IS NOT NULL AND listed.tvdb_id IS NOT NULL
         AND s.tvdb_id <> listed.tvdb_id""";

  /**
   * The same for one series (a one-series sync, and each series of a list after the list-wide pass):
   * an index lookup. $1 sonarr id, $2 its current tvdb id.
   */
  static final String DETACH_REUSED_SERIES_ID = """
      UPDATE series
         SET sonarr_id = NULL,
             removed_from_sonarr_at = COALESCE(removed_from_sonarr_at, now()),
             updated_at = now()
       WHERE sonarr_id = $1 AND tvdb_id IS NOT NULL AND tvdb_id <> $2""";

  /**
   * A series that comes back under a new Sonarr id takes over the row of the same show (same tvdb
   * id) that Sonarr no longer lists, user state included. $1 new sonarr id, $2 tvdb id, $3 every id
   * in the current series list (NULL when the whole list is not known, as in a one-series sync).
   */
  static final String ADOPT_SERIES_ROW = """
      UPDATE series
         SET sonarr_id = $1, updated_at = now()
       WHERE id = (SELECT candidate.id
                     FROM series candidate
                    WHERE candidate.tvdb_id = $2
                      AND (candidate.sonarr_id IS NULL
                           OR candidate.removed_from_sonarr_at IS NOT NULL
                           OR ($3::bigint[] IS NOT NULL AND candidate.sonarr_id <> ALL($3::bigint[])))
                    ORDER BY candidate.removed_from_sonarr_at DESC NULLS FIRST, candidate.id DESC
                    LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM series taken WHERE taken.sonarr_id = $1)""";

  /** $1 the sonarr ids listed by a complete fetch. Only rows not yet marked are counted. */
  static final String COUNT_KNOWN_AND_ABSENT_SERIES = """
      SELECT count(*) AS known,
             count(*) FILTER (WHERE sonarr_id <> ALL($1::bigint[])) AS absent
        FROM series
       WHERE sonarr_id IS NOT NULL AND removed_from_sonarr_at IS NULL""";

  static final String MARK_ABSENT_SERIES_REMOVED = """
      UPDATE series
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE sonarr_id IS NOT NULL
         AND removed_from_sonarr_at IS NULL
         AND sonarr_id <> ALL($1::bigint[])""";

  static final String MARK_SERIES_REMOVED = """
      UPDATE series
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE sonarr_id = $1 AND removed_from_sonarr_at IS NULL""";

  /**
   * Sonarr episode ids that now name an episode of another series, or another episode (different
   * tvdb id): detach the old rows. $1 series row id, $2 episode ids, $3 their tvdb ids.
   */
  static final String DETACH_REUSED_EPISODE_IDS = """
      UPDATE series_episodes e
         SET sonarr_episode_id = NULL,
             removed_from_sonarr_at = COALESCE(e.removed_from_sonarr_at, now()),
             updated_at = now()
        FROM UNNEST($2::bigint[], $3::bigint[]) AS listed(sonarr_episode_id, tvdb_id)
       WHERE e.sonarr_episode_id = listed.sonarr_episode_id
         AND (e.series_id <> $1::bigint
              OR (e.tvdb_id IS NOT NULL AND listed.tvdb_id IS NOT NULL AND e.tvdb_id <> listed.tvdb_id))""";

  /**
   * An episode re-created by Sonarr under a new id takes over the row of the same episode (same
   * series, same tvdb id) that Sonarr no longer lists. $1 series row id, $2 episode ids, $3 tvdb ids.
   */
  static final String ADOPT_EPISODE_ROWS = """
      WITH incoming AS (
          SELECT listed.sonarr_episode_id, listed.tvdb_id
            FROM UNNEST($2::bigint[], $3::bigint[]) AS listed(sonarr_episode_id, tvdb_id)
           WHERE listed.tvdb_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM series_episodes known
                              WHERE known.sonarr_episode_id = listed.sonarr_episode_id)
      ), takeover AS (
          SELECT DISTINCT ON (e.tvdb_id) e.id, incoming.sonarr_episode_id
            FROM series_episodes e
            JOIN incoming ON incoming.tvdb_id = e.tvdb_id
           WHERE e.series_id = $1::bigint
             AND (e.sonarr_episode_id IS NULL OR e.sonarr_episode_id <> ALL($2::bigint[]))
           ORDER BY e.tvdb_id, e.removed_from_sonarr_at DESC NULLS FIRST, e.id DESC
      )
      UPDATE series_episodes e
         SET sonarr_episode_id = takeover.sonarr_episode_id, updated_at = now()
        FROM takeover
       WHERE e.id = takeover.id""";

  /** $1 series row id, $2 the season numbers Sonarr lists for it. */
  static final String MARK_ABSENT_SEASONS_REMOVED = """
      UPDATE series_seasons
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE series_id = $1 AND removed_from_sonarr_at IS NULL
         AND season_number <> ALL($2::integer[])""";

  /** $1 series row id, $2 the episode ids Sonarr lists for it. */
  static final String MARK_ABSENT_EPISODES_REMOVED = """
      UPDATE series_episodes
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE series_id = $1 AND removed_from_sonarr_at IS NULL
         AND sonarr_episode_id IS NOT NULL
         AND sonarr_episode_id <> ALL($2::bigint[])""";

  /** $1 series row id, $2 the cover types Sonarr lists for it. */
  static final String MARK_ABSENT_IMAGES_REMOVED = """
      UPDATE series_images
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE series_id = $1 AND removed_from_sonarr_at IS NULL
         AND cover_type <> ALL($2::text[])""";

  /** $1 series row id, $2 titles, $3 scene season numbers (pairwise). */
  static final String MARK_ABSENT_ALTERNATE_TITLES_REMOVED = """
      UPDATE series_alternate_titles a
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE a.series_id = $1 AND a.removed_from_sonarr_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM UNNEST($2::text[], $3::integer[]) AS listed(title, scene_season_number)
                          WHERE listed.title = a.title AND listed.scene_season_number = a.scene_season_number)""";
}
