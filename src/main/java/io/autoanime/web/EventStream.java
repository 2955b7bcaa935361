package io.autoanime.web;

import io.autoanime.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/events}: the event-bus addresses the UI follows, as server-sent events, one way
 * only (nothing a browser sends reaches the bus). Each event is named after its source and carries
 * the bus message as it was published:
 *
 * <pre>
 * event: sync
 * data: {"type":"progress","run":{...}}
 *
 * event: downloads
 * data: {"type":"progress","download":{...}}
 * </pre>
 *
 * It sits under /api, so it needs the API key like every route there ({@code ?apikey=}, as
 * EventSource cannot send headers). A comment goes out every 20 s to keep proxies from closing an
 * idle stream; a browser that cannot keep up is disconnected (EventSource reconnects by itself).
 */
public final class EventStream {
  /** SSE event name → the bus address it relays. */
  static final Map<String, String> RELAYED = Map.of(
      "sync", Addresses.SYNC_EVENTS,
      "downloads", Addresses.DOWNLOADS_EVENTS);

  static final long KEEP_ALIVE_MS = 20_000;

  private final Vertx vertx;
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private long keepAliveTimer = -1;

  public EventStream(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Subscribes to the relayed addresses (call from the verticle that serves the stream). */
  public Future<Void> start() {
    List<Future<Void>> registered = new ArrayList<>();
    RELAYED.forEach((event, address) -> {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, message -> send(event, message.body()));
      consumers.add(consumer);
      registered.add(consumer.completion());
    });
    keepAliveTimer = vertx.setPeriodic(KEEP_ALIVE_MS, id -> broadcast(": keep-alive\n\n"));
    return Future.all(registered).mapEmpty();
  }

  public void mount(Router router) {
    router.get("/api/events").handler(this::open);
  }

  public Future<Void> stop() {
    vertx.cancelTimer(keepAliveTimer);
    List.copyOf(clients).forEach(HttpServerResponse::end);
    clients.clear();
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Accel-Buffering", "no") // nginx: pass events on as they come
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY); // gzip would hold events back
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    response.exceptionHandler(e -> clients.remove(response));
    response.write("retry: 3000\n: connected\n\n");
  }

  private void send(String event, Object body) {
    String data = body instanceof JsonObject json ? json.encode() : String.valueOf(body);
    broadcast("event: " + event + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n");
  }

  private void broadcast(String frame) {
    for (HttpServerResponse client : List.copyOf(clients)) {
      if (client.writeQueueFull()) {
        clients.remove(client);
        client.reset();
      } else {
        client.write(frame);
      }
    }
  }
}
