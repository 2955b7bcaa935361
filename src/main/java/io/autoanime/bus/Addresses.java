package io.autoanime.bus;

import java.util.List;

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

  /**
   * Every request/reply address. Each consumer answers a body it cannot use with a ReplyException 400
   * (wrap it in {@link BusErrors#guard}); the bus fuzz test sends random bodies to each one listed here.
   */
  public static final List<String> REQUEST_REPLY_ADDRESSES = List.of(SYNC, EPISODE_DOWNLOAD_STATUS);

  private Addresses() {}
}
