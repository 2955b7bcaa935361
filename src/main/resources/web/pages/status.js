import { html, useEffect, useRef, useState } from '../lib/html.js';
import { api, apiKey, describeError } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { liveState, onLiveState, onReconnect } from '../lib/live.js';

/**
 * The service's health. Each card is a component that loads its own route, and loads it again
 * (`refresh`) while the page is open.
 */
const CARDS = [ServiceCard, SonarrCard, QbittorrentCard, LastSyncCard, BrowserCard];

/** How often the cards are read again while the page is open. */
const REFRESH_MS = 30000;

export function StatusPage() {
  const refresh = useRefreshCount();
  return html`
    <section class="page status-page" aria-labelledby="status-title">
      <h1 id="status-title">Status</h1>
      <div class="cards">${CARDS.map((Card) => html`<${Card} refresh=${refresh} />`)}</div>
    </section>`;
}

/**
 * A count that goes up every REFRESH_MS, and when the live channel opens again after a drop (the
 * service may have restarted, Sonarr or qBittorrent come back, meanwhile).
 */
function useRefreshCount() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const next = () => setCount((n) => n + 1);
    const timer = setInterval(next, REFRESH_MS);
    const offReconnect = onReconnect(next);
    return () => { clearInterval(timer); offReconnect(); };
  }, []);
  return count;
}

/**
 * Loads a route, and again each time `refresh` changes; answers [data, error]. An answer older than
 * the one shown (reads can cross) is dropped; the one shown stays while the next read runs.
 */
function useRoute(path, refresh) {
  const [state, setState] = useState([null, null]);
  const reads = useRef(0);
  const shown = useRef(0);
  useEffect(() => {
    const read = ++reads.current;
    const show = (answer) => {
      if (read < shown.current) return;
      shown.current = read;
      setState(answer);
    };
    api.get(path).then((data) => show([data, null])).catch((e) => show([null, e]));
  }, [path, refresh]);
  return state;
}

function Card({ title, children }) {
  const id = 'card-' + title.toLowerCase().replace(/\W+/g, '-');
  return html`
    <section class="card" aria-labelledby=${id}>
      <h2 id=${id}>${title}</h2>
      ${children}
    </section>`;
}

const state = (value) => html`<span class=${'health health-' + String(value).toLowerCase()}>${value}</span>`;

function ServiceCard({ refresh }) {
  const [answer, error] = useRoute('health', refresh);
  // With the database down the health answers 503, and says so in the same fields.
  const health = answer || (error && error.body && error.body.status ? error.body : null);
  return html`
    <${Card} title="AutoAnime">
      ${error && !health && html`<p class="error">${describeError(error)}</p>`}
      ${health && html`
        <dl>
          <dt>Service</dt><dd>${state(health.status)}</dd>
          <dt>Database</dt><dd>${state(health.database)}</dd>
        </dl>`}
    </${Card}>`;
}

/**
 * A service this one talks to: its health from `route` (DOWN when the route fails), its version
 * (after the product name `product(status)` gives), its instance name if it has one, and why it is down.
 */
function ConnectedServiceCard({ title, route, product, refresh }) {
  const [status, error] = useRoute(route, refresh);
  return html`
    <${Card} title=${title}>
      ${error && html`<dl><dt>Health</dt><dd>${state('DOWN')}</dd></dl><p class="error">${describeError(error)}</p>`}
      ${status && html`
        <dl>
          <dt>Health</dt><dd>${state(status.status)}</dd>
          ${status.version && html`<dt>Version</dt><dd>${product(status)} ${status.version}</dd>`}
          ${status.instanceName && html`<dt>Instance</dt><dd>${status.instanceName}</dd>`}
        </dl>
        ${status.error && html`<p class="meta">${status.error}</p>`}`}
    </${Card}>`;
}

function SonarrCard({ refresh }) {
  return html`<${ConnectedServiceCard} title="Sonarr" route="sonarr/status" refresh=${refresh}
                                       product=${(status) => status.appName || 'Sonarr'} />`;
}

function QbittorrentCard({ refresh }) {
  return html`<${ConnectedServiceCard} title="qBittorrent" route="qbittorrent/status" refresh=${refresh}
                                       product=${() => 'qBittorrent'} />`;
}

function LastSyncCard({ refresh }) {
  const [succeeded, error] = useRoute('sonarr/sync/runs?status=succeeded&limit=1', refresh);
  const [latest] = useRoute('sonarr/sync/runs?limit=1', refresh);
  const ok = succeeded && succeeded[0];
  const last = latest && latest[0];
  return html`
    <${Card} title="Sync">
      ${error && html`<p class="error">${describeError(error)}</p>`}
      ${succeeded && html`
        <dl>
          <dt>Last successful sync</dt>
          <dd>${ok ? html`${formatDateTime(ok.finishedAt)} (run #${ok.id}, ${ok.mode})` : 'none yet'}</dd>
          ${last && html`<dt>Latest run</dt><dd>#${last.id}: ${last.status}, started ${formatDateTime(last.startedAt)}</dd>`}
        </dl>`}
    </${Card}>`;
}

function BrowserCard() {
  const [live, setLive] = useState(liveState());
  const [hasKey, setHasKey] = useState(!!apiKey.get());
  useEffect(() => {
    // The channel may have moved on between the first render and this subscription (opened, say).
    setLive(liveState());
    return onLiveState(setLive);
  }, []);
  const forget = () => {
    apiKey.clear();
    setHasKey(false);
    location.reload();
  };
  return html`
    <${Card} title="This browser">
      <dl>
        <dt>Live updates</dt><dd>${state(live === 'open' ? 'UP' : live === 'connecting' ? 'CONNECTING' : 'DOWN')}</dd>
        <dt>API key</dt><dd>${hasKey ? 'stored in this browser' : 'none stored'}</dd>
      </dl>
      ${hasKey && html`<button type="button" onClick=${forget}>Forget the API key</button>`}
    </${Card}>`;
}
