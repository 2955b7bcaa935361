import { html } from '../lib/html.js';

/**
 * The download cell of an episode row on the series page. Today it shows the episode's
 * auto-download status; this is where "Download now", the episode's matched releases
 * (api/episodes/{id}/releases) and a running download's progress (live 'downloads' events) go.
 */
export function EpisodeActions({ episode }) {
  return html`<span class=${'status status-' + episode.autoDownloadStatus}>${episode.autoDownloadStatus}</span>`;
}
