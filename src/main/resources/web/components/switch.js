import { html } from '../lib/html.js';

/**
 * An on/off switch: a checkbox with role="switch", named by `label` for screen readers (and
 * tests): "Auto-download", "Auto-download season 1", "Auto-download S01E05". `text` is the
 * visible label, when there is one. While `busy` it cannot be flipped, but it is aria-disabled
 * rather than disabled: a disabled control loses the keyboard focus to the page.
 */
export function Switch({ label, text, checked, busy, onChange }) {
  return html`
    <label class="switch">
      <input type="checkbox" role="switch" aria-label=${label} checked=${checked}
             aria-disabled=${busy ? 'true' : null} aria-busy=${busy ? 'true' : 'false'}
             onClick=${(e) => { if (busy) e.preventDefault(); }}
             onChange=${(e) => onChange(e.currentTarget.checked)} />
      <span class="switch-track" aria-hidden="true"></span>
      ${text && html`<span class="switch-text">${text}</span>`}
    </label>`;
}
