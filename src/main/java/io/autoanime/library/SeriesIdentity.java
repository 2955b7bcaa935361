package io.autoanime.library;

import java.time.OffsetDateTime;

/** Who a series row is in Sonarr: its Sonarr id (null once detached) and whether Sonarr still lists it. */
public record SeriesIdentity(long id, Long sonarrId, String title, OffsetDateTime removedFromSonarrAt) {}
