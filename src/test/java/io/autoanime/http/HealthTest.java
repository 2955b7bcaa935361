package io.autoanime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.config.DatabaseUrl;
import io.autoanime.db.Database;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** GET /api/health: what a container orchestrator and an operator see. */
class HealthTest {

  @Test
  void everything_up() {
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = new FakeSonarr(sonarrVertx).start();
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(sonarr)
        .put(AppConfig.AUTOANIME_API_KEY, "health-needs-no-key"))) {
      HttpResponse<Buffer> response = service.get("/api/health");

      assertThat(response.statusCode()).as("no key needed").isEqualTo(200);
      assertThat(response.bodyAsJsonObject())
          .isEqualTo(new JsonObject().put("status", "UP").put("database", "UP").put("sonarr", "UP").put("qbittorrent", "UNCONFIGURED"));
      HttpResponse<Buffer> withSlash = service.get("/api/health/");
      assertThat(withSlash.statusCode()).as("no key needed at /api/health/ either").isEqualTo(200);
      assertThat(withSlash.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      assertThat(service.get("/api/series/").statusCode()).as("other routes still need it").isEqualTo(401);
    } finally {
      sonarr.stop();
      sonarrVertx.close();
    }
  }

  @Test
  void sonarr_down_is_reported_but_the_service_stays_up() {
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = new FakeSonarr(sonarrVertx).start();
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(sonarr))) {
      sonarr.stop();

      HttpResponse<Buffer> response = service.get("/api/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject())
          .isEqualTo(new JsonObject().put("status", "UP").put("database", "UP").put("sonarr", "DOWN").put("qbittorrent", "UNCONFIGURED"));
    } finally {
      sonarrVertx.close();
    }
  }

  @Test
  void sonarr_refusing_the_key_is_down() {
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = new FakeSonarr(sonarrVertx).start();
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(sonarr)
        .put(AppConfig.SONARR_API_KEY, "not-the-key"))) {
      HttpResponse<Buffer> response = service.get("/api/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("sonarr")).isEqualTo("DOWN");
    } finally {
      sonarr.stop();
      sonarrVertx.close();
    }
  }

  @Test
  void sonarr_unconfigured() {
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(null))) {
      HttpResponse<Buffer> response = service.get("/api/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject())
          .isEqualTo(new JsonObject().put("status", "UP").put("database", "UP").put("sonarr", "UNCONFIGURED").put("qbittorrent", "UNCONFIGURED"));
    }
  }

  @Test
  void database_down_answers_503() throws Exception {
    // A PostgreSQL server of this test's own, so stopping it harms no other test.
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(Files.createTempDirectory("autoanime-health-pg"))
        .setCleanDataDirectory(true)
        .start();
    Database database = Database.external(new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", ""));
    try (TestService service = TestService.start(database, TestService.settingsFor(null))) {
      assertThat(service.get("/api/health").statusCode()).as("before it stops").isEqualTo(200);

      postgres.close();
      HttpResponse<Buffer> response = service.get("/api/health");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject())
          .isEqualTo(new JsonObject().put("status", "DOWN").put("database", "DOWN").put("sonarr", "UNCONFIGURED").put("qbittorrent", "UNCONFIGURED"));
    } finally {
      postgres.close();
    }
  }
}
