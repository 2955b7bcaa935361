package io.autoanime.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.DatabaseUrl;
import io.autoanime.db.Database;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.LogCapture;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No answer and no log line carries the Sonarr API key or the database password, on any path. */
class SecretsStayHiddenTest {
  private static final String DB_PASSWORD = "db-password-that-must-not-leak";

  @Test
  void no_answer_or_log_line_carries_the_sonarr_key_or_the_database_password() {
    LogCapture logs = new LogCapture();
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    List<String> seen = new ArrayList<>();
    JsonObject settings = TestService.settingsFor(sonarr);
    seen.add(AppConfig.fromJson(settings).toString());
    try (TestService service = TestService.start(databaseWithPassword(), settings)) {
      seen.add(service.fullSync().encode());
      long series = Sql.count(service.database(), "SELECT id FROM series WHERE sonarr_id = " + TestLibrary.FRIEREN);
      long episode = Sql.count(service.database(), "SELECT min(id) FROM series_episodes");

      sonarr.failNext("/api/v3/system/status", 401);
      sonarr.failNext("/api/v3/command", 401);
      sonarr.failNext("/api/v3/series", 4, request -> request.response().setStatusCode(401).end());
      List<HttpResponse<Buffer>> answers = new ArrayList<>(List.of(
          service.get("/api/health"),
          service.get("/api/sonarr/status"),
          service.post("/api/series/" + series + "/refresh", null),
          service.post("/api/sonarr/sync", null),
          service.get("/api/series"),
          service.get("/api/series/" + series + "?includeRemoved=true"),
          service.get("/api/series/" + series + "/episodes"),
          service.patch("/api/series/" + series + "/auto-download", "{\"enabled\":true}"),
          service.patch("/api/series/" + series + "/auto-download", "{\"enabled\":\"" + FakeSonarr.API_KEY + "\"}"),
          service.patch("/api/episodes/" + episode + "/download-status", "{\"status\":\"" + DB_PASSWORD + "\"}"),
          service.send(HttpMethod.DELETE, "/api/series/" + series, null),
          service.get("/api/openapi.json")));
      waitForRunsToEnd(service);
      answers.add(service.get("/api/sonarr/sync/runs?limit=50"));
      answers.add(service.get("/api/sonarr/sync/status"));
      sonarr.stop();
      answers.add(service.get("/api/sonarr/status"));
      answers.add(service.post("/api/series/" + series + "/refresh", null));
      try {
        seen.add(service.syncAndWait(new JsonObject().put("mode", "full")).encode());
      } catch (RuntimeException expected) {
        seen.add(expected.getMessage());
      }
      seen.add(TestService.await(service.vertx().eventBus().request(Addresses.EPISODE_DOWNLOAD_STATUS,
          new JsonObject().put("episodeId", episode).put("status", "failed"))).body().toString());
      answers.forEach(answer -> seen.add(answer.statusCode() + " " + answer.bodyAsString()));
    } finally {
      logs.close();
      TestService.await(sonarrVertx.close());
    }
    for (ILoggingEvent event : logs.events()) {
      seen.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }

    // The key and the password were sent in bad input above; answers name the field, not the value.
    assertThat(seen).isNotEmpty().noneMatch(text -> text.contains(FakeSonarr.API_KEY)).noneMatch(text -> text.contains(DB_PASSWORD));
    assertThat(seen).anyMatch(text -> text.contains("refused the API key"));
  }

  private static void waitForRunsToEnd(TestService service) {
    Eventually.await("no sync running", () ->
        Sql.count(service.database(), "SELECT count(*) FROM sync_runs WHERE status = 'running'") == 0);
  }

  /** A fresh test database reached as a role with a password. */
  private static Database databaseWithPassword() {
    DatabaseUrl admin = TestDatabases.fresh().url();
    String role = "secret_" + admin.database();
    Sql.update(Database.external(admin), "CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + DB_PASSWORD + "'");
    return Database.external(new DatabaseUrl(admin.host(), admin.port(), admin.database(), role, DB_PASSWORD));
  }
}
