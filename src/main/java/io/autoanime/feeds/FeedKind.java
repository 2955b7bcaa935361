package io.autoanime.feeds;

/** What a feed is, as the API shows it ({@code kind}): Torznab (Prowlarr, Jackett) or any other RSS or Atom feed. */
public enum FeedKind {
  RSS("rss"),
  TORZNAB("torznab");

  private final String json;

  FeedKind(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}
