// The UI's entry point: checks access (asking for the API key when the service wants one), opens
// the live channel, and shows the page the hash names inside the shared frame (navigation, main).
import { html, render, useEffect, useState } from './lib/html.js';
import { api, apiKey, ApiError, describeError, onUnauthorized } from './lib/api.js';
import { connect } from './lib/live.js';
import { refreshSyncRun } from './lib/sync-state.js';
import { href, match, usePath } from './lib/router.js';
import { PAGES } from './pages/index.js';
import { ApiKeyPage } from './pages/api-key.js';

function App() {
  // 'checking' | 'ready' | {reason} (the key is needed)
  const [access, setAccess] = useState('checking');
  const [failure, setFailure] = useState(null);

  const start = () => {
    connect();
    refreshSyncRun().catch(() => {});
    setAccess('ready');
  };

  useEffect(() => {
    api.accepts(apiKey.get())
      .then(start)
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) {
          setAccess({ reason: apiKey.get() ? 'The stored API key is wrong: enter the current one.' : null });
        } else {
          setFailure(describeError(e));
        }
      });
    // Later on, a key that stops working (changed on the server) asks again.
    return onUnauthorized(() => setAccess((current) =>
      current === 'ready' ? { reason: 'The API key was refused: enter the current one.' } : current));
  }, []);

  if (failure) return html`<${Frame}><p class="error" role="alert">${failure}</p></${Frame}>`;
  if (access === 'checking') return html`<${Frame}><p class="loading" role="status">Loading…</p></${Frame}>`;
  if (access !== 'ready') {
    return html`<${Frame} hideNav=${true}>
      <${ApiKeyPage} reason=${access.reason} onAccepted=${(key) => { apiKey.set(key); start(); }} />
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
  useEffect(() => {
    if (page) document.title = `${page.title} · AutoAnime`;
    window.scrollTo(0, 0);
  }, [path]);
  const Page = page && page.component;
  return html`
    <${Frame} current=${page}>
      ${Page ? html`<${Page} key=${path.split('?')[0]} ...${params} />`
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
              <li><a href=${href(p.path)} aria-current=${current === p ? 'page' : undefined}>${p.nav}</a></li>`)}
          </ul>
        </nav>`}
    </header>
    <main id="main" tabindex="-1">${children}</main>`;
}

render(html`<${App} />`, document.getElementById('app'));
