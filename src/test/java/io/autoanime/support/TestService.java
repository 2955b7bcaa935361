package io.autoanime.support;

import io.autoanime.Application;
import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.Intervals;
import io.autoanime.db.Database;
import io.autoanime.metrics.MeteredVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole service, started as Main starts it, on a fresh test database and a fake Sonarr. Tests
 * drive it through HTTP and the event bus, blocking on the test thread.
 */
public final class TestService implements AutoCloseable {
  private final Database database;
  private JsonObject settings;
  private final Intervals intervals;
  private Vertx vertx;
  private Application application;
  private WebClient http;

  private TestService(Database database, JsonObject settings, Intervals intervals) {
    this.database = database;
    this.settings = settings;
    this.intervals = intervals;
  }

  /** Settings for tests: no start-up or scheduled sync, quick retries, any free port. */
  public static JsonObject settingsFor(FakeSonarr sonarr) {
    JsonObject settings = new JsonObject()
        .put(AppConfig.PORT, 0)
        .put(AppConfig.SYNC_ON_STARTUP, false)
        .put(AppConfig.SYNC_INTERVAL_MINUTES, 0)
        .put(AppConfig.SONARR_TIMEOUT_SECONDS, 5)
        .put(AppConfig.SONARR_RETRY_DELAY_MS, 10);
    if (sonarr != null) {
      settings.put(AppConfig.SONARR_URL, sonarr.url()).put(AppConfig.SONARR_API_KEY, FakeSonarr.API_KEY);
    }
    return settings;
  }

  public static TestService start(Database database, JsonObject settings) {
    return start(database, settings, Intervals.DEFAULT);
  }

  /** With other intervals than the service's own (a progress log at every step, say). */
  public static TestService start(Database database, JsonObject settings, Intervals intervals) {
    TestService service = new TestService(database, settings, intervals);
    service.boot();
    return service;
  }

  private void boot() {
    MeteredVertx metered = MeteredVertx.create();
    vertx = metered.vertx();
    application = await(Application.start(metered, AppConfig.fromJson(settings), database, intervals));
    // Redirects are answers to check (the poster's fallback), never followed off this machine.
    http = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setFollowRedirects(false));
  }

  /** Stops everything and starts again on the same database, as after a server restart. */
  public void restart() {
    shutDown();
    boot();
  }

  /**
   * Stops everything and starts again on the same database and port with changed settings, as when a
   * user changes the configuration and restarts the service: a browser's page stays on it.
   */
  public void restart(Consumer<JsonObject> change) {
    int port = application.httpPort();
    shutDown();
    settings = settings.copy();
    change.accept(settings);
    settings.put(AppConfig.PORT, port);
    boot();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Application application() {
    return application;
  }

  public Database database() {
    return database;
  }

  /** The URL the service answers on, e.g. {@code http://localhost:41234} (no trailing slash). */
  public String url() {
    return "http://localhost:" + application.httpPort();
  }

  /** A request on autoanime.sync, answered once its run has started or ended (as it asks): the run. */
  public JsonObject syncAndWait(JsonObject request) {
    return await(syncAsync(request));
  }

  /** Sends a request on autoanime.sync without waiting for its answer. */
  public Future<JsonObject> syncAsync(JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.SYNC, request, new DeliveryOptions().setSendTimeout(120_000))
        .map(m -> m.body());
  }

  /** Like {@link #syncAndWait} for a run expected to fail: waits for the answer, whatever it is. */
  public void syncAndWaitAllowingFailure(JsonObject request) {
    await(vertx.eventBus().<JsonObject>request(Addresses.SYNC, request,
        new DeliveryOptions().setSendTimeout(120_000)).map(m -> m.body()).otherwiseEmpty());
  }

  public JsonObject fullSync() {
    return syncAndWait(new JsonObject().put("mode", "full"));
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, Object body) {
    return send(HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> patch(String path, Object body) {
    return send(HttpMethod.PATCH, path, body);
  }

  /** Sends {@code body} (a JsonObject, or any text sent as JSON) and waits for the answer. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, Object body) {
    return await(sendAsync(method, path, body, java.util.Map.of()));
  }

  /** As {@link #send(HttpMethod, String, Object)} with extra headers (a Content-Type here wins). */
  public HttpResponse<Buffer> send(HttpMethod method, String path, Object body, java.util.Map<String, String> headers) {
    return await(sendAsync(method, path, body, headers));
  }

  /** Sends without waiting, for requests that race something else. */
  public Future<HttpResponse<Buffer>> sendAsync(HttpMethod method, String path, Object body,
      java.util.Map<String, String> headers) {
    var request = http.request(method, application.httpPort(), "localhost", path);
    if (body != null && !headers.containsKey("Content-Type")) {
      request.putHeader("Content-Type", "application/json");
    }
    headers.forEach(request::putHeader);
    return body == null ? request.send()
        : request.sendBuffer(Buffer.buffer(body instanceof JsonObject json ? json.encode() : body.toString()));
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within 120 s", e);
    }
  }

  private void shutDown() {
    if (application != null) {
      await(application.stop());
      application = null;
    }
    await(vertx.close());
  }

  @Override
  public void close() {
    shutDown();
  }
}
