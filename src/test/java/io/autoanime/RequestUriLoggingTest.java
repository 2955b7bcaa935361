package io.autoanime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.autoanime.support.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** LOG_LEVEL=TRACE must not print the API key of a request that gives it as ?apikey=. */
class RequestUriLoggingTest {
  private final Vertx vertx = Vertx.vertx();
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger routerLogger = context.getLogger(LogSetup.ROUTER_LOGGER);
  private final Level routerLevel = routerLogger.getLevel();

  @AfterEach
  void close() throws Exception {
    routerLogger.setLevel(routerLevel);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void at_trace_the_router_does_not_log_the_api_key_in_the_query() throws Exception {
    Router router = Router.router(vertx);
    router.route("/api/ping").handler(ctx -> ctx.end("pong"));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(30, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    try (LogCapture capture = new LogCapture()) {
      root.setLevel(Level.TRACE);
      routerLogger.setLevel(null);
      get(client, server, "first-key-uncapped");
      assertThat(String.join("\n", capture.lines())).as("without the cap Vert.x Web logs the URI (else this test proves nothing)")
          .contains("first-key-uncapped");

      LogSetup.keepRequestUrisOut(context, root.getLevel());
      int before = capture.size();
      get(client, server, "second-key-capped");
      assertThat(capture.eventsFrom(before)).extracting(event -> event.getFormattedMessage())
          .noneMatch(line -> line.contains("second-key-capped"));
    }
  }

  private void get(WebClient client, HttpServer server, String key) throws Exception {
    var response = client.request(HttpMethod.GET, server.actualPort(), "localhost", "/api/ping?apikey=" + key)
        .send().await(30, TimeUnit.SECONDS);
    assertThat(response.bodyAsString()).isEqualTo("pong");
  }
}
