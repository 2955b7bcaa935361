package io.autoanime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way Sonarr can fail ({@link SonarrFaultsTest#faults}), for the status call: the answer is a
 * 502 with the reason. Nothing is synced, so the tests share one service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SonarrStatusFaultsTest extends ServiceTest {
  private static final String STATUS = "/api/v3/system/status";

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put("SONARR_TIMEOUT_SECONDS", 1);
  }

  @AfterEach
  void forgetTheFaultsNotServed() {
    sonarr.clearFaults();
  }

  @ParameterizedTest(name = "status: {0}")
  @MethodSource("io.autoanime.reliability.SonarrFaultsTest#faults")
  void a_failing_status_call_answers_502_with_the_reason(String name, Consumer<HttpServerRequest> answer,
      String reason, boolean retried) {
    sonarr.failNext(STATUS, 10, answer);

    var response = service.get("/api/sonarr/status");

    assertThat(response.statusCode()).isEqualTo(502);
    String expected = reason.equals("expected a list") ? "has no version" : reason; // an object, but not a status
    assertThat(response.bodyAsJsonObject().getString("error")).contains(expected);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).isZero();
  }
}
