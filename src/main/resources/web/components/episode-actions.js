import { html, useEffect, useLayoutEffect, useRef, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href } from '../lib/router.js';
import { formatBytes, formatDateTime, formatNumber } from '../lib/format.js';
import { holds, isActive, retryDownload } from '../lib/downloads.js';
import { DownloadProgress } from './download-progress.js';
import { Dialog } from './dialog.js';
import { ReleaseParse } from './release-parse.js';

/**
 * The download cell of an episode row on the series page: the episode's auto-download status, or
 * its download's with live progress, why it failed and a link to it on the Activity page; "Download
 * now" (the best release), or "Retry" when its download failed (a new one would be refused), unless
 * the episode has its file or was downloaded; and the releases placed on the episode, ranked, each of
 * which can be downloaded unless a download this service imported holds the episode.
 */
export function EpisodeActions({ episode, code, download, onDownload }) {
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(false);
  const [showReleases, setShowReleases] = useState(false);
  const primary = useRef(null);
  const releasesButton = useRef(null);
  const focusReleases = useRef(false);
  const running = download && isActive(download);
  const failed = download && download.status === 'failed';
  // The service refuses every other download of an episode its imported download holds.
  const importedBy = download && download.status === 'imported' && holds(download, episode.id) ? download : null;
  // Nothing left to download: Sonarr has the file, or the episode was downloaded (here or by another downloader).
  const done = episode.hasFile || episode.autoDownloadStatus === 'downloaded' || !!importedBy;
  // aria-disabled, not disabled: a button that becomes disabled drops the keyboard focus to the page.
  const unavailable = asking || running;
  // The button goes once the episode is downloaded: the focus it had goes to Releases, not to the page.
  if (done && primary.current && document.activeElement === primary.current) focusReleases.current = true;
  useLayoutEffect(() => {
    if (focusReleases.current && releasesButton.current) releasesButton.current.focus();
    focusReleases.current = false;
  });

  /** Sends the request that starts a download; the promise fails with the ApiError. */
  const ask = (request) => {
    setAsking(true);
    setError(null);
    return request()
      .then((started) => { onDownload(started); return started; })
      .finally(() => setAsking(false));
  };
  /** Starts the download (of this release, else the best one). */
  const start = (feedItemId) =>
    ask(() => api.post(`episodes/${episode.id}/download`, feedItemId ? { feedItemId } : {}));
  // One button either way: once retried it says "Download now" again, and keeps the focus.
  const press = () => {
    if (!unavailable) (failed ? ask(() => retryDownload(download.id)) : start()).catch((e) => setError(describeError(e)));
  };

  // The buttons' span is keyed: unkeyed, Preact took it for the status span that replaces the progress
  // once the download ends (a span too), and moved its buttons, which drops their focus to the page.
  return html`
    <div class="episode-actions">
      ${download && (running || failed)
        ? html`<${DownloadProgress} download=${download} label=${'Download progress of ' + code} />
               <a href=${href('/activity?download=' + download.id)}
                  aria-label=${'See on Activity: the download of ' + code}>See on Activity</a>`
        : html`<span class=${'status status-' + episode.autoDownloadStatus}>${episode.autoDownloadStatus}</span>`}
      ${failed && download.error && html`<p class="error reason">${download.error}</p>`}
      <span class="buttons" key="buttons">
        ${!done && html`
          <button type="button" class="small" ref=${primary}
                  aria-label=${failed ? 'Retry the download of ' + code : 'Download ' + code + ' now'}
                  aria-disabled=${unavailable ? 'true' : null} onClick=${press}>
            ${failed ? 'Retry' : 'Download now'}</button>`}
        <button type="button" class="small" ref=${releasesButton} aria-label=${'Releases of ' + code}
                aria-haspopup="dialog" onClick=${() => setShowReleases(true)}>Releases</button>
      </span>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${showReleases && html`
        <${ReleasesDialog} episode=${episode} code=${code} unavailable=${unavailable} importedBy=${importedBy}
                           onDownload=${(feedItemId) => start(feedItemId).then(() => setShowReleases(false))}
                           onClose=${() => setShowReleases(false)} />`}
    </div>`;
}

/**
 * The releases placed on an episode, best first, with why each ranks where it does. None can be
 * picked while `unavailable` (a pick on its way, the episode's download running); none is offered
 * once `importedBy` (the download this service imported) holds the episode: they are there to read.
 */
function ReleasesDialog({ episode, code, unavailable, importedBy, onDownload, onClose }) {
  const [releases, setReleases] = useState(null);
  const [error, setError] = useState(null);
  const [downloadError, setDownloadError] = useState(null);
  useEffect(() => {
    api.get(`episodes/${episode.id}/releases`).then(setReleases).catch((e) => setError(describeError(e)));
  }, [episode.id]);
  const title = `Releases of ${code}${episode.title ? ': ' + episode.title : ''}`;
  const pick = (release) => {
    if (unavailable) return;
    setDownloadError(null);
    onDownload(release.id).catch((e) => setDownloadError(describeError(e)));
  };
  return html`
    <${Dialog} title=${title} onClose=${onClose} wide=${true}>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${downloadError && html`<p class="error" role="alert">${downloadError}</p>`}
      ${releases === null && !error && html`<p class="loading" role="status">Loading…</p>`}
      ${releases && releases.length === 0 && html`
        <p>No release is placed on this episode yet. Releases come from the feeds; a rule places those matching cannot.</p>`}
      ${releases && releases.length > 0 && html`
        ${importedBy && html`
          <p>${code} was downloaded by "${importedBy.title}": no other release can be downloaded for it.</p>`}
        <p class="meta">Best first: the release auto-download would take is the first accepted one.</p>
        <ol class="releases">
          ${releases.map((r) => html`
            <li class=${r.accepted ? 'accepted' : 'rejected'}>
              <div class="release-head">
                <span class="rank">#${r.rank}</span>
                <span class="release-title">${r.title}</span>
                <span class=${'status ' + (r.accepted ? 'status-downloaded' : 'status-failed')}>${r.accepted ? 'accepted' : 'rejected'}</span>
              </div>
              <${ReleaseParse} parsed=${r.parsed} />
              <p class="meta">${[formatBytes(r.sizeBytes), r.seeders != null && `${formatNumber(r.seeders)} seeders`,
                                 r.publishedAt && `published ${formatDateTime(r.publishedAt)}`].filter(Boolean).join(' · ')}</p>
              ${r.why && r.why.length > 0 && html`
                <ul class="why" aria-label=${'Why #' + r.rank}>${r.why.map((w) => html`<li>${w}</li>`)}</ul>`}
              ${!importedBy && html`
                <button type="button" class="small" aria-label=${'Download ' + r.title}
                        aria-disabled=${unavailable ? 'true' : null} onClick=${() => pick(r)}>
                  Download this one</button>`}
            </li>`)}
        </ol>`}
    </${Dialog}>`;
}
