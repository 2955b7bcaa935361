import { html } from '../lib/html.js';
import { formatNumbers } from '../lib/format.js';

/**
 * How the service read a release title (a feed item's `parsed`): group, names, season, episodes,
 * resolution, version, batch. Every part is text from a feed, inserted as text.
 */
export function ReleaseParse({ parsed }) {
  if (!parsed) return html`<span class="meta">not read</span>`;
  const episodes = parsed.episodeNumbers || [];
  const parts = [
    parsed.group && ['group', parsed.group],
    parsed.titles && parsed.titles.length > 0 && ['title', parsed.titles.join(' / ')],
    parsed.seasonNumber != null && ['season', String(parsed.seasonNumber)],
    episodes.length > 0 && [episodes.length > 1 ? 'episodes' : 'episode',
      formatNumbers(episodes) + (parsed.absolute && parsed.seasonNumber != null ? ' (absolute)' : '')],
    parsed.resolution && ['resolution', parsed.resolution],
    parsed.version && ['version', 'v' + parsed.version],
    parsed.batch && ['batch', 'yes'],
    parsed.type && parsed.type !== 'episode' && ['type', parsed.type],
  ].filter(Boolean);
  if (parts.length === 0) return html`<span class="meta">nothing recognised</span>`;
  return html`
    <ul class="parse">
      ${parts.map(([key, value]) => html`<li><span class="parse-key">${key}</span> ${value}</li>`)}
    </ul>`;
}
