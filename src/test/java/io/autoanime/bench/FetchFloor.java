package io.autoanime.bench;

import io.autoanime.training.GeneratedSonarr;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * The network's half of the floor: the series list and every episode list fetched from Sonarr with
 * {@code concurrency} requests in flight, the bodies read and dropped (nothing decoded or written).
 */
final class FetchFloor implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final String baseUrl;
  private final int concurrency;

  FetchFloor(String baseUrl, int concurrency) {
    this.baseUrl = baseUrl;
    this.concurrency = concurrency;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(concurrency));
  }

  /** Fetches everything once; answers the bytes received. */
  long fetchAll() throws Exception {
    return vertx.executeBlocking(() -> 0).compose(ignored -> get("/api/v3/series")).compose(list -> {
      Queue<Long> ids = new ArrayDeque<>();
      new JsonArray(list).forEach(series -> ids.add(((JsonObject) series).getLong("id")));
      Promise<Long> done = Promise.promise();
      new Object() {
        long bytes = list.length();
        int active;

        void pump() {
          while (active < concurrency && !ids.isEmpty()) {
            active++;
            get("/api/v3/episode?seriesId=" + ids.poll()).onComplete(result -> {
              active--;
              if (result.failed()) {
                done.tryFail(result.cause());
                return;
              }
              bytes += result.result().length();
              pump();
            });
          }
          if (active == 0 && ids.isEmpty()) {
            done.tryComplete(bytes);
          }
        }
      }.pump();
      return done.future();
    }).await(10, TimeUnit.MINUTES);
  }

  private Future<Buffer> get(String path) {
    return client.getAbs(baseUrl + path).putHeader("X-Api-Key", GeneratedSonarr.API_KEY).send()
        .compose(response -> response.statusCode() == 200
            ? Future.succeededFuture(body(response))
            : Future.failedFuture("Sonarr answered " + response.statusCode() + " for " + path));
  }

  private static Buffer body(HttpResponse<Buffer> response) {
    return response.body() == null ? Buffer.buffer() : response.body();
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(1, TimeUnit.MINUTES);
  }
}
