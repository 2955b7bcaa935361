-- A series marked removed takes everything under it along (docs/reliability.md): the sync marks its
-- seasons, episodes, images and alternate titles in the same transaction
-- (sync/PresenceStatements.MARK_EVERYTHING_UNDER_SERIES). Series marked removed before the sync did
-- so (absent from Sonarr's list, a 404, or detached because Sonarr gave their id to another show)
-- still have those rows unmarked, shown present until Sonarr lists the series again. They are marked
-- here, at the time their series was; a row already marked keeps its time. Only
-- removed_from_sonarr_at and updated_at are written: no user column (library/UserColumns), and
-- nothing is deleted.

UPDATE series_seasons c
   SET removed_from_sonarr_at = s.removed_from_sonarr_at, updated_at = now()
  FROM series s
 WHERE s.id = c.series_id AND s.removed_from_sonarr_at IS NOT NULL AND c.removed_from_sonarr_at IS NULL;

UPDATE series_episodes c
   SET removed_from_sonarr_at = s.removed_from_sonarr_at, updated_at = now()
  FROM series s
 WHERE s.id = c.series_id AND s.removed_from_sonarr_at IS NOT NULL AND c.removed_from_sonarr_at IS NULL;

UPDATE series_images c
   SET removed_from_sonarr_at = s.removed_from_sonarr_at, updated_at = now()
  FROM series s
 WHERE s.id = c.series_id AND s.removed_from_sonarr_at IS NOT NULL AND c.removed_from_sonarr_at IS NULL;

UPDATE series_alternate_titles c
   SET removed_from_sonarr_at = s.removed_from_sonarr_at, updated_at = now()
  FROM series s
 WHERE s.id = c.series_id AND s.removed_from_sonarr_at IS NOT NULL AND c.removed_from_sonarr_at IS NULL;
