import { html, useState } from '../lib/html.js';
import { urlWithKey } from '../lib/api.js';

/** The series' poster, through the service (api/series/{id}/poster); a plain tile when there is none. */
export function Poster({ seriesId, title, size = 'card' }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return html`<div class=${'poster poster-missing poster-' + size} aria-hidden="true">${(title || '?').slice(0, 1)}</div>`;
  }
  return html`<img class=${'poster poster-' + size} alt="" loading="lazy" decoding="async"
                   src=${urlWithKey(`api/series/${seriesId}/poster`)} onError=${() => setFailed(true)} />`;
}
