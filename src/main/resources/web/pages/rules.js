import { html, useEffect, useRef, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href } from '../lib/router.js';
import { episodeCode, formatNumber, seasonName } from '../lib/format.js';
import { neighbourOf, useFocusAfterRender } from '../lib/focus.js';
import { Switch } from '../components/switch.js';
import { ConfirmDialog } from '../components/dialog.js';

const RESOLUTIONS = ['2160p', '1080p', '720p', '576p', '480p'];

/**
 * A series' download rules: patterns that place releases the automatic matching cannot (titles in
 * another script, odd numbering), and preferences that rank its releases. A rule is previewed
 * against the stored releases before it is saved.
 */
export function RulesPage({ id }) {
  const [series, setSeries] = useState(null);
  const [rules, setRules] = useState(null);
  const [feeds, setFeeds] = useState([]);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(null); // rule id
  const [removing, setRemoving] = useState(null); // rule
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState({}); // rule id -> true while its switch's PATCH runs
  const [added, setAdded] = useState(0); // rules added here: the add form starts empty after each
  const focusAfterRender = useFocusAfterRender();

  const loadRules = () => api.get(`series/${id}/rules`).then(setRules);
  useEffect(() => {
    Promise.all([api.get(`series/${id}`).then(setSeries), loadRules(), api.get('feeds').then(setFeeds)])
      .then(() => setError(null))
      .catch((e) => setError(describeError(e)));
  }, [id]);
  useEffect(() => { if (series) document.title = `Rules of ${series.title} · AutoAnime`; }, [series]);

  const back = html`<p class="back"><a href=${href('/series/' + id)}>← ${series ? series.title : 'Series'}</a></p>`;
  if (!series || !rules) {
    return html`<section class="page">${back}
      ${error ? html`<p class="error" role="alert">${error}</p>` : html`<p class="loading" role="status">Loading…</p>`}</section>`;
  }
  const feedName = (feedId) => {
    const feed = feeds.find((f) => f.id === feedId);
    return feed ? feed.name : `feed #${feedId}`;
  };
  const replace = (rule) => setRules((list) => list.map((r) => (r.id === rule.id ? rule : r)));
  const add = (body) => api.post(`series/${id}/rules`, body).then((rule) => {
    setRules((list) => [...list, rule]);
    setAdded((n) => n + 1); // a fresh, empty form
    setMessage(`Rule ${rule.id} saved; the stored releases were placed again.`);
  });
  const save = (rule, body) => api.patch(`rules/${rule.id}`, body).then((changed) => {
    replace(changed);
    setEditing(null);
    setMessage(`Rule ${rule.id} saved; the stored releases were placed again.`);
  });
  const toggle = (rule, enabled) => {
    setBusy((b) => ({ ...b, [rule.id]: true }));
    setError(null);
    api.patch(`rules/${rule.id}`, { enabled }).then(replace)
      .catch((e) => setError(describeError(e)))
      .finally(() => setBusy((b) => ({ ...b, [rule.id]: false })));
  };

  return html`
    <section class="page rules" aria-labelledby="rules-title">
      ${back}
      <h1 id="rules-title">Download rules: ${series.title}</h1>
      <p class="meta">A rule places the releases its pattern matches on this series (all of it, or one season), when
        ${' '}matching by title cannot: in the pattern, <code>:ep:</code> stands for the episode number
        ${' '}(<code>[Group] Frieren Dai :ep: Wa [1080p]</code>), or write a regular expression with a named group <code>ep</code>.
        ${' '}Its preferences rank this series' releases over the service's defaults.</p>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      <p role="status" class="meta">${message}</p>
      ${rules.length === 0 && html`<p>This series has no rule.</p>`}
      <div class="rule-list">
        ${rules.map((rule) => html`
          <section key=${rule.id} class=${'card rule' + (rule.enabled ? '' : ' rule-disabled')} aria-labelledby=${'rule-' + rule.id}>
            <div class="feed-card-head">
              <h2 id=${'rule-' + rule.id}>Rule ${rule.id}</h2>
              <${Switch} label=${'Rule ' + rule.id + ' enabled'} text="Enabled" checked=${rule.enabled}
                         busy=${busy[rule.id]} onChange=${(on) => toggle(rule, on)} />
            </div>
            ${editing === rule.id
              ? html`<${RuleForm} series=${series} feeds=${feeds} rule=${rule} submitLabel="Save rule"
                                  onSubmit=${(body) => save(rule, body)} onCancel=${() => setEditing(null)} />`
              : html`
                <${RuleSummary} rule=${rule} feedName=${feedName} />
                <div class="card-actions">
                  <button type="button" aria-label=${'Edit rule ' + rule.id} onClick=${() => setEditing(rule.id)}>Edit</button>
                  <button type="button" id=${removeButtonId(rule)} class="danger-text" aria-label=${'Remove rule ' + rule.id}
                          aria-haspopup="dialog" onClick=${() => setRemoving(rule)}>Remove</button>
                </div>`}
          </section>`)}
      </div>
      <section class="card add-rule" aria-labelledby="add-rule-title">
        <h2 id="add-rule-title" tabindex="-1">Add a rule</h2>
        <${RuleForm} key=${added} series=${series} feeds=${feeds} submitLabel="Save rule" onSubmit=${add} />
      </section>
      ${removing && html`
        <${RemoveRuleDialog} rule=${removing} onClose=${() => setRemoving(null)}
                             onRemoved=${() => {
                               const next = neighbourOf(rules, removing);
                               focusAfterRender([next && removeButtonId(next), 'add-rule-title']);
                               setRules((list) => list.filter((r) => r.id !== removing.id));
                               setMessage(`Rule ${removing.id} removed; the releases it placed were placed again.`);
                               setRemoving(null);
                             }} />`}
    </section>`;
}

const removeButtonId = (rule) => 'remove-rule-' + rule.id;

function RuleSummary({ rule, feedName }) {
  const prefs = [
    rule.resolution && `resolution ${rule.resolution}`,
    rule.preferredGroups.length > 0 && `preferred groups: ${rule.preferredGroups.join(', ')}`,
    rule.mustContain.length > 0 && `must contain: ${rule.mustContain.join(', ')}`,
    rule.mustNotContain.length > 0 && `must not contain: ${rule.mustNotContain.join(', ')}`,
  ].filter(Boolean);
  return html`
    <dl>
      <dt>For</dt><dd>${rule.seasonNumber == null ? 'the whole series (absolute numbers)' : seasonName(rule.seasonNumber)}</dd>
      <dt>Reads</dt><dd>${rule.feedId == null ? 'every feed' : feedName(rule.feedId)}</dd>
      <dt>Pattern</dt><dd>${rule.pattern ? html`<code class="pattern">${rule.pattern}</code>` : 'none (preferences only)'}</dd>
      ${rule.episodeOffset !== 0 && html`<dt>Offset</dt><dd>${rule.episodeOffset > 0 ? '+' : ''}${rule.episodeOffset}</dd>`}
      <dt>Preferences</dt><dd>${prefs.length ? prefs.join('; ') : 'the service defaults'}</dd>
    </dl>`;
}

const words = (text) => text.split(',').map((w) => w.trim()).filter(Boolean);

let nextId = 0;

/** A rule's fields, with the preview of what it would catch; used to add a rule and to edit one. */
function RuleForm({ series, feeds, rule, submitLabel, onSubmit, onCancel }) {
  const [prefix] = useState(() => 'rule-form-' + ++nextId);
  const [season, setSeason] = useState(rule && rule.seasonNumber != null ? String(rule.seasonNumber) : '');
  const [feed, setFeed] = useState(rule && rule.feedId != null ? String(rule.feedId) : '');
  const [pattern, setPattern] = useState(rule && rule.pattern ? rule.pattern : '');
  const [offset, setOffset] = useState(rule ? String(rule.episodeOffset) : '0');
  const [resolution, setResolution] = useState(rule && rule.resolution ? rule.resolution : '');
  const [groups, setGroups] = useState(rule ? rule.preferredGroups.join(', ') : '');
  const [mustContain, setMustContain] = useState(rule ? rule.mustContain.join(', ') : '');
  const [mustNotContain, setMustNotContain] = useState(rule ? rule.mustNotContain.join(', ') : '');
  const [enabled, setEnabled] = useState(true);
  const [preview, setPreview] = useState(null);
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(false);

  const body = () => ({
    seasonNumber: season === '' ? null : Number(season),
    feedId: feed === '' ? null : Number(feed),
    pattern: pattern.trim() === '' ? null : pattern,
    episodeOffset: offset.trim() === '' ? 0 : Number(offset),
    ...(rule ? {} : { enabled }), // an edited rule keeps its switch (shown on its card)
    resolution: resolution === '' ? null : resolution,
    preferredGroups: words(groups),
    mustContain: words(mustContain),
    mustNotContain: words(mustNotContain),
  });
  const run = (what) => {
    setAsking(true);
    setError(null);
    return what().catch((e) => setError(describeError(e))).finally(() => setAsking(false));
  };
  // Each preview asked, and each change of a field, makes the answer to an earlier preview stale.
  const previews = useRef(0);
  const showPreview = () => {
    const asked = ++previews.current;
    run(() => api.post('rules/preview', { seriesId: series.id, ...body() })
      .then((answer) => { if (asked === previews.current) setPreview(answer); }));
  };
  const submit = (event) => {
    event.preventDefault();
    run(() => onSubmit(body()));
  };
  // A changed field makes the preview shown, or on its way, stale.
  const edit = (set) => (e) => { set(e.currentTarget.value); setPreview(null); previews.current++; };
  const field = (name) => `${prefix}-${name}`;

  return html`
    <form class="rule-form form-grid" onSubmit=${submit}>
      <label for=${field('season')}>For</label>
      <select id=${field('season')} value=${season} onChange=${edit(setSeason)}>
        <option value="">The whole series (absolute numbers)</option>
        ${series.seasons.map((s) => html`<option value=${String(s.seasonNumber)}>${seasonName(s.seasonNumber)}</option>`)}
      </select>
      <label for=${field('feed')}>Reads</label>
      <select id=${field('feed')} value=${feed} onChange=${edit(setFeed)}>
        <option value="">Every feed</option>
        ${feeds.map((f) => html`<option value=${String(f.id)}>${f.name}</option>`)}
      </select>
      <label for=${field('pattern')}>Pattern</label>
      <div>
        <input id=${field('pattern')} type="text" value=${pattern} spellcheck="false" autocomplete="off"
               aria-describedby=${field('pattern-help')} onInput=${edit(setPattern)} />
        <p id=${field('pattern-help')} class="meta"><code>:ep:</code> stands for the episode number; empty: a rule
          ${' '}that only sets preferences.</p>
      </div>
      <label for=${field('offset')}>Episode offset</label>
      <div>
        <input id=${field('offset')} type="number" step="1" value=${offset} aria-describedby=${field('offset-help')}
               onInput=${edit(setOffset)} />
        <p id=${field('offset-help')} class="meta">Added to the number read (-28: the title's 29 is episode 1).</p>
      </div>
      <label for=${field('resolution')}>Resolution</label>
      <select id=${field('resolution')} value=${resolution} onChange=${(e) => setResolution(e.currentTarget.value)}>
        <option value="">The service default</option>
        ${RESOLUTIONS.map((r) => html`<option value=${r}>${r}</option>`)}
      </select>
      <label for=${field('groups')}>Preferred groups</label>
      <input id=${field('groups')} type="text" value=${groups} placeholder="comma-separated, best first"
             onInput=${(e) => setGroups(e.currentTarget.value)} />
      <label for=${field('must')}>Must contain</label>
      <input id=${field('must')} type="text" value=${mustContain} placeholder="comma-separated words"
             onInput=${(e) => setMustContain(e.currentTarget.value)} />
      <label for=${field('must-not')}>Must not contain</label>
      <input id=${field('must-not')} type="text" value=${mustNotContain} placeholder="comma-separated words"
             onInput=${(e) => setMustNotContain(e.currentTarget.value)} />
      ${!rule && html`
        <span></span>
        <label class="checkbox">
          <input type="checkbox" checked=${enabled} onChange=${(e) => setEnabled(e.currentTarget.checked)} />
          Enabled
        </label>`}
      <div class="form-actions">
        <button type="button" onClick=${showPreview} disabled=${asking}>Preview</button>
        <button type="submit" class="primary" disabled=${asking}>${submitLabel}</button>
        ${onCancel && html`<button type="button" onClick=${onCancel}>Discard changes</button>`}
      </div>
      ${error && html`<p class="error form-error" role="alert">${error}</p>`}
      ${preview && html`<${Preview} preview=${preview} />`}
    </form>`;
}

function Preview({ preview }) {
  return html`
    <section class="preview" aria-label="Preview">
      <p role="status">
        ${preview.count === 0
          ? `It would catch none of the ${formatNumber(preview.examined)} stored releases.`
          : `It would catch ${formatNumber(preview.count)} of the ${formatNumber(preview.examined)} stored releases:`}
      </p>
      ${preview.count > 0 && html`
        <ul class="preview-matches">
          ${preview.matches.filter((m) => m.feedItem).map((m) => html`
            <li>
              <span class="release-title">${m.feedItem.title}</span>
              ${' → '}
              ${m.episodes.length === 0
                ? html`<span class="error">no episode of this series has that number</span>`
                : m.episodes.map((e, i) => html`${i > 0 ? ', ' : ''}<span class="episode">${episodeCode(e.seasonNumber, e.episodeNumber)}${e.title ? ` (${e.title})` : ''}</span>`)}
              ${m.feedItem.match && m.feedItem.match.ruleId == null && html`
                <span class="meta"> (already placed by its title: it stays there)</span>`}
            </li>`)}
        </ul>`}
    </section>`;
}

function RemoveRuleDialog({ rule, onClose, onRemoved }) {
  return html`
    <${ConfirmDialog} title=${`Remove rule ${rule.id}?`} confirmLabel="Remove rule"
                      act=${() => api.delete(`rules/${rule.id}`)} onDone=${onRemoved} onClose=${onClose}>
      <p>The releases it placed are placed again without it (by title, or not at all).</p>
    </${ConfirmDialog}>`;
}
