package io.autoanime.sync;

/**
 * SQL for presence and identity: tombstones for series Sonarr stopped listing, the fingerprints, and
 * the rules that keep user state with the right show when Sonarr ids are reused or re-created
 * (docs/reliability.md). None of these delete a row. The tombstones of a series' seasons, episodes, images
 * and titles are built with their upserts ({@link SyncedTable#markAbsentSql}); those of everything under
 * a series marked removed are {@link #MARK_EVERYTHING_UNDER_SERIES}.
 */
final class PresenceStatements {
  private PresenceStatements() {}

  /** The row ids of these Sonarr series. $1 sonarr ids. */
  static final String SERIES_ROW_IDS = "SELECT id, sonarr_id FROM series WHERE sonarr_id = ANY($1::bigint[])";

  /**
   * Locks the stored rows of the group's series, in id order, before anything else is written. A
   * user's toggle locks its series row before it writes the seasons and episodes under it; the
   * group's new seasons and episodes copy their switch from the rows above them. Without this lock,
   * a toggle of a series whose own row did not change (the upsert leaves such a row unlocked) would
   * not wait for the group: it could commit without seeing the new episodes, which had already
   * copied the old switch, and they would stay off under a season switched on. With it, the toggle
   * runs after the group's commit and covers them, or the group's statements run after the toggle's
   * commit and copy its switch. $1 Sonarr ids, each looked up on its own (LATERAL ... OFFSET 0): on a
   * table without statistics yet, the plain {@code sonarr_id = ANY($1)} was planned as a scan.
   */
  static final String LOCK_SERIES_ROWS = """
      SELECT s.id
        FROM series s
       WHERE s.id = ANY (ARRAY(SELECT known.id
                                 FROM UNNEST($1::bigint[]) AS listed(sonarr_id)
                                 JOIN LATERAL (SELECT id FROM series WHERE sonarr_id = listed.sonarr_id OFFSET 0) AS known
                                   ON true))
       ORDER BY s.id
         FOR NO KEY UPDATE""";

  /** The fingerprints of listed, present series, by Sonarr id. $1 sonarr ids. */
  static final String FINGERPRINTS = """
      SELECT s.sonarr_id, f.fingerprint, f.episode_count
        FROM series s
        JOIN series_sync_fingerprints f ON f.series_id = s.id
       WHERE s.sonarr_id = ANY($1::bigint[]) AND s.removed_from_sonarr_at IS NULL""";

  /** $1 series row ids, $2 fingerprints, $3 episode counts. */
  static final String SAVE_FINGERPRINTS = """
      INSERT INTO series_sync_fingerprints AS f (series_id, fingerprint, episode_count)
      SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::integer[])
      ON CONFLICT (series_id) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, episode_count = EXCLUDED.episode_count, updated_at = now()
      WHERE f.fingerprint IS DISTINCT FROM EXCLUDED.fingerprint""";

  /**
   * Sonarr now uses these ids for other shows (a different tvdb id): detach the old rows so the new
   * shows get rows of their own. Run list-wide before a full run writes anything (undone when the
   * breaker holds the run back: {@link FullRunSettling}), and by each group's transaction in the
   * other runs (a {@code new} run, a one-series run); the rows no listed show takes over are then
   * marked removed
   * ({@link #MARK_DETACHED_SERIES_REMOVED}, see {@link SeriesIdentities}). $1 sonarr ids, $2 their
   * current tvdb ids; answers the detached row ids. Like every identity statement here, it looks each
   * listed id up on its own (LATERAL ... OFFSET 0 / LIMIT): as a join, the planner hashed the whole
   * table for every group, and a sync's cost grew with the square of the library.
   */
  static final String DETACH_REUSED_SERIES_IDS = """
      UPDATE series s
         SET sonarr_id = NULL,
             updated_at = now()
       WHERE s.id = ANY (ARRAY(
               SELECT reused.id
                 FROM UNNEST($1::bigint[], $2::bigint[]) AS listed(sonarr_id, tvdb_id)
                 JOIN LATERAL (SELECT known.id
                                 FROM series known
                                WHERE known.sonarr_id = listed.sonarr_id
                                  AND known.tvdb_id IS NOT NULL AND listed.tvdb_id IS NOT NULL
                                  AND known.tvdb_id <> listed.tvdb_id
                               OFFSET 0) AS reused ON true))
      RETURNING s.id""";

  /**
   * A series that comes back under a new Sonarr id takes over the row of the same show (same tvdb
   * id) that Sonarr no longer lists, user state included: the most recently present such row (if two
   * listed series want the same row, the lower Sonarr id gets it). Answers the ids of the rows taken
   * over. $1 the sonarr ids, $2 their tvdb ids, $3 every id in the current series list (NULL
   * when the whole list is not known, as in a one-series sync). Without the list, a row of the same
   * show under another Sonarr id is one Sonarr no longer has: Sonarr holds one series per tvdb id. So
   * a show deleted and re-added, first seen by the one-series sync of its SeriesAdd webhook, takes its
   * old row over before a full sync would mark that row removed. A row detached by
   * {@link #DETACH_REUSED_SERIES_IDS} has no Sonarr id: another show of its tvdb id takes it over.
   */
  static final String ADOPT_SERIES_ROWS = """
      WITH takeover AS (
          SELECT DISTINCT ON (candidate.id) candidate.id, listed.sonarr_id
            FROM UNNEST($1::bigint[], $2::bigint[]) AS listed(sonarr_id, tvdb_id)
            JOIN LATERAL (SELECT known.id
                            FROM series known
                           WHERE known.tvdb_id = listed.tvdb_id
                             AND (known.sonarr_id IS NULL
                                  OR known.removed_from_sonarr_at IS NOT NULL
                                  OR known.sonarr_id <> ALL(COALESCE($3::bigint[], ARRAY[listed.sonarr_id])))
                           ORDER BY known.removed_from_sonarr_at DESC NULLS FIRST, known.id DESC
                           LIMIT 1) AS candidate ON true
           WHERE listed.tvdb_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM series taken WHERE taken.sonarr_id = listed.sonarr_id OFFSET 0)
           ORDER BY candidate.id, listed.sonarr_id
      )
      UPDATE series s
         SET sonarr_id = (SELECT takeover.sonarr_id FROM takeover WHERE takeover.id = s.id),
             updated_at = now()
       WHERE s.id = ANY (ARRAY(SELECT takeover.id FROM takeover))
      RETURNING s.id""";

  /**
   * The rows {@link #DETACH_REUSED_SERIES_IDS} detached that no listed show took over: their show is
   * gone from Sonarr. $1 the detached row ids; answers those marked (a row marked before keeps its time).
   */
  static final String MARK_DETACHED_SERIES_REMOVED = """
      UPDATE series
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE id = ANY($1::bigint[]) AND sonarr_id IS NULL AND removed_from_sonarr_at IS NULL
      RETURNING id""";

  /**
   * The listed Sonarr ids whose row names another show (what {@link #DETACH_REUSED_SERIES_IDS} would
   * detach), read when the breaker holds a run back. $1 sonarr ids, $2 their current tvdb ids.
   */
  static final String SERIES_IDS_NAMING_OTHER_SHOWS = """
      SELECT listed.sonarr_id
        FROM UNNEST($1::bigint[], $2::bigint[]) AS listed(sonarr_id, tvdb_id)
       WHERE EXISTS (SELECT 1
                       FROM series known
                      WHERE known.sonarr_id = listed.sonarr_id
                        AND known.tvdb_id IS NOT NULL AND listed.tvdb_id IS NOT NULL
                        AND known.tvdb_id <> listed.tvdb_id
                     OFFSET 0)""";

  /** The series known before a run changes anything: present, with a Sonarr id. */
  static final String COUNT_KNOWN_SERIES = """
      SELECT count(*) AS known
        FROM series
       WHERE sonarr_id IS NOT NULL AND removed_from_sonarr_at IS NULL""";

  /**
   * What a full run would mark removed, once it detached and let shows take rows over: the detached
   * rows no show took over, and the series absent from the list. $1 the detached row ids, $2 the
   * sonarr ids listed by a complete fetch (NULL when the list was not complete: then none is absent).
   */
  static final String COUNT_SERIES_TO_MARK_REMOVED = """
      SELECT count(*) FILTER (WHERE sonarr_id IS NULL AND id = ANY($1::bigint[])) AS detached,
             count(*) FILTER (WHERE sonarr_id <> ALL($2::bigint[])) AS absent
        FROM series
       WHERE removed_from_sonarr_at IS NULL""";

  /** $1 the sonarr ids listed by a complete fetch; answers the row ids marked. */
  static final String MARK_ABSENT_SERIES_REMOVED = """
      UPDATE series
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE sonarr_id IS NOT NULL
         AND removed_from_sonarr_at IS NULL
         AND sonarr_id <> ALL($1::bigint[])
      RETURNING id""";

  /** $1 the sonarr id Sonarr answered 404 for; answers the row id if it was marked. */
  static final String MARK_SERIES_REMOVED = """
      UPDATE series
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE sonarr_id = $1 AND removed_from_sonarr_at IS NULL
      RETURNING id""";

  /**
   * The seasons, episodes, images and alternate titles of series just marked removed: Sonarr lists
   * none of them any more. Rows already marked keep their time. $1 series row ids; its row count is
   * the episodes marked.
   */
  static final String MARK_EVERYTHING_UNDER_SERIES = """
      WITH seasons AS (
          UPDATE series_seasons
             SET removed_from_sonarr_at = now(), updated_at = now()
           WHERE series_id = ANY($1::bigint[]) AND removed_from_sonarr_at IS NULL
      ), images AS (
          UPDATE series_images
             SET removed_from_sonarr_at = now(), updated_at = now()
           WHERE series_id = ANY($1::bigint[]) AND removed_from_sonarr_at IS NULL
      ), alternate_titles AS (
          UPDATE series_alternate_titles
             SET removed_from_sonarr_at = now(), updated_at = now()
           WHERE series_id = ANY($1::bigint[]) AND removed_from_sonarr_at IS NULL
      )
      UPDATE series_episodes
         SET removed_from_sonarr_at = now(), updated_at = now()
       WHERE series_id = ANY($1::bigint[]) AND removed_from_sonarr_at IS NULL""";

  /**
   * Sonarr episode ids that now name an episode of another series, or another episode of the same
   * series (a reinstalled Sonarr numbering its episodes anew): detach the old rows, answering the
   * series row id of each. Another episode of the same series has another tvdb id and other numbers:
   * a different tvdb id alone, at the same season and episode number (or the same absolute number),
   * is TheTVDB replacing the episode's id, which Sonarr follows on the same episode (its refresh
   * matches episodes by their numbers): that row, with the user's switch and status, stays. Per
   * listed episode: $1 its series row id, $2 its id, $3 its tvdb id, $4 its season number, $5 its
   * episode number, $6 its absolute number. Each listed id is looked up on its own (the LATERAL ...
   * OFFSET 0), never by a join the planner could turn into a scan of the whole table (see
   * {@link SyncedTable}).
   */
  static final String DETACH_REUSED_EPISODE_IDS = """
      UPDATE series_episodes e
         SET sonarr_episode_id = NULL,
             removed_from_sonarr_at = COALESCE(e.removed_from_sonarr_at, now()),
             updated_at = now()
       WHERE e.id = ANY (ARRAY(
               SELECT reused.id
                 FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::integer[], $5::integer[], $6::integer[])
                      AS listed(series_id, sonarr_episode_id, tvdb_id, season_number, episode_number, absolute_number)
                 JOIN LATERAL (SELECT known.id
                                 FROM series_episodes known
                                WHERE known.sonarr_episode_id = listed.sonarr_episode_id
                                  AND (known.series_id <> listed.series_id
                                       OR (known.tvdb_id IS NOT NULL AND listed.tvdb_id IS NOT NULL
                                           AND known.tvdb_id <> listed.tvdb_id
                                           AND (known.season_number, known.episode_number)
                                               IS DISTINCT FROM (listed.season_number, listed.episode_number)
                                           AND (known.absolute_episode_number IS NULL OR listed.absolute_number IS NULL
                                                OR known.absolute_episode_number <> listed.absolute_number)))
                               OFFSET 0) AS reused ON true))
      RETURNING e.series_id""";

  /**
   * An episode re-created by Sonarr under a new id takes over the row of the same episode (same
   * series, same tvdb id) that Sonarr no longer lists. Per listed episode: $1 its series row id, $2 its
   * id, $3 its tvdb id.
   */
  static final String ADOPT_EPISODE_ROWS = """
      WITH listed AS (
          SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[]) AS l(series_id, sonarr_episode_id, tvdb_id)
      ), incoming AS (
          SELECT listed.* FROM listed
           WHERE listed.tvdb_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM series_episodes known
                              WHERE known.sonarr_episode_id = listed.sonarr_episode_id)
      ), takeover AS (
          SELECT DISTINCT ON (e.series_id, e.tvdb_id) e.id, incoming.sonarr_episode_id
            FROM series_episodes e
            JOIN incoming ON incoming.series_id = e.series_id AND incoming.tvdb_id = e.tvdb_id
           WHERE NOT EXISTS (SELECT 1 FROM listed WHERE listed.sonarr_episode_id = e.sonarr_episode_id)
           ORDER BY e.series_id, e.tvdb_id, e.removed_from_sonarr_at DESC NULLS FIRST, e.id DESC
      )
      UPDATE series_episodes e
         SET sonarr_episode_id = takeover.sonarr_episode_id, updated_at = now()
        FROM takeover
       WHERE e.id = takeover.id
      RETURNING e.series_id""";
}
