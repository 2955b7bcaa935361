import { html } from '../lib/html.js';

/**
 * A row of radio buttons choosing which items a list shows: `filters` are {id, label}, `value` the
 * chosen id. Named by a visible `legend` or, without one, by `label` for screen readers.
 */
export function Filters({ name, filters, value, onChange, legend, label }) {
  return html`
    <fieldset class="filters" aria-label=${legend ? undefined : label}>
      ${legend && html`<legend>${legend}</legend>`}
      ${filters.map((f) => html`
        <label class="filter">
          <input type="radio" name=${name} value=${f.id} checked=${value === f.id} onChange=${() => onChange(f.id)} />
          <span>${f.label}</span>
        </label>`)}
    </fieldset>`;
}
