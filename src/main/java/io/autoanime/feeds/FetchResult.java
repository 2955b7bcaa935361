package io.autoanime.feeds;

/** What a conditional GET of a feed brought back. */
public sealed interface FetchResult {
  /** 304: the feed has not changed since the validators sent; no body was read. */
  record NotModified() implements FetchResult {}

  /**
   * 2xx: the body (decompressed) and the validators to send next time (null when the server gave none).
   */
  record Fetched(byte[] body, String etag, String lastModified) implements FetchResult {}
}
