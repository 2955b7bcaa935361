package io.autoanime.bus;

/**
 * The event-bus contract (CONTRACT.md section 4). Bodies are small JsonObjects: a request or a run
 * summary, never a list of episodes.
 */
public final class Addresses {
  /** Request/reply: {@link SyncRequest} in, the run object out (or a ReplyException, see {@link BusErrors}). */
  public static final String SYNC = "autoanime.sync";
  /** Publish: {@code {"type":"started"|"progress"|"finished","run":{...}}}. */
  public static final String SYNC_EVENTS = "autoanime.sync.events";
  /** Request/reply: {@code {"episodeId":N,"status":"...","downloadedAt":"..."?}} in, the episode object out. */
  public static final String EPISODE_DOWNLOAD_STATUS = "autoanime.episodes.download-status";

  private Addresses() {}
}
