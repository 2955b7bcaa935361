// The sync run the UI shows: the latest one known, kept current by the live channel
// ('sync' events), by what POST answers, and by a refetch after the channel reconnects.
import { api, ApiError } from './api.js';
import { on, onLiveState } from './live.js';
import { useEffect, useRef, useState } from './html.js';

let latest = null;
const subscribers = new Set();
const finishedListeners = new Set();

const RANK = { running: 0, succeeded: 1, partial: 1, failed: 1 };

/** Whether run b is news over run a (a later run, or the same one further along). */
function isNewer(a, b) {
  if (!a) return true;
  if (b.id !== a.id) return b.id > a.id;
  if (RANK[b.status] !== RANK[a.status]) return RANK[b.status] > RANK[a.status];
  return b.progress.seriesDone >= a.progress.seriesDone;
}

function accept(run) {
  if (!run || !isNewer(latest, run)) return;
  // The first run the page learns of is not news: the page has just read what that run left.
  const finished = latest !== null && run.status !== 'running' && (latest.id !== run.id || latest.status === 'running');
  latest = run;
  subscribers.forEach((fn) => fn(latest));
  if (finished) finishedListeners.forEach((fn) => fn(run));
}

export async function refreshSyncRun() {
  try {
    accept(await api.get('sonarr/sync/status'));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
}

on('sync', (event) => accept(event.run));
// Whenever the channel opens (the first time too: a run may have moved before it did).
onLiveState((state) => { if (state === 'open') refreshSyncRun().catch(() => {}); });

/** Starts a sync (a full one, or of one series: path 'series/{id}/sync' or '.../refresh'); answers the run. */
export async function startSync(path = 'sonarr/sync', body = { mode: 'full' }) {
  const run = await api.post(path, body);
  accept(run);
  return run;
}

/** The latest run; re-renders the caller when it changes. */
export function useSyncRun() {
  const [run, setRun] = useState(latest);
  useEffect(() => {
    subscribers.add(setRun);
    setRun(latest);
    return () => subscribers.delete(setRun);
  }, []);
  return run;
}

/** fn(run) when a run ends (e.g. to reload the library). */
export function useRunFinished(fn) {
  const latestFn = useRef(fn);
  latestFn.current = fn;
  useEffect(() => {
    const listener = (run) => latestFn.current(run);
    finishedListeners.add(listener);
    return () => finishedListeners.delete(listener);
  }, []);
}
