package io.autoanime.feeds;

/**
 * How far a feed fetch may go.
 *
 * @param timeoutSeconds for the whole fetch: connecting, redirects and the body
 * @param maxBodyBytes the body after decompression
 * @param maxRedirects redirects followed before giving up (0: none)
 */
public record FetchLimits(int timeoutSeconds, long maxBodyBytes, int maxRedirects) {
  public FetchLimits {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeoutSeconds must be at least 1");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative");
    }
  }

  /** 30 s, 16 MiB (a page of 100 Torznab results is about 200 KB), 5 redirects. */
  public static FetchLimits defaults() {
    return new FetchLimits(30, 16L * 1024 * 1024, 5);
  }
}
