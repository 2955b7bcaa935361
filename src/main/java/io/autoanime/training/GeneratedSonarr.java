package io.autoanime.training;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/** A fake Sonarr serving a {@link GeneratedLibrary}, generating each reply when asked. */
public final class GeneratedSonarr {
  public static final String API_KEY = "bench-key";
  private final Vertx vertx;
  private final GeneratedLibrary library;
  private HttpServer server;

  public GeneratedSonarr(Vertx vertx, GeneratedLibrary library) {
    this.vertx = vertx;
    this.library = library;
  }

  public GeneratedSonarr start() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    var response = request.response().putHeader("Content-Type", "application/json");
    if (path.equals("/api/v3/series")) {
      response.end(library.seriesList().encode());
    } else if (path.startsWith("/api/v3/series/")) {
      response.end(library.series(Long.parseLong(path.substring("/api/v3/series/".length()))).encode());
    } else if (path.equals("/api/v3/episode")) {
      response.end(library.episodesJson(Long.parseLong(request.getParam("seriesId"))));
    } else if (path.equals("/api/v3/system/status")) {
      response.end("{\"appName\":\"Sonarr\",\"version\":\"4.0.0.0\"}");
    } else {
      response.setStatusCode(404).end();
    }
  }
}
