import { html, useEffect, useRef, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href, useQueryParam } from '../lib/router.js';
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../lib/format.js';
import { onReconnect } from '../lib/live.js';
import { useRunFinished, useSyncRun } from '../lib/sync-state.js';
import { cancelDownload, episodesOf, isActive, merged, retryDownload, useDownloads } from '../lib/downloads.js';
import { episodeCodes, useSeriesLookup } from '../lib/series-lookup.js';
import { SyncProgress, countsSummary } from '../components/sync-progress.js';
import { DownloadProgress } from '../components/download-progress.js';
import { ConfirmDialog } from '../components/dialog.js';
import { neighbourOf, useFocusAfterRender } from '../lib/focus.js';
import { Filters } from '../components/filters.js';

/** What the service is doing and has done. Each section is a component of its own. */
const SECTIONS = [Downloads, SyncRuns];

const DOWNLOAD_FILTERS = [
  { id: 'all', label: 'All', keep: () => true },
  { id: 'active', label: 'In progress', keep: isActive },
  { id: 'failed', label: 'Failed', keep: (d) => d.status === 'failed' },
];

export function ActivityPage() {
  return html`
    <section class="page activity" aria-labelledby="activity-title">
      <h1 id="activity-title">Activity</h1>
      ${SECTIONS.map((Section) => html`<${Section} />`)}
    </section>`;
}

function SyncRuns() {
  const [runs, setRuns] = useState(null);
  const [error, setError] = useState(null);
  const live = useSyncRun();
  const load = () => api.get('sonarr/sync/runs?limit=25')
    .then((list) => { setRuns(list); setError(null); })
    .catch((e) => setError(describeError(e)));
  useEffect(() => { load(); return onReconnect(load); }, []);
  useRunFinished(load);

  // The live run replaces its row in the list, so its progress moves there too.
  let shown = runs || [];
  if (live) {
    shown = shown.some((r) => r.id === live.id) ? shown.map((r) => (r.id === live.id ? live : r)) : [live, ...shown];
  }
  return html`
    <section class="activity-section" aria-labelledby="sync-runs-title">
      <h2 id="sync-runs-title">Sync runs</h2>
      <${SyncProgress} run=${live} />
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${runs === null && !error && html`<p class="loading" role="status">Loading…</p>`}
      ${runs && html`
        <div class="table-wrap">
          <table class="runs">
            <thead>
              <tr>
                <th scope="col">Run</th><th scope="col">Started</th><th scope="col">Kind</th>
                <th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Took</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>${shown.map((run) => html`<${RunRow} key=${run.id} run=${run} />`)}</tbody>
          </table>
        </div>`}
    </section>`;
}

function RunRow({ run }) {
  const kind = run.mode === 'series' ? `series (Sonarr id ${run.sonarrSeriesId})` : run.mode;
  const c = run.counts;
  return html`
    <tr class=${'run run-' + run.status}>
      <th scope="row">#${run.id}</th>
      <td>${formatDateTime(run.startedAt)}</td>
      <td>${kind}, by ${run.trigger}</td>
      <td><span class=${'status status-' + run.status}>${run.status}</span></td>
      <td>${formatNumber(run.progress.seriesDone)} of ${formatNumber(run.progress.seriesTotal)}</td>
      <td>${formatDuration(run.startedAt, run.finishedAt)}</td>
      <td>
        ${countsSummary(run)}; episodes: ${formatNumber(c.episodesInserted)} new, ${formatNumber(c.episodesUpdated)} updated
        ${run.error && html`<p class="error">${run.error}</p>`}
        ${run.failures.length > 0 && html`
          <details>
            <summary>${run.failures.length} failed series</summary>
            <ul>${run.failures.map((f) => html`<li>Sonarr series ${f.sonarrSeriesId ?? '?'}: ${f.error}</li>`)}</ul>
          </details>`}
        ${run.warnings && run.warnings.length > 0 && html`
          <details>
            <summary>${run.warnings.length} warnings</summary>
            <ul>${run.warnings.map((w) => html`<li>${w}</li>`)}</ul>
          </details>`}
      </td>
    </tr>`;
}

/** The newest downloads: progress moving live, status, why one failed; retry and cancel. */
function Downloads() {
  const [downloads, error, setDownloads] = useDownloads('downloads?limit=100');
  const [filter, setFilter] = useState('all');
  const [cancelling, setCancelling] = useState(null);
  const series = useSeriesLookup((downloads || []).map((d) => d.seriesId));
  const replace = (download) => setDownloads((list) => merged(list, download));
  const shown = (downloads || []).filter(DOWNLOAD_FILTERS.find((f) => f.id === filter).keep);
  const focusAfterRender = useFocusAfterRender();
  // A link to one download (#/activity?download=12, from its episode) brings its row into view,
  // focused, once the list is loaded; so does a link to another one followed while the page is open.
  const linked = useQueryParam('download');
  const followed = useRef(null); // the link whose row was focused: the list's later changes leave focus be
  useEffect(() => {
    if (!linked) followed.current = null;
    if (!downloads || !linked || linked === followed.current) return;
    followed.current = linked;
    const title = document.getElementById(titleId({ id: linked }));
    if (title) title.focus();
  }, [downloads, linked]);
  /**
   * An action on `d` took the button used away (a cancelled download has none; the filter may hide
   * it): focus goes to the first of `ids` left, else its row, else the next (or previous) row, else
   * the heading.
   */
  const focusNear = (d, ...ids) => {
    const next = neighbourOf(shown, d);
    focusAfterRender([...ids, titleId(d), next && titleId(next), 'downloads-title']);
  };
  /** A retried download is no longer failed: its Retry button goes, its Cancel button stays. */
  const retriedFrom = (d, retried) => {
    focusNear(d, cancelId(d));
    replace(retried);
  };
  const cancelled = (download) => {
    if (download) {
      focusNear(cancelling);
      replace(download);
    }
    setCancelling(null);
  };
  return html`
    <section class="activity-section" aria-labelledby="downloads-title">
      <div class="section-head">
        <h2 id="downloads-title" tabindex="-1">Downloads</h2>
        <${Filters} label="Show downloads" name="download-filter" filters=${DOWNLOAD_FILTERS} value=${filter}
                    onChange=${setFilter} />
      </div>
      ${error && html`<p class="error" role="alert">${describeError(error)}</p>`}
      ${downloads === null && !error && html`<p class="loading" role="status">Loading…</p>`}
      ${downloads && downloads.length === 0 && html`
        <p>No downloads yet. Switch auto-download on for a series, or use <strong>Download now</strong> on an episode.</p>`}
      ${downloads && downloads.length > 0 && html`
        <div class="table-wrap">
          <table class="downloads stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Release</th><th scope="col">For</th><th scope="col">Status</th>
                <th scope="col">Started</th><th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map((d) => html`<${DownloadRow} key=${d.id} download=${d} series=${series.get(d.seriesId)}
                                                      onRetried=${(retried) => retriedFrom(d, retried)}
                                                      onCancel=${() => setCancelling(d)} />`)}
            </tbody>
          </table>
        </div>
        ${shown.length === 0 && html`<p class="meta">No download is ${filter === 'failed' ? 'failed' : 'in progress'}.</p>`}`}
      ${cancelling && html`<${CancelDialog} download=${cancelling} onDone=${cancelled} />`}
    </section>`;
}

/** Where focus goes after an action on a download: its row's title, its Cancel button. */
const titleId = (d) => `download-${d.id}-title`;
const cancelId = (d) => `cancel-download-${d.id}`;

function DownloadRow({ download: d, series, onRetried, onCancel }) {
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(false);
  // A refused retry is about the state the download was in: the error goes when it moves on.
  useEffect(() => setError(null), [d.status]);
  const retry = () => {
    if (asking) return;
    setAsking(true);
    setError(null);
    retryDownload(d.id).then(onRetried).catch((e) => setError(describeError(e))).finally(() => setAsking(false));
  };
  const cancellable = d.status !== 'imported' && d.status !== 'cancelled';
  return html`
    <tr class=${'download download-' + d.status}>
      <th scope="row" class="release-title" id=${titleId(d)} tabindex="-1">
        ${d.title}
        <span class="meta">${[d.sizeBytes > 0 && formatBytes(d.sizeBytes), d.trigger === 'manual' && 'asked for by hand']
          .filter(Boolean).join(' · ')}</span>
      </th>
      <td>
        ${series ? html`<a href=${href('/series/' + d.seriesId)}>${series.title}</a>` : html`<span class="meta">series #${d.seriesId}</span>`}
        <span class="meta episodes">${episodeCodes(series, episodesOf(d))}</span>
      </td>
      <td class="download-status">
        <${DownloadProgress} download=${d} label=${'Progress of ' + d.title} />
        ${d.error && html`<p class=${d.status === 'failed' ? 'error' : 'meta'}>${d.error}</p>`}
        ${d.attempts > 1 && html`<span class="meta">${formatNumber(d.attempts)} attempts</span>`}
      </td>
      <td>${formatDateTime(d.createdAt)}
        ${d.importedAt && html`<span class="meta">imported ${formatDateTime(d.importedAt)}</span>`}</td>
      <td class="actions">
        ${d.status === 'failed' && html`
          <button type="button" aria-label=${'Retry ' + d.title} onClick=${retry}
                  aria-disabled=${asking ? 'true' : null}>Retry</button>`}
        ${cancellable && html`
          <button type="button" id=${cancelId(d)} aria-label=${'Cancel ' + d.title}
                  onClick=${() => { if (!asking) onCancel(); }} aria-disabled=${asking ? 'true' : null}>Cancel</button>`}
        ${error && html`<p class="error" role="alert">${error}</p>`}
      </td>
    </tr>`;
}

/** Cancel asks first, and whether qBittorrent should delete what it downloaded. */
function CancelDialog({ download, onDone }) {
  const [deleteFiles, setDeleteFiles] = useState(false);
  return html`
    <${ConfirmDialog} title="Cancel this download?" confirmLabel="Cancel download" keepLabel="Keep downloading"
                      act=${() => cancelDownload(download.id, deleteFiles)} onDone=${onDone} onClose=${() => onDone(null)}>
      <p class="release-title">${download.title}</p>
      <p>qBittorrent stops it and forgets the torrent. Its episodes wait for another release when their switch is on.</p>
      <label class="checkbox">
        <input type="checkbox" checked=${deleteFiles} onChange=${(e) => setDeleteFiles(e.currentTarget.checked)} />
        Also delete its downloaded files
      </label>
    </${ConfirmDialog}>`;
}
