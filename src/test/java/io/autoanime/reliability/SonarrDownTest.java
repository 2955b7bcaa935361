package io.autoanime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SonarrDownTest extends ServiceTest {

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put("SONARR_RETRIES", 1);
  }

  @Test
  void with_sonarr_refusing_connections_a_sync_fails_clearly_and_changes_nothing() {
    service.fullSync();
    var before = rowVersions();
    sonarr.stop();

    ReplyException failure = catchThrowableOfType(ReplyException.class, service::fullSync);
    var status = service.get("/api/sonarr/status");
    var health = service.get("/api/health").bodyAsJsonObject();

    assertThat(failure.failureCode()).isEqualTo(502);
    assertThat(failure.getMessage()).contains("could not be reached");
    assertThat(rowVersions()).isEqualTo(before);
    assertThat(status.statusCode()).isEqualTo(502);
    assertThat(status.bodyAsJsonObject().getString("error")).contains("could not be reached");
    assertThat(health.getString("sonarr")).isEqualTo("DOWN");
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(Sql.value(db, "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1")).isEqualTo("failed");
    sonarr.start();
  }
}
