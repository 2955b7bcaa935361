package io.autoanime.webhook;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.SyncClient;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bursts of notifications into one sync per series: the first notification for a series
 * opens a window; notifications for the same series within it join it; when it closes, one
 * series-mode sync request goes to {@link Addresses#SYNC} (with {@code wait} false). A
 * notification after that opens a new window.
 *
 * <p>Used from one Vert.x context (the HTTP verticle's), so the state needs no locking.
 */
public final class SeriesSyncCoalescer {
  private static final Logger log = LoggerFactory.getLogger(SeriesSyncCoalescer.class);

  /** What became of one notification. */
  public enum Outcome {
    /** It opened a window: its series is synced when the window closes. */
    QUEUED,
    /** A window was already open for its series: it joined that one. */
    COALESCED
  }

  private final Vertx vertx;
  private final SyncClient syncs;
  private final long windowMs;
  /** Series id to the timer of its open window. */
  private final Map<Long, Long> open = new HashMap<>();

  public SeriesSyncCoalescer(Vertx vertx, long windowMs) {
    this.vertx = vertx;
    this.syncs = new SyncClient(vertx);
    this.windowMs = Math.max(1, windowMs);
  }

  public long windowMs() {
    return windowMs;
  }

  public Outcome offer(long sonarrSeriesId) {
    if (open.containsKey(sonarrSeriesId)) {
      return Outcome.COALESCED;
    }
    open.put(sonarrSeriesId, vertx.setTimer(windowMs, timer -> {
      open.remove(sonarrSeriesId);
      requestSync(sonarrSeriesId);
    }));
    return Outcome.QUEUED;
  }

  /** Closes every open window without syncing (the service is stopping; the periodic full sync catches up). */
  public void cancelAll() {
    if (!open.isEmpty()) {
      log.info("Dropped the webhook syncs of {} series on shutdown; the next full sync covers them", open.size());
    }
    open.values().forEach(vertx::cancelTimer);
    open.clear();
  }

  private void requestSync(long sonarrSeriesId) {
    syncs.sync(SyncRequest.series(sonarrSeriesId, SyncTrigger.WEBHOOK, false))
        .onSuccess(run -> log.debug("Webhook sync of series {} is run {}{}", sonarrSeriesId,
            run.getLong("id"), Boolean.TRUE.equals(run.getBoolean("joined")) ? " (joined)" : ""))
        .onFailure(e -> log.warn("Webhook sync of series {} could not start: {}", sonarrSeriesId, e.getMessage()));
  }
}
