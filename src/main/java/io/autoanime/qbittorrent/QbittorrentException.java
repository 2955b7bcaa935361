package io.autoanime.qbittorrent;

/**
 * qBittorrent could not be reached, refused us, or answered something we cannot use. Messages name
 * the endpoint and the reason, never the password.
 */
public final class QbittorrentException extends RuntimeException {
  /** What went wrong, for callers that react differently (retry, report, give up). */
  public enum Kind {
    /** No connection, the connection broke, or a 5xx answer. Worth retrying later. */
    UNREACHABLE,
    /** No answer within the configured timeout. Worth retrying later. */
    TIMEOUT,
    /** The user name or password was refused; no login is tried again until the cooldown ends. */
    LOGIN_REFUSED,
    /** qBittorrent banned this address after too many failed logins. */
    BANNED,
    /** A call was refused even though we are logged in (or a login is needed but none is configured). */
    FORBIDDEN,
    /** An answer we cannot use: malformed JSON, an unexpected status, an endpoint that does not exist. */
    BAD_ANSWER,
    /** qBittorrent refused to add a torrent and does not have it. */
    ADD_FAILED,
    /** qBittorrent has no torrent with the hash asked for. */
    NOT_FOUND
  }

  private final Kind kind;

  public QbittorrentException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the same call may succeed later without anyone changing a setting. */
  public boolean retryable() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
  }
}
