package io.autoanime.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A closed-loop load generator: {@code connections} clients each sending GETs back to back for a while. */
final class HttpLoad {
  record Result(String path, int connections, double seconds, int requests, int errors, double p50Ms, double p99Ms,
      long bytes) {
    double requestsPerSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format(Locale.ROOT, "GET %-34s %3d conns %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %d errors  %,d bytes/answer",
          path, connections, requestsPerSecond(), p50Ms, p99Ms, errors, requests == 0 ? 0 : bytes / requests);
    }
  }

  private HttpLoad() {}

  static Result run(int port, String path, int connections, double seconds) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(connections));
      // Warm-up: the first answers pay for JIT and plan caching.
      for (int i = 0; i < 20; i++) {
        client.get(port, "127.0.0.1", path).send().await(30, TimeUnit.SECONDS);
      }
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      int[] errors = {0};
      long[] bytes = {0};
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long started = System.nanoTime();
      List<Future<Void>> loops = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        Promise<Void> done = Promise.promise();
        loops.add(done.future());
        vertx.runOnContext(v -> loop(client, port, path, end, latencies, errors, bytes, done));
      }
      Future.all(loops).await(10 + (long) seconds * 2, TimeUnit.SECONDS);
      double elapsed = (System.nanoTime() - started) / 1e9;
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      return new Result(path, connections, elapsed, sorted.size(), errors[0], percentile(sorted, 0.50),
          percentile(sorted, 0.99), bytes[0]);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void loop(WebClient client, int port, String path, long end, List<Long> latencies, int[] errors,
      long[] bytes, Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    client.get(port, "127.0.0.1", path).send().onComplete(result -> {
      if (result.succeeded() && result.result().statusCode() == 200) {
        latencies.add(System.nanoTime() - sent);
        synchronized (bytes) {
          bytes[0] += result.result().body().length();
        }
      } else {
        synchronized (errors) {
          errors[0]++;
        }
      }
      loop(client, port, path, end, latencies, errors, bytes, done);
    });
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }
}
