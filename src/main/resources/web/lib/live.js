// The live channel: one EventSource on api/events (server-sent events relayed from the event bus).
// Pages subscribe by event name: on('sync', fn) gets every {"type", "run"} the sync publishes.
// A download page subscribes to on('downloads', fn) the same way once the server relays them.
// onReconnect(fn) runs when the channel opens again after a drop: events may have been missed, so refetch.
import { urlWithKey } from './api.js';

const listeners = new Map(); // event name -> Set of functions
const reconnectListeners = new Set();
const stateListeners = new Set();
let source = null;
let state = 'closed';

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
  if (source) source.close();
  source = new EventSource(urlWithKey('api/events'));
  setState('connecting');
  for (const name of listeners.keys()) attach(name);
  let opened = false;
  source.onopen = () => {
    setState('open');
    // Pages load their data when they mount; after a drop, events may have been missed.
    if (opened) reconnectListeners.forEach((fn) => fn());
    opened = true;
  };
  source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
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
