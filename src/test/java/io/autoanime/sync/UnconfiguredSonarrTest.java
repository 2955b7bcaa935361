package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestService;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class UnconfiguredSonarrTest {

  @Test
  void without_sonarr_settings_the_service_serves_the_api_and_sync_requests_fail_clearly() {
    var db = TestDatabases.fresh();
    try (TestService service = TestService.start(db, TestService.settingsFor(null).put("SYNC_ON_STARTUP", true))) {
      var health = service.get("/api/health").bodyAsJsonObject();
      assertThat(health.getString("sonarr")).isEqualTo("UNCONFIGURED");
      assertThat(health.getString("status")).isEqualTo("UP");
      assertThat(service.get("/api/sonarr/status").bodyAsJsonObject().getString("status")).isEqualTo("UNCONFIGURED");

      var http = service.post("/api/sonarr/sync", null);
      assertThat(http.statusCode()).isEqualTo(502);
      assertThat(http.bodyAsJsonObject().getString("error")).contains("SONARR_URL");
      ReplyException bus = catchThrowableOfType(ReplyException.class, () -> service.fullSync());
      assertThat(bus.failureCode()).isEqualTo(502);

      JsonObject latest = service.get("/api/sonarr/sync/status").bodyAsJsonObject();
      assertThat(latest.getString("status")).isEqualTo("failed");
      assertThat(latest.getString("error")).contains("not configured");
      // The start-up sync is skipped without Sonarr settings: only the two explicit requests are recorded.
      assertThat(Sql.count(db, "SELECT count(*) FROM sync_runs")).isEqualTo(2);
    }
  }
}
