-- Every look for episodes to download (every DOWNLOAD_CHECK_MS) first lets go of the episodes the user
-- switched off and cancels the downloads left tracking none: both read only the downloads that are not
-- over (queued, downloading, importing, or failed and so still holding their episodes for a retry).
-- downloads_active_idx leaves failed ones out, so both read the whole history of imported and
-- cancelled downloads; this index holds only those not over.
CREATE INDEX downloads_not_over_idx ON downloads (id) WHERE status IN ('queued', 'downloading', 'importing', 'failed');
