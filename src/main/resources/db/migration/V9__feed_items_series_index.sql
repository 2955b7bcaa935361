-- When the library or a rule changes, the releases placed on the series it touched are placed again
-- (newest first, in batches below the last id): this index finds them without reading the others.
CREATE INDEX feed_items_series_newest_idx ON feed_items (series_id, id DESC) WHERE series_id IS NOT NULL;
