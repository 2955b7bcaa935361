package io.autoanime.metrics;

import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * Keeps requests that arrive as the HTTP server starts listening from hanging. Vert.x 5.0.7 gives a
 * server its metrics only once its port is bound, so a connection accepted in between has no
 * connection metric; vertx-micrometer then throws (a NullPointerException) on each of its requests,
 * which are never answered. A health check polled during start-up hung that way about one start in
 * four (docs/cold-start.md). Such requests are served unmeasured instead; the rest is Micrometer's.
 */
final class ListenRaceGuard implements VertxMetricsFactory {
  private final VertxMetricsFactory factory;

  ListenRaceGuard(VertxMetricsFactory factory) {
    this.factory = factory;
  }

  @Override
  public MetricsOptions newOptions() {
    return factory.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return factory.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return factory.newOptions(json);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics metrics = factory.metrics(options);
    return new VertxMetrics() {
      @Override
      public io.vertx.core.spi.metrics.EventBusMetrics createEventBusMetrics() {
        return metrics.createEventBusMetrics();
      }

      @Override
      public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions serverOptions, SocketAddress address) {
        HttpServerMetrics<?, ?, ?> server = metrics.createHttpServerMetrics(serverOptions, address);
        return server == null ? null : new Guarded(server);
      }

      @Override
      public io.vertx.core.spi.metrics.ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type,
          String namespace) {
        return metrics.createClientMetrics(remote, type, namespace);
      }

      @Override
      public io.vertx.core.spi.metrics.HttpClientMetrics<?, ?, ?> createHttpClientMetrics(
          io.vertx.core.http.HttpClientOptions clientOptions) {
        return metrics.createHttpClientMetrics(clientOptions);
      }

      @Override
      public io.vertx.core.spi.metrics.TCPMetrics<?> createNetServerMetrics(io.vertx.core.net.NetServerOptions serverOptions,
          SocketAddress address) {
        return metrics.createNetServerMetrics(serverOptions, address);
      }

      @Override
      public io.vertx.core.spi.metrics.TCPMetrics<?> createNetClientMetrics(io.vertx.core.net.NetClientOptions clientOptions) {
        return metrics.createNetClientMetrics(clientOptions);
      }

      @Override
      public io.vertx.core.spi.metrics.DatagramSocketMetrics createDatagramSocketMetrics(
          io.vertx.core.datagram.DatagramSocketOptions socketOptions) {
        return metrics.createDatagramSocketMetrics(socketOptions);
      }

      @Override
      public io.vertx.core.spi.metrics.PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
        return metrics.createPoolMetrics(type, name, maxSize);
      }

      @Override
      public void vertxCreated(io.vertx.core.Vertx vertx) {
        metrics.vertxCreated(vertx);
      }

      @Override
      public boolean isMetricsEnabled() {
        return metrics.isMetricsEnabled();
      }

      @Override
      public void close() {
        metrics.close();
      }
    };
  }

  /** An HTTP server's metrics that leave out a connection without a metric, and its requests. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final class Guarded implements HttpServerMetrics<Object, Object, Object> {
    private final HttpServerMetrics<Object, Object, Object> server;

    Guarded(HttpServerMetrics<?, ?, ?> server) {
      this.server = (HttpServerMetrics) server;
    }

    @Override
    public Object connected(SocketAddress remoteAddress, String remoteName) {
      return server.connected(remoteAddress, remoteName);
    }

    @Override
    public void disconnected(Object socket, SocketAddress remoteAddress) {
      if (socket != null) {
        server.disconnected(socket, remoteAddress);
      }
    }

    @Override
    public void bytesRead(Object socket, SocketAddress remoteAddress, long bytes) {
      if (socket != null) {
        server.bytesRead(socket, remoteAddress, bytes);
      }
    }

    @Override
    public void bytesWritten(Object socket, SocketAddress remoteAddress, long bytes) {
      if (socket != null) {
        server.bytesWritten(socket, remoteAddress, bytes);
      }
    }

    @Override
    public void exceptionOccurred(Object socket, SocketAddress remoteAddress, Throwable failure) {
      if (socket != null) {
        server.exceptionOccurred(socket, remoteAddress, failure);
      }
    }

    @Override
    public Object requestBegin(Object socket, HttpRequest request) {
      return socket == null ? null : server.requestBegin(socket, request);
    }

    @Override
    public void requestEnd(Object request, HttpRequest httpRequest, long bytesRead) {
      if (request != null) {
        server.requestEnd(request, httpRequest, bytesRead);
      }
    }

    @Override
    public void requestReset(Object request) {
      if (request != null) {
        server.requestReset(request);
      }
    }

    @Override
    public void responseBegin(Object request, HttpResponse response) {
      if (request != null) {
        server.responseBegin(request, response);
      }
    }

    @Override
    public Object responsePushed(Object socket, HttpMethod method, String uri, HttpResponse response) {
      return socket == null ? null : server.responsePushed(socket, method, uri, response);
    }

    @Override
    public void responseEnd(Object request, HttpResponse response, long bytesWritten) {
      if (request != null) {
        server.responseEnd(request, response, bytesWritten);
      }
    }

    @Override
    public Object connected(Object socket, Object request, ServerWebSocket webSocket) {
      return socket == null || request == null ? null : server.connected(socket, request, webSocket);
    }

    @Override
    public void disconnected(Object webSocket) {
      if (webSocket != null) {
        server.disconnected(webSocket);
      }
    }

    @Override
    public void requestRouted(Object request, String route) {
      if (request != null) {
        server.requestRouted(request, route);
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
