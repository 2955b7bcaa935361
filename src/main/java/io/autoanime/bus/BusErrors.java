package io.autoanime.bus;

/** Failure codes carried by ReplyExceptions on the request/reply addresses; they match HTTP statuses. */
public final class BusErrors {
  public static final int BAD_REQUEST = 400;
  public static final int NOT_FOUND = 404;
  /** Another service instance holds the sync lock. */
  public static final int CONFLICT = 409;
  public static final int INTERNAL = 500;
  public static final int SONARR_FAILED = 502;
  /** No answer within the send timeout (set by {@link SyncClient}, never sent by a verticle). */
  public static final int TIMEOUT = 504;

  private BusErrors() {}
}
