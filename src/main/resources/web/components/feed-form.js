import { html, useState } from '../lib/html.js';
import { describeError } from '../lib/api.js';

let nextId = 0;

/**
 * A feed's fields: name, URL, polling interval (empty: the service's default). Used to add a feed
 * and to edit one. When editing, the URL field holds the URL as the service showed it, with any key
 * masked as ***; sent back unchanged, the service keeps the stored one, so a key is never shown
 * again. onSubmit(body) answers a promise; its error is shown here.
 */
export function FeedForm({ feed, submitLabel, onSubmit, onCancel }) {
  const [prefix] = useState(() => 'feed-form-' + ++nextId);
  const [name, setName] = useState(feed ? feed.name : '');
  const [url, setUrl] = useState(feed ? feed.url : '');
  const [minutes, setMinutes] = useState(feed && feed.pollMinutes != null ? String(feed.pollMinutes) : '');
  const [error, setError] = useState(null);
  const [saving, setSaving] = useState(false);

  const submit = (event) => {
    event.preventDefault();
    const body = { name: name.trim(), url: url.trim() };
    const pollMinutes = minutes.trim() === '' ? null : Number(minutes);
    // Editing: the interval is sent only when changed, so a feed on the default stays on it.
    if (!feed || pollMinutes !== feed.pollMinutes) body.pollMinutes = pollMinutes;
    setSaving(true);
    setError(null);
    onSubmit(body)
      .then(() => {
        if (!feed) {
          setName('');
          setUrl('');
          setMinutes('');
        }
      })
      .catch((e) => setError(describeError(e)))
      .finally(() => setSaving(false));
  };

  return html`
    <form class="feed-form form-grid" onSubmit=${submit}>
      <label for=${prefix + '-name'}>Name</label>
      <input id=${prefix + '-name'} type="text" required maxlength="200" value=${name}
             onInput=${(e) => setName(e.currentTarget.value)} />
      <label for=${prefix + '-url'}>Feed URL</label>
      <div>
        <input id=${prefix + '-url'} type="url" required value=${url} inputmode="url" autocomplete="off"
               spellcheck="false" aria-describedby=${prefix + '-url-help'} onInput=${(e) => setUrl(e.currentTarget.value)} />
        <p id=${prefix + '-url-help'} class="meta">
          ${feed ? 'Keys in the URL show as ***: leave them so and the stored key is kept.'
                 : 'An RSS, Atom or Torznab feed of torrents (nyaa, Prowlarr, Jackett, ...).'}</p>
      </div>
      <label for=${prefix + '-minutes'}>Poll every (minutes)</label>
      <input id=${prefix + '-minutes'} type="number" min="5" step="1" value=${minutes} placeholder="service default"
             onInput=${(e) => setMinutes(e.currentTarget.value)} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled=${saving}>${submitLabel}</button>
        ${onCancel && html`<button type="button" onClick=${onCancel}>Discard changes</button>`}
      </div>
      ${error && html`<p class="error form-error" role="alert">${error}</p>`}
    </form>`;
}
