package io.autoanime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection accepted before Vert.x gave the server its metrics has no connection metric; its
 * requests must still be answered (they are left unmeasured), and the others still measured.
 */
class ListenRaceGuardTest {
  private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(3001, "127.0.0.1");
  private static final SocketAddress REMOTE = SocketAddress.inetSocketAddress(50_000, "127.0.0.1");

  @Test
  void a_request_on_a_connection_without_a_metric_is_left_unmeasured_instead_of_failing() throws Exception {
    MeteredVertx metered = MeteredVertx.create();
    try {
      @SuppressWarnings("unchecked")
      var server = (HttpServerMetrics<Object, Object, Object>) ((VertxInternal) metered.vertx()).metrics()
          .createHttpServerMetrics(new HttpServerOptions(), LOCAL);
      assertThat(server).isInstanceOf(ListenRaceGuard.Guarded.class);

      Object request = server.requestBegin(null, GET_HEALTH);
      server.requestRouted(request, "/api/health");
      server.requestEnd(request, GET_HEALTH, 0);
      server.responseBegin(request, OK);
      server.responseEnd(request, OK, 10);
      server.bytesWritten(null, REMOTE, 10);
      server.disconnected(null, REMOTE);
      assertThat(request).isNull();

      Object socket = server.connected(REMOTE, "127.0.0.1");
      Object measured = server.requestBegin(socket, GET_HEALTH);
      server.requestRouted(measured, "/api/health");
      server.requestEnd(measured, GET_HEALTH, 0);
      server.responseBegin(measured, OK);
      server.responseEnd(measured, OK, 10);
      assertThat(measured).isNotNull();
      assertThat(metered.registry().scrape()).contains("vertx_http_server_requests_total{code=\"200\"");
    } finally {
      metered.vertx().close().await(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void vertx_micrometer_still_needs_the_guard() {
    MeteredVertx metered = MeteredVertx.create();
    try {
      @SuppressWarnings("unchecked")
      var unguarded = (HttpServerMetrics<Object, Object, Object>) new io.vertx.micrometer.MicrometerMetricsFactory(
          metered.registry()).metrics(new io.vertx.core.VertxOptions().setMetricsOptions(
              new io.vertx.micrometer.MicrometerMetricsOptions().setEnabled(true)))
          .createHttpServerMetrics(new HttpServerOptions(), LOCAL);
      // When this stops failing, the library handles such connections itself and ListenRaceGuard can go.
      assertThatThrownBy(() -> unguarded.requestBegin(null, GET_HEALTH)).isInstanceOf(NullPointerException.class);
    } finally {
      metered.vertx().close();
    }
  }

  private static final HttpRequest GET_HEALTH = new HttpRequest() {
    @Override
    public int id() {
      return 1;
    }

    @Override
    public String uri() {
      return "/api/health";
    }

    @Override
    public String absoluteURI() {
      return "http://127.0.0.1:3001/api/health";
    }

    @Override
    public HttpMethod method() {
      return HttpMethod.GET;
    }

    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }

    @Override
    public SocketAddress remoteAddress() {
      return REMOTE;
    }
  };

  private static final HttpResponse OK = new HttpResponse() {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }
  };
}
