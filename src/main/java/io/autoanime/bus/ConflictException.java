package io.autoanime.bus;

/** A request that conflicts with the current state (answered 409); the message says what to do. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
