-- What the sync last wrote for each series, as a hash of the Sonarr data it came from. A resync that
-- fetches the same data again skips that series without a single statement; the guarded upserts
-- stay the safety net. Sync bookkeeping only: no user data lives here. A later migration that adds or
-- changes a synced column must empty this table, so that the next sync writes every series again.
CREATE TABLE series_sync_fingerprints (
    series_id    bigint PRIMARY KEY REFERENCES series (id) ON DELETE RESTRICT,
    fingerprint  text   NOT NULL,
    episode_count integer NOT NULL,  -- how many episodes that data held (the run's "unchanged" count)
    updated_at   timestamptz NOT NULL DEFAULT now()
);
