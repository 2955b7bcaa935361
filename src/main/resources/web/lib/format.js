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

/** "Season 2", or "Specials" for season 0. */
export const seasonName = (n) => (n === 0 ? 'Specials' : `Season ${n}`);

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

const bytes = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
/** 1288490189 → "1.2 GB" (decimal units, as qBittorrent's and nyaa's "GiB" differ by little). */
export function formatBytes(n) {
  if (n == null || n <= 0) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${bytes.format(value)} ${units[unit]}`;
}

/** 0.253 → "25%" (0 to 1, as downloads report progress). */
export const formatPercent = (fraction) => `${Math.floor((fraction || 0) * 100)}%`;

/** [1,2,3,5] → "1–3, 5". */
export function formatNumbers(numbers) {
  if (!numbers || numbers.length === 0) return '';
  const runs = [];
  for (const n of numbers) {
    const last = runs[runs.length - 1];
    if (last && Number.isInteger(n) && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
}
