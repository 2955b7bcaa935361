package io.autoanime.downloads;

import static io.autoanime.downloads.DownloadStatus.*;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every transition of a download, in one table. {@link #next} answers where an event takes a
 * download, or nothing when the event does not apply in its state (a late qBittorrent answer about a
 * download the user already cancelled, say): callers then leave the download as it is.
 *
 * <pre>
 *   queued ──sent──▶ downloading ──finished──▶ importing ──imported──▶ imported
 *     │ send failed (retry later)   │ torrent failed / gone     │ import failed (retry later)
 *     │ send gave up ──────────────▶ failed ◀───────────────────┘ import gave up
 *     └─ cancelled / untracked ───▶ cancelled ◀── (from any state but imported)
 *   failed ──retried──▶ queued;   Sonarr reported the import (webhook) ──▶ imported
 * </pre>
 */
public final class DownloadLifecycle {
  /** What happens to a download. */
  public enum Event {
    SENT, SEND_FAILED, SEND_GAVE_UP,
    FINISHED, TORRENT_FAILED, TORRENT_GONE,
    IMPORTED, IMPORT_FAILED, IMPORT_GAVE_UP, SONARR_REPORTED_IMPORT,
    CANCELLED, UNTRACKED, RETRIED
  }

  private static final Map<DownloadStatus, Map<Event, DownloadStatus>> TRANSITIONS = new EnumMap<>(DownloadStatus.class);

  static {
    on(QUEUED, Event.SENT, DOWNLOADING);
    on(QUEUED, Event.SEND_FAILED, QUEUED);
    on(QUEUED, Event.SEND_GAVE_UP, FAILED);
    on(DOWNLOADING, Event.FINISHED, IMPORTING);
    on(DOWNLOADING, Event.TORRENT_FAILED, FAILED);
    on(DOWNLOADING, Event.TORRENT_GONE, FAILED);
    on(IMPORTING, Event.IMPORTED, IMPORTED);
    on(IMPORTING, Event.IMPORT_FAILED, IMPORTING);
    on(IMPORTING, Event.IMPORT_GAVE_UP, FAILED);
    on(IMPORTING, Event.TORRENT_GONE, FAILED);
    for (DownloadStatus inProgress : new DownloadStatus[] {QUEUED, DOWNLOADING, IMPORTING}) {
      on(inProgress, Event.SONARR_REPORTED_IMPORT, IMPORTED);
      on(inProgress, Event.CANCELLED, CANCELLED);
      on(inProgress, Event.UNTRACKED, CANCELLED);
    }
    on(FAILED, Event.RETRIED, QUEUED);
    on(FAILED, Event.CANCELLED, CANCELLED);
    on(FAILED, Event.UNTRACKED, CANCELLED);
    on(FAILED, Event.SONARR_REPORTED_IMPORT, IMPORTED);
  }

  private DownloadLifecycle() {}

  private static void on(DownloadStatus from, Event event, DownloadStatus to) {
    TRANSITIONS.computeIfAbsent(from, s -> new EnumMap<>(Event.class)).put(event, to);
  }

  public static Optional<DownloadStatus> next(DownloadStatus from, Event event) {
    return Optional.ofNullable(TRANSITIONS.getOrDefault(from, Map.of()).get(event));
  }
}
