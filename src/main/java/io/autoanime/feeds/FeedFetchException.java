package io.autoanime.feeds;

/**
 * A feed could not be fetched. The message says why in words a user can act on and shows the URL
 * masked ({@link FeedUrls#masked}); {@link #reason()} is for metrics and decisions.
 */
public final class FeedFetchException extends Exception {
  public enum Reason {
    /** Not an absolute http(s) URL with a host. */
    INVALID_URL,
    /** No complete answer within the time limit. */
    TIMEOUT,
    /** Refused, unknown host, TLS failure, or the connection broke before the answer was complete. */
    UNREACHABLE,
    /** A status other than 2xx, 304 or a followed redirect; see {@link #httpStatus()}. */
    HTTP_STATUS,
    /** Too many redirects, or a redirect without a Location or to something other than http(s). */
    BAD_REDIRECT,
    /** The body, decompressed, was over the size limit. */
    TOO_LARGE,
    /** The body was not valid gzip/deflate, or used an encoding we did not ask for. */
    BAD_ENCODING
  }

  private final Reason reason;
  private final int httpStatus;

  public FeedFetchException(Reason reason, int httpStatus, String message) {
    super(message);
    this.reason = reason;
    this.httpStatus = httpStatus;
  }

  public Reason reason() {
    return reason;
  }

  /** The status the server answered with, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
