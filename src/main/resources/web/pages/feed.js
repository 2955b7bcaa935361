import { html, useEffect, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href } from '../lib/router.js';
import { formatBytes, formatDateTime, formatNumber } from '../lib/format.js';
import { onReconnect } from '../lib/live.js';
import { episodeCodes, useSeriesLookup } from '../lib/series-lookup.js';
import { useFocusAfterRender } from '../lib/focus.js';
import { useNewestRead } from '../lib/newest-read.js';
import { FeedCard } from '../components/feed-card.js';
import { ReleaseParse } from '../components/release-parse.js';
import { Filters } from '../components/filters.js';

const ITEMS_SHOWN = 100;

const FILTERS = [
  { id: 'all', label: 'All', keep: () => true },
  { id: 'placed', label: 'Placed', keep: (item) => !!item.match },
  { id: 'unplaced', label: 'Not placed', keep: (item) => !item.match },
];

/** One feed: its state and actions, and its newest releases with how each was read and where it was placed. */
export function FeedPage({ id }) {
  const [feed, setFeed] = useState(null);
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const [removed, setRemoved] = useState(false);
  const [filter, setFilter] = useState('all');
  const focusAfterRender = useFocusAfterRender();

  // The releases are read as the page opens and after each poll: reads that cross show the newest.
  const itemsRead = useNewestRead(() => api.get(`feeds/${id}/items?limit=${ITEMS_SHOWN}`), setItems);
  const loadItems = itemsRead.read;
  // The feed is read again when the live channel comes back: a switch or an edit answered meanwhile
  // outruns that read, which would put it back.
  const feedRead = useNewestRead(() => api.get(`feeds/${id}`), setFeed);
  const changed = (updated) => {
    setFeed(updated);
    feedRead.outrun();
  };
  const load = () => Promise.all([feedRead.read(), loadItems()])
    .then(() => setError(null))
    .catch((e) => setError(describeError(e)));
  useEffect(() => { load(); return onReconnect(load); }, [id]);
  useEffect(() => { if (feed) document.title = `${feed.name} · Feeds · AutoAnime`; }, [feed]);

  const series = useSeriesLookup((items || []).filter((i) => i.match).map((i) => i.match.seriesId));
  const back = html`<p class="back"><a id="back-to-feeds" href=${href('/feeds')}>← Feeds</a></p>`;

  if (removed) return html`<section class="page">${back}<p role="status">The feed was removed.</p></section>`;
  if (!feed) {
    return html`
      <section class="page">
        ${back}
        ${error ? html`<p class="error" role="alert">${error}</p>` : html`<p class="loading" role="status">Loading…</p>`}
      </section>`;
  }
  const shown = (items || []).filter(FILTERS.find((f) => f.id === filter).keep);
  return html`
    <section class="page feed-page">
      ${back}
      <${FeedCard} feed=${feed} heading="h1" onChanged=${changed} onPolled=${() => loadItems().catch(() => {})}
                   onRemoved=${() => { focusAfterRender(['back-to-feeds']); setRemoved(true); }} />
      <section class="feed-items" aria-labelledby="feed-items-title">
        <div class="section-head">
          <h2 id="feed-items-title">Newest releases</h2>
          <${Filters} label="Show releases" name="item-filter" filters=${FILTERS} value=${filter} onChange=${setFilter} />
        </div>
        ${error && html`<p class="error" role="alert">${error}</p>`}
        ${items && items.length === 0 && html`<p>Nothing yet: <strong>Poll now</strong> fetches the feed.</p>`}
        ${items && items.length > 0 && html`
          <p class="meta">${items.length < ITEMS_SHOWN ? `${formatNumber(items.length)} releases` : `The newest ${ITEMS_SHOWN} releases`},
            ${' '}${formatNumber(items.filter((i) => i.match).length)} placed on episodes.</p>
          <div class="table-wrap">
            <table class="feed-items-table stack-on-phone">
              <thead>
                <tr><th scope="col">Release</th><th scope="col">Read as</th><th scope="col">Placed on</th></tr>
              </thead>
              <tbody>
                ${shown.map((item) => html`<${ItemRow} key=${item.id} item=${item}
                                                       series=${item.match && series.get(item.match.seriesId)} />`)}
              </tbody>
            </table>
          </div>`}
      </section>
    </section>`;
}

function ItemRow({ item, series }) {
  const match = item.match;
  return html`
    <tr class=${match ? 'placed' : 'unplaced'}>
      <th scope="row" class="release-title">
        ${item.title}
        <span class="meta">${[item.publishedAt && formatDateTime(item.publishedAt), formatBytes(item.sizeBytes),
                              item.seeders != null && `${formatNumber(item.seeders)} seeders`].filter(Boolean).join(' · ')}</span>
      </th>
      <td><${ReleaseParse} parsed=${item.parsed} /></td>
      <td class="placement">
        ${match ? html`
          ${series ? html`<a href=${href('/series/' + match.seriesId)}>${series.title}</a>` : html`<span>series #${match.seriesId}</span>`}
          <span class="episodes">${episodeCodes(series, match.episodeIds)}</span>
          ${match.ruleId != null && html`<a class="meta" href=${href(`/series/${match.seriesId}/rules`)}>by rule ${match.ruleId}</a>`}
          ${match.episodeIds.length === 0 && html`<span class="meta">no episode of it has these numbers</span>`}
          ${match.reason && html`<span class="meta">${match.reason}</span>`}`
        : html`<span class="unplaced-label">Not placed</span>
               ${item.unplacedReason && html`<span class="meta">${item.unplacedReason}</span>`}`}
      </td>
    </tr>`;
}
