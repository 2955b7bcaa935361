-- The mirror of the Sonarr library plus the user's auto-download settings.
-- Rules (see CONTRACT.md section 2):
--  * a sync never deletes: rows Sonarr stops listing get removed_from_sonarr_at;
--  * no foreign key cascades a delete (every reference is ON DELETE RESTRICT), so a stray
--    DELETE of a series can never wipe the episodes and the settings users put on them;
--  * is_auto_download_enabled, auto_download_status and downloaded_at are the user's columns:
--    the sync's upserts never list them in a SET clause.

CREATE TABLE series (
    id                        bigserial PRIMARY KEY,
    sonarr_id                 bigint UNIQUE,          -- NULL once detached (Sonarr reused the id for another show)
    tvdb_id                   bigint,
    title                     text NOT NULL,
    sort_title                text,
    status                    text,
    series_type               text,
    overview                  text,
    network                   text,
    air_time                  text,
    certification             text,
    year                      integer,
    runtime                   integer,
    monitored                 boolean,
    use_scene_numbering       boolean,
    path                      text,
    imdb_id                   text,
    tmdb_id                   bigint,
    tv_maze_id                bigint,
    first_aired               timestamptz,
    added_to_sonarr_at        timestamptz,
    genres                    jsonb,
    season_count              integer,
    episode_count             integer,
    episode_file_count        integer,
    total_episode_count       integer,
    size_on_disk              bigint,
    is_auto_download_enabled  boolean NOT NULL DEFAULT false,
    auto_download_status      text    NOT NULL DEFAULT 'disabled',
    removed_from_sonarr_at    timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_auto_download_status_check CHECK (auto_download_status IN
        ('disabled', 'pending', 'downloading', 'downloaded', 'failed', 'skipped'))
);
CREATE INDEX series_tvdb_id_idx ON series (tvdb_id);
CREATE INDEX series_sort_title_idx ON series (sort_title);

CREATE TABLE series_seasons (
    id                        bigserial PRIMARY KEY,
    series_id                 bigint  NOT NULL REFERENCES series (id) ON DELETE RESTRICT,
    season_number             integer NOT NULL,
    monitored                 boolean,
    episode_count             integer,
    episode_file_count        integer,
    total_episode_count       integer,
    size_on_disk              bigint,
    is_auto_download_enabled  boolean NOT NULL DEFAULT false,
    auto_download_status      text    NOT NULL DEFAULT 'disabled',
    removed_from_sonarr_at    timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_seasons_natural_key UNIQUE (series_id, season_number),
    CONSTRAINT series_seasons_auto_download_status_check CHECK (auto_download_status IN
        ('disabled', 'pending', 'downloading', 'downloaded', 'failed', 'skipped'))
);

CREATE TABLE series_episodes (
    id                        bigserial PRIMARY KEY,
    sonarr_episode_id         bigint UNIQUE,          -- NULL once detached (Sonarr reused the id)
    series_id                 bigint  NOT NULL REFERENCES series (id) ON DELETE RESTRICT,
    season_id                 bigint  REFERENCES series_seasons (id) ON DELETE RESTRICT,
    tvdb_id                   bigint,
    season_number             integer NOT NULL,
    episode_number            integer NOT NULL,
    absolute_episode_number   integer,
    title                     text,
    overview                  text,
    air_date                  date,
    air_date_utc              timestamptz,
    runtime                   integer,
    has_file                  boolean,
    monitored                 boolean,
    episode_file_id           bigint,
    is_auto_download_enabled  boolean NOT NULL DEFAULT false,
    auto_download_status      text    NOT NULL DEFAULT 'disabled',
    downloaded_at             timestamptz,
    removed_from_sonarr_at    timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_episodes_auto_download_status_check CHECK (auto_download_status IN
        ('disabled', 'pending', 'downloading', 'downloaded', 'failed', 'skipped'))
);
CREATE INDEX series_episodes_series_order_idx ON series_episodes (series_id, season_number, episode_number);
CREATE INDEX series_episodes_season_id_idx ON series_episodes (season_id);
CREATE INDEX series_episodes_tvdb_id_idx ON series_episodes (series_id, tvdb_id);

CREATE TABLE series_images (
    id                        bigserial PRIMARY KEY,
    series_id                 bigint NOT NULL REFERENCES series (id) ON DELETE RESTRICT,
    cover_type                text   NOT NULL,
    url                       text,
    remote_url                text,
    removed_from_sonarr_at    timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_images_natural_key UNIQUE (series_id, cover_type)
);

CREATE TABLE series_alternate_titles (
    id                        bigserial PRIMARY KEY,
    series_id                 bigint  NOT NULL REFERENCES series (id) ON DELETE RESTRICT,
    title                     text    NOT NULL,
    scene_season_number       integer NOT NULL DEFAULT -1,   -- Sonarr's -1: every season
    season_number             integer,
    scene_origin              text,
    comment                   text,
    removed_from_sonarr_at    timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_alternate_titles_natural_key UNIQUE (series_id, title, scene_season_number)
);

CREATE TABLE sync_runs (
    id                        bigserial PRIMARY KEY,
    trigger                   text    NOT NULL,
    mode                      text    NOT NULL,
    sonarr_series_id          bigint,
    status                    text    NOT NULL,
    started_at                timestamptz NOT NULL DEFAULT now(),
    finished_at               timestamptz,
    series_done               integer NOT NULL DEFAULT 0,
    series_total              integer NOT NULL DEFAULT 0,
    counts                    jsonb   NOT NULL DEFAULT '{}'::jsonb,
    failures                  jsonb   NOT NULL DEFAULT '[]'::jsonb,
    warnings                  jsonb   NOT NULL DEFAULT '[]'::jsonb,
    error                     text,
    CONSTRAINT sync_runs_trigger_check CHECK (trigger IN ('startup', 'http', 'eventbus', 'schedule', 'webhook')),
    CONSTRAINT sync_runs_mode_check CHECK (mode IN ('full', 'new', 'series')),
    CONSTRAINT sync_runs_status_check CHECK (status IN ('running', 'succeeded', 'partial', 'failed'))
);
CREATE INDEX sync_runs_started_idx ON sync_runs (started_at DESC, id DESC);
