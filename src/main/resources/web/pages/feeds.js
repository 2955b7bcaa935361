import { html, useEffect, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { onReconnect } from '../lib/live.js';
import { useNewestRead } from '../lib/newest-read.js';
import { neighbourOf, useFocusAfterRender } from '../lib/focus.js';
import { FeedCard, removeFeedButtonId } from '../components/feed-card.js';
import { FeedForm } from '../components/feed-form.js';

/** The release feeds: each with its state and actions, and a form to add one. */
export function FeedsPage() {
  const [feeds, setFeeds] = useState(null);
  const [error, setError] = useState(null);
  const [added, setAdded] = useState(null);
  const focusAfterRender = useFocusAfterRender();

  // The feeds are read again when the live channel comes back: a feed switched, edited, added or
  // removed meanwhile outruns that read, which would show it as it was.
  const listRead = useNewestRead(() => api.get('feeds'), (list) => { setFeeds(list); setError(null); });
  const load = () => listRead.read().catch((e) => setError(describeError(e)));
  useEffect(() => { load(); return onReconnect(load); }, []);

  const replace = (feed) => {
    setFeeds((list) => list.map((f) => (f.id === feed.id ? feed : f)));
    listRead.outrun();
  };
  const remove = (gone) => {
    const next = neighbourOf(feeds, gone);
    focusAfterRender([next && removeFeedButtonId(next), 'add-feed-title']);
    setFeeds((list) => list.filter((f) => f.id !== gone.id));
    listRead.outrun();
  };
  const add = (body) => api.post('feeds', body).then((feed) => {
    setFeeds((list) => [...(list || []), feed]);
    setAdded(feed);
    listRead.outrun();
  });

  return html`
    <section class="page feeds" aria-labelledby="feeds-title">
      <h1 id="feeds-title">Feeds</h1>
      <p class="meta">Releases come from these feeds. Each new one is read and placed on the episodes it names;
        ${' '}episodes with auto-download on get the best of theirs.</p>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${feeds === null && !error && html`<p class="loading" role="status">Loading…</p>`}
      ${feeds && feeds.length === 0 && html`<p>No feed yet: add one below.</p>`}
      ${feeds && html`
        <div class="feed-list">
          ${feeds.map((f) => html`<${FeedCard} key=${f.id} feed=${f} onChanged=${replace} onRemoved=${remove} />`)}
        </div>`}
      <section class="card add-feed" aria-labelledby="add-feed-title">
        <h2 id="add-feed-title" tabindex="-1">Add a feed</h2>
        <${FeedForm} submitLabel="Add feed" onSubmit=${add} />
        <p role="status" class="meta">${added && `Added ${added.name}. Poll it now to see its releases, or wait for its first poll.`}</p>
      </section>
    </section>`;
}
