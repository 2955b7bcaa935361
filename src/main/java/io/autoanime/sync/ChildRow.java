package io.autoanime.sync;

/** A row of a series' child table (a season, an episode, an image, an alternate title) with its series row id. */
record ChildRow<T>(long seriesRowId, T item) {}
