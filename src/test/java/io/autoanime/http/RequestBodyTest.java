package io.autoanime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.ServiceTest;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A POST that carries no body at all (not even an empty one) is read as an empty JSON object. */
class RequestBodyTest extends ServiceTest {

  @Test
  void a_sync_request_without_a_body_starts_a_full_sync() {
    var response = service.send(HttpMethod.POST, "/api/sonarr/sync", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.bodyAsJsonObject().getString("mode")).isEqualTo("full");
  }

  @Test
  void a_webhook_without_a_body_is_a_bad_request_not_a_server_error() {
    var response = service.send(HttpMethod.POST, "/api/sonarr/webhook", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("eventType");
  }
}
