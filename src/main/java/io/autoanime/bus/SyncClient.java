package io.autoanime.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * Asks the sync verticle for a run, over {@link Addresses#SYNC}: every part of the service that wants
 * a sync sends it through here. Safe to share; it keeps no state.
 */
public final class SyncClient {
  /** A request queued behind a long run is answered when its run starts (or ends, for one that waits). */
  static final long SEND_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(30);

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  public SyncClient(Vertx vertx) {
    this(vertx, SEND_TIMEOUT_MS);
  }

  SyncClient(Vertx vertx, long sendTimeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(sendTimeoutMs);
  }

  /**
   * The run object (see {@link Addresses#SYNC}, with {@code "joined": true} when another request
   * started it): once it has started, or once it has ended when the request waits for the end. Fails
   * with a {@link SyncException} carrying the sync verticle's {@link BusErrors} code, or
   * {@link BusErrors#TIMEOUT} when no answer came in time.
   */
  public Future<JsonObject> sync(SyncRequest request) {
    return vertx.eventBus().<JsonObject>request(Addresses.SYNC, request.toJson(), delivery)
        .map(reply -> reply.body())
        .recover(failure -> Future.failedFuture(mapped(failure)));
  }

  private static Throwable mapped(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return new SyncException(reply.failureCode(), reply.getMessage());
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return new SyncException(BusErrors.TIMEOUT, "the sync service did not answer in time");
    }
    return failure;
  }
}
