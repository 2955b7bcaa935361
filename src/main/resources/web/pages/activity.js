import { html, useEffect, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { formatDateTime, formatDuration, formatNumber } from '../lib/format.js';
import { onReconnect } from '../lib/live.js';
import { useRunFinished, useSyncRun } from '../lib/sync-state.js';
import { SyncProgress, countsSummary } from '../components/sync-progress.js';

/**
 * What the service is doing and has done. Each section is a component of its own: the downloads
 * (progress, retry, cancel) become one more entry in SECTIONS.
 */
const SECTIONS = [SyncRuns];

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
