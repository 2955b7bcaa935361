-- Library rows are never deleted (CONTRACT.md 2): the database now refuses it, for every client.
--
-- V1 guarded series_episodes with two foreign keys (series_id, season_id), ON DELETE RESTRICT, so
-- that a stray DELETE of a series or season could not orphan the episodes and the settings users put
-- on them. That protection now comes from refusing DELETE and TRUNCATE on the library tables
-- outright, which also covers the episodes themselves and costs nothing per row. The two keys are
-- dropped: PostgreSQL checked them once per written episode row, which was a fifth of the
-- database's work on an initial sync (docs/benchmarks.md). Both columns are written only by the
-- sync, from rows of the same transaction (series_id from the series row it wrote, season_id looked
-- up from (series_id, season_number) on every write), and tests check that every reference resolves.
-- The small tables (seasons, images, alternate titles, fingerprints) keep their keys.
--
-- A future migration that really must delete library rows disables the trigger around the DELETE:
--   ALTER TABLE series DISABLE TRIGGER series_rows_are_never_deleted; ... ENABLE TRIGGER ...

ALTER TABLE series_episodes
    DROP CONSTRAINT series_episodes_series_id_fkey,
    DROP CONSTRAINT series_episodes_season_id_fkey;

CREATE FUNCTION refuse_library_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never deleted: a row Sonarr no longer lists is marked removed_from_sonarr_at instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER series_rows_are_never_deleted
    BEFORE DELETE OR TRUNCATE ON series
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_library_delete();
CREATE TRIGGER series_seasons_rows_are_never_deleted
    BEFORE DELETE OR TRUNCATE ON series_seasons
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_library_delete();
CREATE TRIGGER series_episodes_rows_are_never_deleted
    BEFORE DELETE OR TRUNCATE ON series_episodes
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_library_delete();
CREATE TRIGGER series_images_rows_are_never_deleted
    BEFORE DELETE OR TRUNCATE ON series_images
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_library_delete();
CREATE TRIGGER series_alternate_titles_rows_are_never_deleted
    BEFORE DELETE OR TRUNCATE ON series_alternate_titles
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_library_delete();
