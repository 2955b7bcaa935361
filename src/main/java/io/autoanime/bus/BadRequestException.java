package io.autoanime.bus;

/** A request (HTTP or event bus) that is malformed; the message says what is wrong. */
public class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }
}
