// The live channel: one EventSource on api/events (server-sent events relayed from the event bus).
// Pages subscribe by event name: on('sync', fn) gets every {"type", "run"} the sync publishes.
// A download page subscribes to on('downloads', fn) the same way once the server relays them.
// onReconnect(fn) runs when the channel opens again after a drop: events may have been missed, so refetch.
import { api, ApiError, apiKey, urlWithKey } from './api.js';

const listeners = new Map(); // event name -> Set of functions
const reconnectListeners = new Set();
const stateListeners = new Set();
let source = null;
let state = 'closed';
let everOpened = false;
let retry = null; // the timer of the next attempt after the browser gave up
let retryDelay = 1000;

function setState(next) {
  state = next;
  document.documentElement.dataset.live = state; // for styles and tests
  stateListeners.forEach((fn) => fn(state));
}

function attach(name) {
  source.addEventListener(name, (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    (listeners.get(name) || []).forEach((fn) => fn(data));
  });
}

/** Opens (or reopens, e.g. with a new key) the channel. */
export function connect() {
  clearTimeout(retry);
  if (source) source.close();
  const current = new EventSource(urlWithKey('api/events'));
  source = current;
  setState('connecting');
  for (const name of listeners.keys()) attach(name);
  current.onopen = () => {
    retryDelay = 1000;
    setState('open');
    // Pages load their data when they mount; after a drop, events may have been missed.
    if (everOpened) reconnectListeners.forEach((fn) => fn());
    everOpened = true;
  };
  // The browser reconnects by itself after a drop, but gives up for good when a reconnection is
  // answered with an HTTP error (a proxy's 502 while the service restarts): then it is opened again
  // here, each time a little later (1 s doubling, at most 30 s), unless the service refused the key.
  current.onerror = () => {
    if (current !== source) return;
    if (current.readyState !== EventSource.CLOSED) {
      setState('connecting');
      return;
    }
    setState('closed');
    retryUnlessKeyRefused(current);
  };
}

// EventSource does not tell which error made the browser give up. A call of the API does: when the
// service refuses the key (changed on the server), that call brings up the key prompt as every
// refused call does, and the channel waits for the prompt to connect() with the new key instead of
// being refused again and again.
function retryUnlessKeyRefused(closed) {
  api.accepts(apiKey.get())
    .catch((error) => error)
    .then((outcome) => {
      if (closed !== source) return; // connect() was called meanwhile
      if (outcome instanceof ApiError && outcome.status === 401) return;
      retry = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
}

export function on(name, fn) {
  if (!listeners.has(name)) {
    listeners.set(name, new Set());
    if (source) attach(name);
  }
  listeners.get(name).add(fn);
  return () => listeners.get(name).delete(fn);
}

export function onReconnect(fn) {
  reconnectListeners.add(fn);
  return () => reconnectListeners.delete(fn);
}

/** 'connecting' | 'open' | 'closed'; fn(state) on every change. */
export function liveState() {
  return state;
}

export function onLiveState(fn) {
  stateListeners.add(fn);
  return () => stateListeners.delete(fn);
}
