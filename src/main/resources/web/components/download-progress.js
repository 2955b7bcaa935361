import { html } from '../lib/html.js';
import { formatPercent } from '../lib/format.js';
import { isActive } from '../lib/downloads.js';

/**
 * A download's status, and while it runs its progress bar (named `label`, e.g. "Download progress
 * of S01E05") with the percentage. It re-renders with every live event, so the bar moves.
 */
export function DownloadProgress({ download, label }) {
  const active = isActive(download);
  return html`
    <span class="download-progress" data-download=${download.id}>
      <span class=${'status status-' + download.status}>${download.status}</span>
      ${active && html`
        <progress max="1" value=${download.progress || 0} aria-label=${label}></progress>
        <span class="percent">${formatPercent(download.progress)}</span>`}
    </span>`;
}
