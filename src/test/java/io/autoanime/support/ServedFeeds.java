package io.autoanime.support;

import io.vertx.core.json.JsonObject;

/** Feeds a test writes, serves from a fake feed server and adds to the service under test. */
public final class ServedFeeds {
  private final FakeFeedServer server;
  private final TestService service;

  public ServedFeeds(FakeFeedServer server, TestService service) {
    this.server = server;
    this.service = service;
  }

  /** An empty feed whose torrent links point at the fake server. */
  public GeneratedFeed generated() {
    return new GeneratedFeed(server.url(""));
  }

  /** Serves {@code feed} at {@code path} and adds it to the service, named after its path; answers its id. */
  public long add(String path, GeneratedFeed feed) {
    server.serve(path, feed.bytes(), FakeFeedServer.RSS);
    return service.post("/api/feeds", new JsonObject().put("name", path).put("url", server.url(path)))
        .bodyAsJsonObject().getLong("id");
  }
}
