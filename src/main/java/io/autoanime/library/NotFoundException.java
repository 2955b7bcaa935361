package io.autoanime.library;

/** An id (series, season or episode) that names no row; the message says which. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
