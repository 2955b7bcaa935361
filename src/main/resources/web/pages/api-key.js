import { html, useState } from '../lib/html.js';
import { api, ApiError, describeError } from '../lib/api.js';

/**
 * Asked when the service has AUTOANIME_API_KEY set and this browser has no key, or a wrong one.
 * The key is checked against the service before it is kept (in this browser's localStorage).
 */
export function ApiKeyPage({ reason, onAccepted }) {
  const [key, setKey] = useState('');
  const [message, setMessage] = useState(reason);
  const [checking, setChecking] = useState(false);
  const submit = (event) => {
    event.preventDefault();
    const entered = key.trim();
    if (!entered) {
      setMessage('Enter the API key.');
      return;
    }
    setChecking(true);
    api.accepts(entered)
      .then(() => onAccepted(entered))
      .catch((e) => setMessage(e instanceof ApiError && e.status === 401
        ? 'That API key is wrong: the service refused it. Check AUTOANIME_API_KEY.'
        : describeError(e)))
      .finally(() => setChecking(false));
  };
  return html`
    <section class="page api-key" aria-labelledby="api-key-title">
      <h1 id="api-key-title">API key needed</h1>
      <p>This AutoAnime service is protected by an API key (the <code>AUTOANIME_API_KEY</code> setting).
        ${' '}Enter it once; this browser keeps it.</p>
      <form onSubmit=${submit}>
        <label for="api-key-input">API key</label>
        <input id="api-key-input" type="password" autocomplete="current-password" value=${key}
               onInput=${(e) => setKey(e.currentTarget.value)} aria-describedby="api-key-message" />
        <button type="submit" class="primary" disabled=${checking}>Save key</button>
      </form>
      <p id="api-key-message" class=${message ? 'error' : ''} role="alert">${message || ''}</p>
    </section>`;
}
