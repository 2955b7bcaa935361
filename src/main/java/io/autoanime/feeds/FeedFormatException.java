package io.autoanime.feeds;

/**
 * A body that is not a feed we can read: empty, HTML, JSON, malformed XML, a Torznab caps or error
 * document, or XML with a DTD. The message says which, in words a user can act on.
 */
public final class FeedFormatException extends Exception {
  public FeedFormatException(String message) {
    super(message);
  }
}
