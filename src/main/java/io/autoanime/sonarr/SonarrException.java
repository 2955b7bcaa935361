package io.autoanime.sonarr;

/**
 * Sonarr could not be reached, refused us, or answered something we cannot use. Messages name the
 * endpoint and the reason, never the API key.
 */
public class SonarrException extends RuntimeException {
  /** The HTTP status Sonarr answered, or 0 when there was no answer or it was unusable. */
  private final int httpStatus;
  private final boolean retryable;

  public SonarrException(String message, int httpStatus, boolean retryable) {
    super(message);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  public static SonarrException badData(String message) {
    return new SonarrException(message, 0, false);
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean notFound() {
    return httpStatus == 404;
  }
}
