import { html, useEffect, useMemo, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href } from '../lib/router.js';
import { formatNumber, searchable } from '../lib/format.js';
import { onReconnect } from '../lib/live.js';
import { startSync, useRunFinished, useSyncRun } from '../lib/sync-state.js';
import { useDownloadEvents } from '../lib/downloads.js';
import { useNewestRead } from '../lib/newest-read.js';
import { Poster } from '../components/poster.js';
import { SyncProgress } from '../components/sync-progress.js';
import { Filters } from '../components/filters.js';

const PAGE_SIZE = 60;

const FILTERS = [
  { id: 'all', label: 'All', keep: () => true },
  { id: 'on', label: 'Auto-download on', keep: (s) => s.isAutoDownloadEnabled || s.autoDownload.enabled > 0 },
  { id: 'downloading', label: 'Downloading', keep: (s) => s.autoDownload.downloading > 0 },
  { id: 'failed', label: 'Failed', keep: (s) => s.autoDownload.failed > 0 },
];

// Kept while the page is left for a series and back.
const view = { query: '', filter: 'all', page: 0 };
let cached = null;

/** What a download that started, ended or failed changes on a series' card. */
const downloadState = (s) => ({
  isAutoDownloadEnabled: s.isAutoDownloadEnabled, autoDownloadStatus: s.autoDownloadStatus, autoDownload: s.autoDownload,
  episodeFileCount: s.episodeFileCount,
});

/** The library: every series as a poster card, searched by title and alternate titles, a page at a time. */
export function LibraryPage() {
  const [series, setSeries] = useState(cached);
  const [error, setError] = useState(null);
  const [query, setQuery] = useState(view.query);
  const [filter, setFilter] = useState(view.filter);
  const [page, setPage] = useState(view.page);
  const run = useSyncRun();

  // The list is read again when a run ends or the live channel comes back: a series read again
  // meanwhile (after a download event) outruns that read, which would put its counters back.
  const listRead = useNewestRead(() => api.get('series?includeAlternateTitles=true'), (list) => {
    list.forEach((s) => { s.searchText = searchable([s.title, ...s.alternateTitleNames].join(' ')); });
    cached = list;
    setSeries(list);
    setError(null);
  });
  const load = () => listRead.read().catch((e) => setError(describeError(e)));

  useEffect(() => { load(); return onReconnect(load); }, []);
  useRunFinished(load);
  // A download that started, ended or failed changed its series' counters: only that series is read again.
  useDownloadEvents((event) => {
    if (event.type === 'progress' || !event.download) return;
    api.get(`series/${event.download.seriesId}`)
      .then((fresh) => {
        setSeries((list) => {
          if (!list) return list;
          cached = list.map((s) => (s.id === fresh.id ? { ...s, ...downloadState(fresh) } : s));
          return cached;
        });
        listRead.outrun();
      })
      .catch(() => {});
  });
  Object.assign(view, { query, filter, page });

  const shown = useMemo(() => {
    if (!series) return [];
    const words = searchable(query).split(' ').filter(Boolean);
    const keep = FILTERS.find((f) => f.id === filter).keep;
    return series.filter((s) => keep(s) && words.every((w) => s.searchText.includes(w)));
  }, [series, query, filter]);

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const onPage = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return html`
    <section class="page library" aria-labelledby="library-title">
      <div class="page-head">
        <h1 id="library-title">Library</h1>
        <${SyncNow} run=${run} />
      </div>
      <${SyncProgress} run=${run} />
      <div class="library-controls">
        <label class="search">
          <span>Search series</span>
          <input type="search" value=${query} placeholder="Title or alternate title" autocomplete="off"
                 onInput=${(e) => { setQuery(e.currentTarget.value); setPage(0); }} />
        </label>
        <${Filters} legend="Show" name="library-filter" filters=${FILTERS} value=${filter}
                    onChange=${(id) => { setFilter(id); setPage(0); }} />
      </div>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${series === null && !error && html`<p class="loading" role="status">Loading the library…</p>`}
      ${series && html`
        <p class="result-count" role="status">${describeCount(shown.length, series.length, query, filter)}</p>
        ${series.length === 0 && html`<p>No series yet: <strong>Sync now</strong> copies the library from Sonarr.</p>`}
        <ul class="series-grid" aria-label="Series">
          ${onPage.map((s) => html`<${SeriesCard} key=${s.id} series=${s} />`)}
        </ul>
        ${pages > 1 && html`<${Pager} page=${current} pages=${pages} onPage=${setPage} />`}`}
    </section>`;
}

/** The line under the search box: how many series are shown, or a sentence saying none is and why. */
function describeCount(shown, total, query, filter) {
  if (shown === total) return `${formatNumber(total)} series`;
  if (shown > 0) return `${formatNumber(shown)} of ${formatNumber(total)} series`;
  const searched = query.trim();
  const filtered = filter === 'all' ? '' : `the filter "${FILTERS.find((f) => f.id === filter).label}"`;
  if (!searched) return `No series match ${filtered}.`;
  return `No series match "${searched}"${filtered ? ' with ' + filtered : ''}.`;
}

function SyncNow({ run }) {
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(false);
  const running = run && run.status === 'running' && run.mode !== 'series';
  const sync = () => {
    setAsking(true);
    setError(null);
    startSync().catch((e) => setError(describeError(e))).finally(() => setAsking(false));
  };
  return html`
    <div class="sync-now">
      <button type="button" class="primary" onClick=${sync} disabled=${asking || running}>Sync now</button>
      ${error && html`<span class="error" role="alert">${error}</span>`}
    </div>`;
}

function SeriesCard({ series: s }) {
  const ad = s.autoDownload;
  const on = s.isAutoDownloadEnabled || ad.enabled > 0;
  const counters = [
    [ad.pending, 'pending'], [ad.downloading, 'downloading'], [ad.downloaded, 'downloaded'], [ad.failed, 'failed'],
  ].filter(([n]) => n > 0);
  return html`
    <li class="series-card">
      <${Poster} seriesId=${s.id} title=${s.title} />
      <div class="series-card-body">
        <a class="series-link" href=${href('/series/' + s.id)}>${s.title}</a>
        <p class="meta">${[s.year, s.network, s.status].filter(Boolean).join(' · ')}</p>
        <p class="meta">${formatNumber(s.episodeFileCount)} of ${formatNumber(s.episodeCount)} episodes</p>
        <p class=${'auto-download ' + (on ? 'on' : 'off')}>
          ${s.isAutoDownloadEnabled ? 'Auto-download on' : on ? `Auto-download: ${formatNumber(ad.enabled)} episodes` : 'Auto-download off'}
        </p>
        ${counters.length > 0 && html`
          <p class="counters">${counters.map(([n, what]) => html`<span class=${'status status-' + what}>${formatNumber(n)} ${what}</span>`)}</p>`}
      </div>
    </li>`;
}

function Pager({ page, pages, onPage }) {
  const go = (p) => {
    onPage(p);
    document.getElementById('library-title').scrollIntoView();
  };
  return html`
    <nav class="pager" aria-label="Pages">
      <button type="button" onClick=${() => go(page - 1)} disabled=${page === 0}>Previous page</button>
      <span>Page ${page + 1} of ${pages}</span>
      <button type="button" onClick=${() => go(page + 1)} disabled=${page >= pages - 1}>Next page</button>
    </nav>`;
}
