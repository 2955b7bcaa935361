// Names for the ids other answers hold: a feed item's match, a download and a rule name a series
// and episodes by id only. Each series is asked for once per page visit (its record and its
// episodes), and only for the series actually shown.
import { api } from './api.js';
import { episodeCode } from './format.js';
import { useEffect, useState } from './html.js';

/** {title, seriesType, episodes: Map id -> {code, title, absoluteEpisodeNumber}} of one series, or null when gone. */
function fetchSeries(id) {
  return Promise.all([api.get(`series/${id}`), api.get(`series/${id}/episodes?includeRemoved=true`)])
    .then(([series, episodes]) => ({
      id,
      title: series.title,
      seriesType: series.seriesType,
      episodes: new Map(episodes.map((e) => [e.id, {
        code: episodeCode(e.seasonNumber, e.episodeNumber),
        order: e.seasonNumber * 100000 + e.episodeNumber,
        title: e.title,
        absoluteEpisodeNumber: e.absoluteEpisodeNumber,
      }])),
    }))
    .catch(() => null);
}

/**
 * The series of these ids, as a Map id -> series (see fetchSeries); fills in as they arrive, so
 * a page shows its list at once and the names a moment later.
 */
export function useSeriesLookup(ids) {
  const [known, setKnown] = useState(() => new Map());
  const [asked] = useState(() => new Set());
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    for (const id of new Set(ids)) {
      if (id == null || asked.has(id)) continue;
      asked.add(id);
      fetchSeries(id).then((series) => setKnown((m) => new Map(m).set(id, series)));
    }
  }, [key]);
  return known;
}

/** "S01E05, S01E06" for these episode ids of a looked-up series (ids when it is not known yet). */
export function episodeCodes(series, episodeIds) {
  if (!episodeIds || episodeIds.length === 0) return '';
  const known = (id) => series && series.episodes.get(id);
  const codes = episodeIds.slice()
    .sort((a, b) => (known(a) ? known(a).order : a) - (known(b) ? known(b).order : b))
    .map((id) => (known(id) ? known(id).code : `episode #${id}`));
  return codes.length > 4 ? `${codes[0]} to ${codes[codes.length - 1]} (${codes.length} episodes)` : codes.join(', ');
}
