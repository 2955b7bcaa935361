import { html, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href } from '../lib/router.js';
import { formatDateTime, formatNumber } from '../lib/format.js';
import { useNewestRead } from '../lib/newest-read.js';
import { Switch } from './switch.js';
import { ConfirmDialog } from './dialog.js';
import { FeedForm } from './feed-form.js';

/**
 * One feed: its (masked) URL, kind, interval, last poll and error, and what can be done to it:
 * switch it on or off, poll it now, edit it, remove it. `heading` is 'h1' on the feed's own page
 * and 'h2' in the list, where the name links to that page. Every name and message the feed or its
 * server sent is shown as text.
 */
export function FeedCard({ feed, heading = 'h2', onChanged, onPolled, onRemoved }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [polling, setPolling] = useState(false);
  const [pollResult, setPollResult] = useState(null);
  const [error, setError] = useState(null);
  const titleId = 'feed-' + feed.id + '-name';
  // The feed is read again after a poll: a switch or an edit answered meanwhile outruns that read.
  const feedRead = useNewestRead(() => api.get(`feeds/${feed.id}`), onChanged);
  const changed = (updated) => {
    onChanged(updated);
    feedRead.outrun();
  };

  const toggle = (enabled) => {
    setBusy(true);
    setError(null);
    api.patch(`feeds/${feed.id}`, { enabled }).then(changed)
      .catch((e) => setError(describeError(e))).finally(() => setBusy(false));
  };
  const poll = () => {
    setPolling(true);
    setError(null);
    setPollResult(null);
    api.post(`feeds/${feed.id}/poll`)
      .then((result) => {
        setPollResult(result);
        if (onPolled) onPolled(result);
        return feedRead.read();
      })
      .catch((e) => setError(describeError(e)))
      .finally(() => setPolling(false));
  };
  const save = (body) => api.patch(`feeds/${feed.id}`, body).then((updated) => {
    changed(updated);
    setEditing(false);
  });

  const name = heading === 'h1'
    ? html`<h1 id=${titleId} class="feed-name">${feed.name}</h1>`
    : html`<h2 id=${titleId} class="feed-name"><a href=${href('/feeds/' + feed.id)}>${feed.name}</a></h2>`;

  return html`
    <section class=${'card feed-card' + (feed.enabled ? '' : ' feed-disabled')} aria-labelledby=${titleId}>
      <div class="feed-card-head">
        ${name}
        <${Switch} label=${feed.name + ' enabled'} text="Enabled" checked=${feed.enabled} busy=${busy} onChange=${toggle} />
      </div>
      ${editing
        ? html`<${FeedForm} feed=${feed} submitLabel="Save changes" onSubmit=${save} onCancel=${() => setEditing(false)} />`
        : html`
          <p class="feed-url"><code>${feed.url}</code></p>
          <dl>
            <dt>Kind</dt><dd>${feed.kind === 'torznab' ? 'Torznab' : 'RSS / Atom'}</dd>
            <dt>Polled</dt><dd>every ${formatNumber(feed.pollMinutes)} minutes${feed.enabled ? '' : ' (switched off)'}</dd>
            <dt>Last poll</dt><dd>${feed.lastPolledAt ? formatDateTime(feed.lastPolledAt) : 'never'}</dd>
            <dt>Last success</dt><dd>${feed.lastSuccessAt ? formatDateTime(feed.lastSuccessAt) : 'never'}</dd>
            <dt>Releases</dt><dd>${formatNumber(feed.itemCount)}</dd>
          </dl>
          ${feed.lastError && html`<p class="error feed-error">Last poll failed: ${feed.lastError}</p>`}`}
      <div class="card-actions">
        <button type="button" aria-label=${'Poll ' + feed.name + ' now'} onClick=${poll} disabled=${polling}>
          ${polling ? 'Polling…' : 'Poll now'}</button>
        ${!editing && html`<button type="button" aria-label=${'Edit ' + feed.name} onClick=${() => setEditing(true)}>Edit</button>`}
        <button type="button" id=${removeFeedButtonId(feed)} class="danger-text" aria-label=${'Remove ' + feed.name}
                aria-haspopup="dialog" onClick=${() => setRemoving(true)}>Remove</button>
      </div>
      <p class="poll-result" role="status">${pollResult && describePoll(pollResult)}</p>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${removing && html`<${RemoveFeedDialog} feed=${feed} onClose=${() => setRemoving(false)}
                                              onRemoved=${() => { setRemoving(false); onRemoved(feed); }} />`}
    </section>`;
}

/** The id of a feed's Remove button, where focus goes when the feed before it is removed. */
export const removeFeedButtonId = (feed) => 'remove-feed-' + feed.id;

function describePoll(result) {
  if (result.error) return html`<span class="error">The poll failed: ${result.error}</span>`;
  return `Polled: ${formatNumber(result.newItems)} new ${result.newItems === 1 ? 'release' : 'releases'}, `
    + `${formatNumber(result.matchedItems)} placed on episodes.`;
}

function RemoveFeedDialog({ feed, onClose, onRemoved }) {
  const describe = (e) => (e.status === 409
    ? `${describeError(e)}. Remove those rules, or make them read every feed, on their series' rules page first.`
    : describeError(e));
  return html`
    <${ConfirmDialog} title=${'Remove the feed ' + feed.name + '?'} confirmLabel="Remove feed"
                      act=${() => api.delete(`feeds/${feed.id}`)} describe=${describe} onDone=${onRemoved} onClose=${onClose}>
      <p>It is no longer polled. The releases it brought stay, and so do downloads made from them.</p>
    </${ConfirmDialog}>`;
}
