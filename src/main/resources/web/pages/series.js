import { html, useEffect, useState } from '../lib/html.js';
import { api, describeError } from '../lib/api.js';
import { href } from '../lib/router.js';
import { episodeCode, formatDate, formatDateTime, formatNumber, seasonName } from '../lib/format.js';
import { onReconnect } from '../lib/live.js';
import { startSync, useRunFinished, useSyncRun } from '../lib/sync-state.js';
import { Poster } from '../components/poster.js';
import { Switch } from '../components/switch.js';
import { SyncProgress } from '../components/sync-progress.js';
import { EpisodeActions } from '../components/episode-actions.js';
import { episodesOf, merged, useDownloadEvents, useDownloads } from '../lib/downloads.js';
import { useNewestRead } from '../lib/newest-read.js';

/** Newest downloads of the series looked at for its episodes (their live progress, why one failed). */
const DOWNLOADS_LOOKED_AT = 500;

/** One series: its switch, its seasons with theirs, and every episode with its own. */
export function SeriesPage({ id }) {
  const [series, setSeries] = useState(null);
  const [episodes, setEpisodes] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState({}); // switch key -> true while its PATCH runs
  const run = useSyncRun();
  const [downloads, , setDownloads] = useDownloads(`downloads?seriesId=${id}&limit=${DOWNLOADS_LOOKED_AT}`,
    (d) => d.seriesId === Number(id));

  // The series and its episodes are read again after a run (the episodes after each download event
  // too): a read answered before a switch's answer, landing after it, would put the switch back.
  const seriesRead = useNewestRead(() => api.get(`series/${id}`), setSeries);
  const episodesRead = useNewestRead(() => api.get(`series/${id}/episodes`), setEpisodes);
  const readEpisodes = episodesRead.read;
  const afterSwitch = () => { seriesRead.outrun(); episodesRead.outrun(); };
  const load = () =>
    Promise.all([seriesRead.read(), readEpisodes()])
      .then(() => setError(null))
      .catch((e) => setError(describeError(e)));

  useEffect(() => { setSeries(null); setEpisodes(null); load(); return onReconnect(load); }, [id]);
  useEffect(() => { if (series) document.title = `${series.title} · AutoAnime`; }, [series]);
  useRunFinished((finished) => { if (covers(finished, series)) load(); });
  // A download that started, ended or failed changed its episodes' auto-download status.
  useDownloadEvents((event) => {
    if (event.type !== 'progress' && event.download && event.download.seriesId === Number(id)) {
      readEpisodes().catch(() => {});
    }
  });
  const byEpisode = downloadsByEpisode(downloads || []);
  const downloadStarted = (download) => setDownloads((list) => merged(list || [], download));

  /** Runs one PATCH with its switch marked busy, then applies what it answered. */
  const toggle = (key, path, enabled, apply) => {
    setBusy((b) => ({ ...b, [key]: true }));
    setError(null);
    return api.patch(path, { enabled })
      .then(apply)
      .catch((e) => setError(describeError(e)))
      .finally(() => setBusy((b) => ({ ...b, [key]: false })));
  };

  const toggleSeries = (enabled) => toggle('series', `series/${id}/auto-download`, enabled, (updated) => {
    setSeries(updated);
    seriesRead.outrun();
    return readEpisodes();
  });
  const toggleSeason = (number, enabled) =>
    toggle('season' + number, `series/${id}/seasons/${number}/auto-download`, enabled, (season) => {
      const { episodes: changed, ...seasonOnly } = season;
      setSeries((s) => ({ ...s, seasons: s.seasons.map((x) => (x.seasonNumber === number ? seasonOnly : x)) }));
      const byId = new Map(changed.map((e) => [e.id, e]));
      setEpisodes((list) => list.map((e) => byId.get(e.id) || e));
      afterSwitch();
    });
  const toggleEpisode = (episode, enabled) =>
    toggle('episode' + episode.id, `episodes/${episode.id}/auto-download`, enabled, (updated) => {
      setEpisodes((list) => list.map((e) => (e.id === updated.id ? updated : e)));
      afterSwitch();
    });

  if (!series) {
    return html`
      <section class="page">
        <p><a href=${href('/library')}>← Library</a></p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : html`<p class="loading" role="status">Loading…</p>`}
      </section>`;
  }
  const anime = series.seriesType === 'anime';
  const seriesRun = run && covers(run, series) ? run : null;
  return html`
    <article class="page series" aria-labelledby="series-title">
      <p class="back"><a href=${href('/library')}>← Library</a></p>
      <header class="series-head">
        <${Poster} seriesId=${series.id} title=${series.title} size="large" />
        <div class="series-info">
          <h1 id="series-title">${series.title}</h1>
          <p class="meta">${[series.year, series.network, series.status, series.seriesType].filter(Boolean).join(' · ')}</p>
          <p class="meta">${formatNumber(series.episodeFileCount)} of ${formatNumber(series.episodeCount)} episodes
            ${' '}have files · last synced ${formatDateTime(series.lastSyncedAt)}
            ${series.removedFromSonarrAt ? html` · <strong>no longer in Sonarr</strong>` : ''}</p>
          ${series.overview && html`<p class="overview">${series.overview}</p>`}
          ${series.alternateTitles.length > 0 && html`
            <p class="meta alternate-titles">Also known as: ${[...new Set(series.alternateTitles.map((t) => t.title))].join(' · ')}</p>`}
          <div class="series-actions">
            <${Switch} label="Auto-download" text="Auto-download" checked=${series.isAutoDownloadEnabled}
                       busy=${busy.series} onChange=${toggleSeries} />
            <${ActionButton} label="Sync this series" action=${() => startSync(`series/${id}/sync`, {})} />
            <${ActionButton} label="Refresh in Sonarr" action=${() => startSync(`series/${id}/refresh`, {})} />
            <a class="button" href=${href(`/series/${id}/rules`)}>Download rules</a>
          </div>
          ${seriesRun && html`<${SyncProgress} run=${seriesRun} />`}
          ${error && html`<p class="error" role="alert">${error}</p>`}
        </div>
      </header>
      ${series.seasons.slice().reverse().map((season) => html`
        <${Season} key=${season.seasonNumber} season=${season} anime=${anime} busy=${busy}
                   episodes=${(episodes || []).filter((e) => e.seasonNumber === season.seasonNumber)}
                   downloads=${byEpisode} onDownload=${downloadStarted}
                   onSeason=${toggleSeason} onEpisode=${toggleEpisode} />`)}
    </article>`;
}

/** Episode id -> its newest download (the list is newest first). */
function downloadsByEpisode(downloads) {
  const map = new Map();
  for (const d of downloads) {
    for (const episodeId of episodesOf(d)) {
      if (!map.has(episodeId)) map.set(episodeId, d);
    }
  }
  return map;
}

/** Whether a run synced this series (a full run covers every series). */
function covers(run, series) {
  return !!series && (run.mode !== 'series' || run.sonarrSeriesId === series.sonarrId);
}

/** A button for a request: unavailable while it runs (aria-disabled: a disabled one drops the focus). */
function ActionButton({ label, action }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState(null);
  const click = () => {
    if (asking) return;
    setAsking(true);
    setError(null);
    action().catch((e) => setError(describeError(e))).finally(() => setAsking(false));
  };
  return html`
    <button type="button" onClick=${click} aria-disabled=${asking ? 'true' : null}>${label}</button>
    ${error && html`<span class="error" role="alert">${error}</span>`}`;
}

function Season({ season, episodes, anime, busy, downloads, onDownload, onSeason, onEpisode }) {
  const n = season.seasonNumber;
  return html`
    <section class="season" aria-labelledby=${'season-' + n}>
      <div class="season-head">
        <h2 id=${'season-' + n}>${seasonName(n)}</h2>
        <span class="meta">${formatNumber(season.episodeFileCount)} of ${formatNumber(season.episodeCount)} episodes</span>
        <${Switch} label=${'Auto-download season ' + n} text="Auto-download" checked=${season.isAutoDownloadEnabled}
                   busy=${busy['season' + n]} onChange=${(on) => onSeason(n, on)} />
      </div>
      <div class="table-wrap">
        <table class="episodes">
          <caption class="visually-hidden">Episodes of ${seasonName(n)}</caption>
          <thead>
            <tr>
              <th scope="col">Episode</th>
              <th scope="col">Auto-download</th>
              ${anime && html`<th scope="col" class="absolute">Absolute</th>`}
              <th scope="col">Title</th>
              <th scope="col" class="air-date">Air date</th>
              <th scope="col">File</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            ${episodes.map((e) => html`<${EpisodeRow} key=${e.id} episode=${e} anime=${anime}
                                                   busy=${busy['episode' + e.id]} onEpisode=${onEpisode}
                                                   download=${downloads.get(e.id)} onDownload=${onDownload} />`)}
          </tbody>
        </table>
      </div>
    </section>`;
}

function EpisodeRow({ episode: e, anime, busy, onEpisode, download, onDownload }) {
  const code = episodeCode(e.seasonNumber, e.episodeNumber);
  return html`
    <tr class=${e.hasFile ? 'has-file' : 'no-file'}>
      <th scope="row">${code}</th>
      <td><${Switch} label=${'Auto-download ' + code} checked=${e.isAutoDownloadEnabled} busy=${busy}
                     onChange=${(on) => onEpisode(e, on)} /></td>
      ${anime && html`<td class="absolute">${e.absoluteEpisodeNumber ?? '–'}</td>`}
      <td class="title">${e.title || '–'}</td>
      <td class="air-date">${formatDate(e.airDate)}</td>
      <td class="file">${e.hasFile ? 'Yes' : 'No'}</td>
      <td class="download"><${EpisodeActions} episode=${e} code=${code} download=${download} onDownload=${onDownload} /></td>
    </tr>`;
}
