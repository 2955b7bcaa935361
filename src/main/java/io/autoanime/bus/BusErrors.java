package io.autoanime.bus;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failure codes carried by ReplyExceptions on the request/reply addresses; they match HTTP statuses. */
public final class BusErrors {
  private static final Logger log = LoggerFactory.getLogger(BusErrors.class);

  public static final int BAD_REQUEST = 400;
  public static final int NOT_FOUND = 404;
  /** Another service instance holds the sync lock. */
  public static final int CONFLICT = 409;
  public static final int INTERNAL = 500;
  public static final int SONARR_FAILED = 502;
  /** qBittorrent failed, refused the login, or is not configured. */
  public static final int QBITTORRENT_FAILED = 502;
  /** No answer within the send timeout (set by {@link SyncClient}, never sent by a verticle). */
  public static final int TIMEOUT = 504;

  private BusErrors() {}

  /**
   * A consumer that always replies: a {@link BadRequestException} thrown while handling a message fails
   * it with 400, anything else thrown with 500 (and a log line). Without it, an exception in a consumer
   * leaves the sender waiting for its timeout.
   */
  public static <T> Handler<Message<T>> guard(Handler<Message<T>> consumer) {
    return message -> {
      try {
        consumer.handle(message);
      } catch (BadRequestException e) {
        message.fail(BAD_REQUEST, e.getMessage());
      } catch (RuntimeException e) {
        log.error("The consumer of {} failed", message.address(), e);
        message.fail(INTERNAL, "the request could not be handled; see the service log");
      }
    };
  }
}
