-- Indexes behind the library API's reads (see library/LibraryQueries).
--  * lastSyncedAt looks up, per series, the latest finished run that covered it: the latest
--    'full' or 'new' run, or the latest 'series' run for its Sonarr id. Only runs that synced
--    something (succeeded or partial) count, so the indexes hold only those.
--  * the poster of each series is found by (series_id, cover_type): the natural key's index.
--  * episode counters group series_episodes by series_id: series_episodes_series_order_idx.

CREATE INDEX sync_runs_synced_by_mode_idx
    ON sync_runs (mode, finished_at DESC)
 WHERE status IN ('succeeded', 'partial');

CREATE INDEX sync_runs_synced_series_idx
    ON sync_runs (sonarr_series_id, finished_at DESC)
 WHERE mode = 'series' AND status IN ('succeeded', 'partial');
