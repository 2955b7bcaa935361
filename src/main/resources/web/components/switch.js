import { html } from '../lib/html.js';

/**
 * An on/off switch: a checkbox with role="switch", named by `label` for screen readers (and
 * tests): "Auto-download", "Auto-download season 1", "Auto-download S01E05". `text` is the
 * visible label, when there is one.
 */
export function Switch({ label, text, checked, busy, onChange }) {
  return html`
    <label class="switch">
      <input type="checkbox" role="switch" aria-label=${label} checked=${checked}
             disabled=${busy} aria-busy=${busy ? 'true' : 'false'}
             onChange=${(e) => onChange(e.currentTarget.checked)} />
      <span class="switch-track" aria-hidden="true"></span>
      ${text && html`<span class="switch-text">${text}</span>`}
    </label>`;
}
