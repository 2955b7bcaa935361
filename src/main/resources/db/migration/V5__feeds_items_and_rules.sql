-- Release feeds, the releases they bring and where each was placed, and the user's download rules.
--
-- Feeds and rules are the user's data: only the user deletes them (through the API), never a poll or
-- a sync. A feed's items outlive the feed (the API sets their feed_id NULL before it removes the
-- feed), because downloads refer to them. Items that matched no episode may be pruned after 90 days;
-- nothing else is. No foreign key deletes or changes a row by itself (every one is RESTRICT).

CREATE TABLE feeds (
    id                bigserial PRIMARY KEY,
    name              text        NOT NULL,
    url               text        NOT NULL,
    kind              text        NOT NULL DEFAULT 'rss',
    enabled           boolean     NOT NULL DEFAULT true,
    poll_minutes      integer,                            -- NULL: the service default (FEED_POLL_MINUTES)
    etag              text,                               -- validators for the next conditional GET
    last_modified     text,
    next_poll_at      timestamptz NOT NULL DEFAULT now(),
    last_polled_at    timestamptz,
    last_success_at   timestamptz,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feeds_url_key UNIQUE (url),
    CONSTRAINT feeds_kind_check CHECK (kind IN ('rss', 'torznab')),
    CONSTRAINT feeds_poll_minutes_check CHECK (poll_minutes IS NULL OR poll_minutes >= 5)
);

CREATE TABLE download_rules (
    id                bigserial PRIMARY KEY,
    series_id         bigint      NOT NULL REFERENCES series (id) ON DELETE RESTRICT,
    season_number     integer,                            -- NULL: the whole series
    feed_id           bigint      REFERENCES feeds (id) ON DELETE RESTRICT,   -- NULL: every feed
    pattern           text,                               -- NULL: a rule that only sets preferences
    episode_offset    integer     NOT NULL DEFAULT 0,
    enabled           boolean     NOT NULL DEFAULT true,
    resolution        text,
    preferred_groups  text[]      NOT NULL DEFAULT '{}',
    must_contain      text[]      NOT NULL DEFAULT '{}',
    must_not_contain  text[]      NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT download_rules_season_check CHECK (season_number IS NULL OR season_number >= 0)
);
CREATE INDEX download_rules_series_idx ON download_rules (series_id);
CREATE INDEX download_rules_feed_idx ON download_rules (feed_id);

-- One row per release: per feed by guid, across feeds by info hash.
-- The match (series_id, episode_ids, rule_id, match_reason) is rewritten when the library or the
-- rules change; episode_ids is empty when the release is placed on no episode.
CREATE TABLE feed_items (
    id                bigserial PRIMARY KEY,
    feed_id           bigint      REFERENCES feeds (id) ON DELETE RESTRICT,
    guid              text        NOT NULL,
    title             text        NOT NULL,
    info_hash         text,
    torrent_url       text,
    magnet_url        text,
    size_bytes        bigint,
    published_at      timestamptz,
    seeders           integer,
    parsed            jsonb       NOT NULL,
    series_id         bigint      REFERENCES series (id) ON DELETE RESTRICT,
    episode_ids       bigint[]    NOT NULL DEFAULT '{}',
    rule_id           bigint      REFERENCES download_rules (id) ON DELETE RESTRICT,
    match_reason      text,
    matched_at        timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feed_items_feed_guid_key UNIQUE (feed_id, guid),
    CONSTRAINT feed_items_info_hash_check CHECK (info_hash ~ '^[0-9a-f]{40}$'),
    CONSTRAINT feed_items_link_check CHECK (torrent_url IS NOT NULL OR magnet_url IS NOT NULL)
);
CREATE UNIQUE INDEX feed_items_info_hash_key ON feed_items (info_hash);
CREATE INDEX feed_items_feed_newest_idx ON feed_items (feed_id, id DESC);
CREATE INDEX feed_items_episode_ids_idx ON feed_items USING gin (episode_ids);
CREATE INDEX feed_items_unplaced_idx ON feed_items (id DESC) WHERE episode_ids = '{}';
CREATE INDEX feed_items_rule_idx ON feed_items (rule_id) WHERE rule_id IS NOT NULL;

-- Releases numbered absolutely (anime) are placed by absolute episode number.
CREATE INDEX series_episodes_absolute_idx ON series_episodes (series_id, absolute_episode_number)
    WHERE absolute_episode_number IS NOT NULL;
