// Dates and numbers as the reader's browser formats them.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const number = new Intl.NumberFormat();

export const formatNumber = (n) => (n == null ? '–' : number.format(n));
export const formatDateTime = (iso) => (iso ? dateTime.format(new Date(iso)) : '–');
/** A calendar date (airDate is a date without a time zone). */
export const formatDate = (isoDate) => (isoDate ? dateOnly.format(new Date(isoDate + 'T00:00:00Z')) : '–');

export function formatDuration(fromIso, toIso) {
  if (!fromIso) return '–';
  const ms = (toIso ? new Date(toIso) : new Date()) - new Date(fromIso);
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** S01E05 */
export const episodeCode = (season, episode) =>
  `S${String(season).padStart(2, '0')}E${String(episode).padStart(2, '0')}`;

/** Lower case, accents and punctuation dropped: "Sōsō no Frieren!" → "soso no frieren". */
export function searchable(text) {
  return (text || '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
