import { html } from '../lib/html.js';
import { formatDateTime, formatNumber } from '../lib/format.js';

const STATUS_TEXT = { succeeded: 'succeeded', partial: 'finished with failures', failed: 'failed' };

/** One-line summary of what a finished run changed. */
export function countsSummary(run) {
  const c = run.counts || {};
  const parts = [
    [c.seriesInserted, 'new'],
    [c.seriesUpdated, 'updated'],
    [c.seriesUnchanged, 'unchanged'],
    [c.seriesMarkedRemoved, 'removed'],
    [c.seriesFailed, 'failed'],
  ].filter(([n]) => n > 0).map(([n, what]) => `${formatNumber(n)} ${what}`);
  return parts.length ? `series: ${parts.join(', ')}` : 'no series';
}

function describeScope(run) {
  if (run.mode === 'series') return 'Series sync';
  return run.mode === 'new' ? 'Sync of new series' : 'Sync';
}

/**
 * The state of a sync run, kept live: a progress bar while it runs (announced politely to screen
 * readers), then how it ended.
 */
export function SyncProgress({ run }) {
  if (!run) return html`<p class="sync-progress" role="status">No sync has run yet.</p>`;
  const { seriesDone, seriesTotal } = run.progress;
  if (run.status === 'running') {
    return html`
      <div class="sync-progress running" role="status" data-run=${run.id}>
        <progress max=${seriesTotal || 1} value=${seriesTotal ? seriesDone : undefined}
                  aria-label="Sync progress"></progress>
        <span class="sync-progress-text">${describeScope(run)} running: ${formatNumber(seriesDone)} of
          ${' '}${seriesTotal ? formatNumber(seriesTotal) : '…'} series</span>
      </div>`;
  }
  return html`
    <div class=${'sync-progress ended ' + run.status} role="status" data-run=${run.id}>
      <span class="sync-progress-text">${describeScope(run)} ${STATUS_TEXT[run.status] || run.status}
        ${' '}at ${formatDateTime(run.finishedAt)}: ${formatNumber(seriesDone)} of ${formatNumber(seriesTotal)} series
        ${' '}(${countsSummary(run)})${run.error ? html`. ${run.error}` : ''}</span>
    </div>`;
}
