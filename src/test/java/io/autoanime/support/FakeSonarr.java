package io.autoanime.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A small Sonarr: serves the v3 endpoints the service uses from in-memory JSON (real payload shapes
 * from test resources), under a URL base, and lets a test inject faults per path and hold requests at
 * a {@link Gate} until it opens it.
 */
public final class FakeSonarr {
  public static final String API_KEY = "fake-sonarr-key-0123456789";
  public static final String URL_BASE = "/sonarr";

  private final Vertx vertx;
  private HttpServer server;
  private final Map<Long, JsonObject> series = new ConcurrentHashMap<>();
  private final List<Long> order = new CopyOnWriteArrayList<>();
  private final Map<Long, JsonArray> episodes = new ConcurrentHashMap<>();
  private final Map<String, Queue<Consumer<HttpServerRequest>>> faults = new ConcurrentHashMap<>();
  private final List<Gate> gates = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<JsonObject> commands = new CopyOnWriteArrayList<>();
  private JsonObject systemStatus = Fixtures.object("sonarr-animedownloader/system_status.json");
  private final FakeSonarrImports imports = new FakeSonarrImports(this);

  public FakeSonarr(Vertx vertx) {
    this.vertx = vertx;
  }

  public FakeSonarr start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    TestService.await(server.listen(0, "127.0.0.1"));
    return this;
  }

  public void stop() {
    TestService.await(server.close());
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + URL_BASE;
  }

  public int port() {
    return server.actualPort();
  }

  /** Adds or replaces a series (keeping its place in the list) with its episodes. */
  public FakeSonarr put(JsonObject seriesJson, JsonArray episodeList) {
    long id = seriesJson.getLong("id");
    if (!series.containsKey(id)) {
      order.add(id);
    }
    series.put(id, seriesJson);
    episodes.put(id, episodeList);
    return this;
  }

  public FakeSonarr remove(long id) {
    series.remove(id);
    order.remove(id);
    episodes.remove(id);
    return this;
  }

  public JsonObject series(long id) {
    return series.get(id);
  }

  public JsonArray episodes(long seriesId) {
    return episodes.get(seriesId);
  }

  /** The next request for this path (e.g. {@code /api/v3/series}) gets this answer instead. */
  public FakeSonarr failNext(String path, int times, Consumer<HttpServerRequest> answer) {
    Queue<Consumer<HttpServerRequest>> queue = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.add(answer);
      }
    }
    return this;
  }

  public FakeSonarr failNext(String path, int status) {
    return failNext(path, 1, request -> request.response().setStatusCode(status).end("{\"message\":\"fault\"}"));
  }

  /** Canned misbehaviours, for {@link #failNext(String, int, Consumer)}. */
  public static final class Faults {
    private Faults() {}

    public static Consumer<HttpServerRequest> status(int status) {
      return request -> request.response().setStatusCode(status).end("{\"message\":\"fault\"}");
    }

    public static Consumer<HttpServerRequest> body(String body) {
      return request -> request.response().putHeader("Content-Type", "application/json").end(body);
    }

    /** Promises more bytes than it sends, then hangs up. */
    public static Consumer<HttpServerRequest> cutShort(String body) {
      return request -> {
        request.response().putHeader("Content-Type", "application/json")
            .putHeader("Content-Length", String.valueOf(body.length() * 2));
        request.response().write(body).onComplete(v -> request.connection().close());
      };
    }

    /** Hangs up without answering. */
    public static Consumer<HttpServerRequest> hangUp() {
      return request -> request.connection().close();
    }

    /** Never answers. */
    public static Consumer<HttpServerRequest> silence() {
      return request -> { };
    }
  }

  public long requestsFor(String path) {
    return requests.stream().filter(path::equals).count();
  }

  /** Holds every request for exactly this path and query until the gate is opened. */
  public Gate hold(String pathAndQuery) {
    return hold(pathAndQuery::equals);
  }

  /** Holds every request whose path and query match until the gate is opened. */
  public Gate hold(Predicate<String> pathsAndQueries) {
    Gate gate = new Gate(pathsAndQueries);
    gates.add(gate);
    return gate;
  }

  /** Forgets the faults not yet served (a test sharing this fake with others leaves none behind). */
  public void clearFaults() {
    faults.clear();
  }

  public List<String> requests() {
    return requests;
  }

  /** How many requests (authenticated or not, faults included) came for exactly this path and query. */
  public long requestCount(String pathAndQuery) {
    return requests.stream().filter(pathAndQuery::equals).count();
  }

  public List<JsonObject> commands() {
    return commands;
  }

  private void handle(HttpServerRequest request) {
    String uri = request.uri();
    if (!uri.startsWith(URL_BASE + "/api/v3/")) {
      request.response().setStatusCode(404).end();
      return;
    }
    String path = uri.substring(URL_BASE.length());
    requests.add(path);
    if (!API_KEY.equals(request.getHeader("X-Api-Key"))) {
      request.response().setStatusCode(401).end("{\"error\":\"Unauthorized\"}");
      return;
    }
    Queue<Consumer<HttpServerRequest>> queue = faults.get(path);
    Consumer<HttpServerRequest> fault = null;
    if (queue != null) {
      synchronized (queue) {
        fault = queue.poll();
      }
    }
    Consumer<HttpServerRequest> answer = fault != null ? fault : this::answer;
    for (Gate gate : gates) {
      if (gate.hold(path, request, answer)) {
        return;
      }
    }
    answer.accept(request);
  }

  /** Sonarr's import side: manualimport, ManualImport commands and their state. */
  public FakeSonarrImports imports() {
    return imports;
  }

  private void answer(HttpServerRequest request) {
    String path = request.path().substring(URL_BASE.length());
    if (imports.answer(request, path)) {
      return;
    }
    if (path.equals("/api/v3/system/status")) {
      json(request, systemStatus.encode());
    } else if (path.equals("/api/v3/series")) {
      JsonArray list = new JsonArray();
      order.forEach(id -> list.add(series.get(id)));
      json(request, list.encode());
    } else if (path.startsWith("/api/v3/series/")) {
      JsonObject one = series.get(Long.parseLong(path.substring("/api/v3/series/".length())));
      if (one == null) {
        request.response().setStatusCode(404).end("{\"message\":\"NotFound\"}");
      } else {
        json(request, one.encode());
      }
    } else if (path.equals("/api/v3/episode")) {
      JsonArray list = episodes.get(Long.parseLong(request.getParam("seriesId")));
      json(request, list == null ? "[]" : list.encode());
    } else if (path.startsWith("/api/v3/mediacover/")) {
      String[] parts = path.substring("/api/v3/mediacover/".length()).split("/");
      request.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(Posters.of(Long.parseLong(parts[0]))));
    } else if (path.equals("/api/v3/command") && request.method().name().equals("POST")) {
      request.body().onSuccess(body -> {
        JsonObject command = body.toJsonObject();
        commands.add(command);
        json(request, command.copy().put("id", 4327826 + commands.size()).put("status", "queued").encode());
      });
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private static void json(HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }
}
