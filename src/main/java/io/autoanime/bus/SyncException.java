package io.autoanime.bus;

/** A sync request the sync verticle refused or failed: {@link #code()} is one of {@link BusErrors}. */
public final class SyncException extends RuntimeException {
  private final int code;

  public SyncException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
