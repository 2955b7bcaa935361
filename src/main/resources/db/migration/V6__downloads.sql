-- Downloads: a release sent to qBittorrent for one episode or a batch of them, followed until Sonarr
-- has imported it. The download history is the user's data: nothing deletes it.
--
-- One download per episode, ever, unless the user retries or cancels: download_episodes holds one
-- row per (download, episode), and at most one row per episode is `tracked` (a unique partial
-- index, so two racing writers cannot both win). A retry reuses the same download; a cancelled
-- download, or an episode the user switched off while it downloaded, stops being tracked, which
-- frees the episode for another download.

CREATE TABLE downloads (
    id                 bigserial PRIMARY KEY,
    series_id          bigint      NOT NULL REFERENCES series (id) ON DELETE RESTRICT,
    feed_item_id       bigint      REFERENCES feed_items (id) ON DELETE RESTRICT,
    title              text        NOT NULL,
    source             text        NOT NULL,      -- the magnet or .torrent URL sent (may hold credentials: never shown)
    info_hash          text,                      -- 40 lower-case hex; learned from qBittorrent when the feed had none
    tag                text        NOT NULL,      -- the qBittorrent tag that finds this download's torrent
    trigger            text        NOT NULL,      -- 'auto' or 'manual'
    status             text        NOT NULL DEFAULT 'queued',
    progress           double precision NOT NULL DEFAULT 0,
    size_bytes         bigint,
    save_path          text,
    content_path       text,
    error              text,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    completed_at       timestamptz,
    imported_at        timestamptz,
    CONSTRAINT downloads_tag_key UNIQUE (tag),
    CONSTRAINT downloads_status_check CHECK (status IN
        ('queued', 'downloading', 'importing', 'imported', 'failed', 'cancelled')),
    CONSTRAINT downloads_trigger_check CHECK (trigger IN ('auto', 'manual')),
    CONSTRAINT downloads_info_hash_check CHECK (info_hash ~ '^[0-9a-f]{40}$'),
    CONSTRAINT downloads_progress_check CHECK (progress >= 0 AND progress <= 1)
);
CREATE INDEX downloads_newest_idx ON downloads (id DESC);
CREATE INDEX downloads_active_idx ON downloads (status) WHERE status IN ('queued', 'downloading', 'importing');

CREATE TABLE download_episodes (
    download_id        bigint      NOT NULL REFERENCES downloads (id) ON DELETE RESTRICT,
    episode_id         bigint      NOT NULL REFERENCES series_episodes (id) ON DELETE RESTRICT,
    tracked            boolean     NOT NULL DEFAULT true,
    PRIMARY KEY (download_id, episode_id)
);
CREATE UNIQUE INDEX download_episodes_one_tracked_download ON download_episodes (episode_id) WHERE tracked;

-- Downloads refer to their release: such a release is never pruned.
CREATE INDEX downloads_feed_item_idx ON downloads (feed_item_id);
