// Downloads as pages show them: a fetched list kept current by the live channel ('downloads'
// events: {"type", "download"}). A progress event carries only part of a download (id, status,
// progress, ...): it is merged into what the page already holds.
import { api } from './api.js';
import { on, onReconnect } from './live.js';
import { useEffect, useRef, useState } from './html.js';
import { useNewestRead } from './newest-read.js';

const ACTIVE = new Set(['queued', 'downloading', 'importing']);

export const isActive = (download) => ACTIVE.has(download.status);

/**
 * An ISO-8601 instant (as the API writes it: UTC, 0 to 9 digits of fraction) as a string that sorts
 * in time order.
 */
const sortableInstant = (iso) => {
  const parts = /^([^.]*?)(?:\.(\d+))?Z$/.exec(iso);
  return parts ? `${parts[1]}.${(parts[2] || '').padEnd(9, '0')}` : iso;
};

/**
 * Whether `incoming` is an older state of `held`: an action's answer can arrive after the live event
 * of the download's next move (a retry answers "queued" while the event already said "downloading").
 * Partial progress events carry no updatedAt and are always newer.
 */
const isStale = (incoming, held) => Boolean(incoming.updatedAt && held.updatedAt
  && sortableInstant(incoming.updatedAt) < sortableInstant(held.updatedAt));

/**
 * The list with this (possibly partial) download merged in; a download not in it yet goes first,
 * and an older state of one it holds is ignored.
 */
export function merged(list, download) {
  const index = list.findIndex((d) => d.id === download.id);
  if (index < 0) return [download, ...list];
  if (isStale(download, list[index])) return list;
  const copy = list.slice();
  copy[index] = { ...list[index], ...download };
  return copy;
}

/** The episodes a download is for (a progress event names only the tracked ones). */
export const episodesOf = (download) => download.episodeIds || download.trackedEpisodeIds || [];

/** Whether the download holds the episode: the service refuses another download of it meanwhile. */
export const holds = (download, episodeId) =>
  (download.trackedEpisodeIds || download.episodeIds || []).includes(episodeId);

/**
 * The newest downloads (those that keep(download) accepts), loaded from `path`, reloaded after the
 * channel drops, and updated live. Answers [list or null, error, setList].
 */
export function useDownloads(path, keep = () => true) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const keepRef = useRef(keep);
  keepRef.current = keep;
  const listRead = useNewestRead(() => api.get(path), (all) => {
    setList(all.filter((d) => keepRef.current(d)));
    setError(null);
  });
  const load = () => listRead.read().catch((e) => setError(e));
  useEffect(() => {
    load();
    const offEvents = on('downloads', (event) => {
      if (event.download && keepRef.current(event.download)) {
        setList((current) => (current ? merged(current, event.download) : current));
        // A read under way may have been answered before this download started, ended or failed:
        // it is outrun (progress events, which come every few seconds, are left to the next one).
        if (event.type !== 'progress') listRead.outrun();
      }
    });
    const offReconnect = onReconnect(load);
    return () => { offEvents(); offReconnect(); };
  }, [path]);
  return [list, error, setList];
}

/** fn(event) for every download event; e.g. to reload what a finished download changed. */
export function useDownloadEvents(fn) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => on('downloads', (event) => latest.current(event)), []);
}

export const retryDownload = (id) => api.post(`downloads/${id}/retry`);
export const cancelDownload = (id, deleteFiles) => api.delete(`downloads/${id}?deleteFiles=${deleteFiles ? 'true' : 'false'}`);
