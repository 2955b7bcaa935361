// The UI's entry point: opens the live channel and shows the page the hash names inside the shared
// frame (navigation, main); asks for the API key when the service refuses a call for want of it.
import { html, render, useEffect, useState } from './lib/html.js';
import { apiKey, onUnauthorized } from './lib/api.js';
import { connect } from './lib/live.js';
import { refreshSyncRun } from './lib/sync-state.js';
import { href, match, usePath } from './lib/router.js';
import { PAGES } from './pages/index.js';
import { ApiKeyPage } from './pages/api-key.js';

function App() {
  // 'ready' | {reason}: the service wants a key this browser does not have right.
  const [access, setAccess] = useState('ready');

  const start = () => {
    connect();
    refreshSyncRun().catch(() => {});
  };

  useEffect(() => {
    // Pages load at once; the first call the service refuses (401) asks for the key instead.
    start();
    return onUnauthorized(() => setAccess({
      reason: apiKey.get() ? 'The stored API key is wrong: enter the current one.' : null,
    }));
  }, []);

  if (access !== 'ready') {
    return html`<${Frame} hideNav=${true}>
      <${ApiKeyPage} reason=${access.reason} onAccepted=${(key) => { apiKey.set(key); start(); setAccess('ready'); }} />
    </${Frame}>`;
  }
  return html`<${Routed} />`;
}

function Routed() {
  const path = usePath();
  let page = null;
  let params = null;
  for (const candidate of PAGES) {
    params = match(candidate.path, path);
    if (params) {
      page = candidate;
      break;
    }
  }
  // Keyed by the path (its query aside): another series or feed is a new page, not this one with
  // another id, so answers the page left asked for, landing late, are dropped with it, never shown
  // under the next one (PagesInStepTest).
  const key = path.split('?')[0];
  // A new page opens at its top. The same page with another query keeps its place: it brings what
  // the query names into view itself (#/activity?download=12 focuses that download's row).
  useEffect(() => {
    if (page) document.title = `${page.title} · AutoAnime`;
    window.scrollTo(0, 0);
  }, [key]);
  const Page = page && page.component;
  return html`
    <${Frame} current=${page}>
      ${Page ? html`<${Page} key=${key} ...${params} />`
             : html`<p class="error" role="alert">There is no page at ${path}. <a href=${href('/library')}>Go to the library</a>.</p>`}
    </${Frame}>`;
}

function Frame({ current, hideNav, children }) {
  return html`
    <a class="skip-link" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
    <header class="top">
      <a class="brand" href=${href('/library')}>AutoAnime</a>
      ${!hideNav && html`
        <nav aria-label="Main">
          <ul>
            ${PAGES.filter((p) => p.nav).map((p) => html`
              <li><a href=${href(p.path)} aria-current=${current && (current === p || current.under === p.path) ? 'page' : undefined}>${p.nav}</a></li>`)}
          </ul>
        </nav>`}
    </header>
    <main id="main" tabindex="-1">${children}</main>`;
}

render(html`<${App} />`, document.getElementById('app'));
