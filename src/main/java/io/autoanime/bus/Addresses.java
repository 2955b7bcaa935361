package io.autoanime.bus;

import java.util.List;

/**
 * The event-bus contract (docs/api.md, "Event bus"). Bodies are small JsonObjects: a request or a run
 * summary, never a list of episodes.
 */
public final class Addresses {
  /** Request/reply: {@link SyncRequest} in, the run object out (or a ReplyException, see {@link BusErrors}). */
  public static final String SYNC = "autoanime.sync";
  /** Publish: {@code {"type":"started"|"progress"|"finished","run":{...}}}. */
  public static final String SYNC_EVENTS = "autoanime.sync.events";
  /**
   * Publish, internal: {@code {"runId":N,"seriesIds":[...]}} after a run that changed the library: the row
   * ids of the series it inserted or changed (a run that only marked series removed names none).
   */
  public static final String LIBRARY_CHANGED = "autoanime.library.changed";
  /** Request/reply: {@code {"episodeId":N,"status":"...","downloadedAt":"..."?}} in, the episode object out. */
  public static final String EPISODE_DOWNLOAD_STATUS = "autoanime.episodes.download-status";

  /** Request/reply: {@code {"feedId": N?}} in (all enabled feeds when absent), {@code {"newItems","matchedItems","error"?}} out. */
  public static final String FEEDS_POLL = "autoanime.feeds.poll";
  /**
   * Request/reply, internal: {@code {"seriesId": N}} after a rule of that series was added, changed or
   * removed (or {@code {}}); places again the stored releases placed on no episode, those placed on
   * that series, and those a rule of it reads; answers {@code {"releases","placed","changed"}}.
   */
  public static final String RELEASES_REMATCH = "autoanime.releases.rematch";
  /** Publish, internal: {@code {"episodeIds":[...]}}: releases were just placed on these episodes. */
  public static final String RELEASES_PLACED = "autoanime.releases.placed";

  /** Publish: {@code {"type":"queued"|"progress"|"imported"|"failed"|"cancelled","download":{...}}}. */
  public static final String DOWNLOADS_EVENTS = "autoanime.downloads.events";
  /**
   * Request/reply, internal (the HTTP API's download actions): {@code {"action":"download","episodeId":N,
   * "feedItemId":N?}}, {@code {"action":"retry","downloadId":N}} or {@code {"action":"cancel","downloadId":N,
   * "deleteFiles":bool?}}; answers the download object.
   */
  public static final String DOWNLOADS_ACTIONS = "autoanime.downloads.actions";
  /** Publish, internal: {@code {"sonarrEpisodeIds":[...]}}: Sonarr reported (webhook) that it imported files of these episodes. */
  public static final String SONARR_IMPORTED = "autoanime.sonarr.imported";

  /**
   * Every request/reply address. Each consumer answers a body it cannot use with a ReplyException 400
   * (wrap it in {@link BusErrors#guard}); the bus fuzz test sends random bodies to each one listed here.
   */
  public static final List<String> REQUEST_REPLY_ADDRESSES = List.of(SYNC, EPISODE_DOWNLOAD_STATUS, FEEDS_POLL,
      RELEASES_REMATCH, DOWNLOADS_ACTIONS);

  private Addresses() {}
}
