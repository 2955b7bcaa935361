package io.autoanime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.Fixtures;
import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibrary;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** src/main/resources/openapi.json stays true to the router and to what the routes answer. */
class OpenApiDocumentTest {
  private static final Set<String> OPERATION_KEYS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @Test
  void the_document_describes_every_route_of_the_router_and_only_routes_that_exist() {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = TestDatabases.fresh().createPool(vertx, 1);
      HttpVerticle http = new HttpVerticle(AppConfig.fromJson(TestService.settingsFor(null).put(AppConfig.AUTOANIME_API_KEY, "k")), pool,
          new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
      TestService.await(vertx.deployVerticle(http));

      Set<String> routed = new TreeSet<>();
      for (Route route : http.router().getRoutes()) {
        String path = route.getPath();
        if (path == null || !route.isExactPath() || route.methods().isEmpty()) {
          continue; // the handlers every /api request passes through (key check, body limit)
        }
        if (path.startsWith("/api/") || path.equals("/metrics")) {
          for (HttpMethod method : route.methods()) {
            routed.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}"));
          }
        }
      }
      Set<String> documented = documentedOperations();

      assertThat(routed).isNotEmpty();
      assertThat(documented).as("every route of the router is in openapi.json").containsAll(routed);
      Set<String> notRouted = new TreeSet<>(documented);
      notRouted.removeAll(routed);
      assertThat(notRouted).as("documented operations missing from the router").isEmpty();
    } finally {
      TestService.await(vertx.close());
    }
  }

  @Test
  void the_document_is_a_valid_openapi_contract_and_is_served_as_it_is() {
    try (SyncedLibrary library = SyncedLibrary.start()) {
      HttpResponse<Buffer> served = library.service.get("/api/openapi.json");

      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.getHeader("Content-Type")).startsWith("application/json");
      assertThat(new JsonObject(served.bodyAsString())).isEqualTo(document());
      OpenAPIContract contract = TestService.await(OpenAPIContract.from(library.service.vertx(), document()));
      assertThat(contract.operations()).hasSize(documentedOperations().size());
    }
  }

  @Test
  void what_the_library_routes_answer_matches_the_documents_schemas() {
    try (SyncedLibrary library = SyncedLibrary.start()) {
      Vertx vertx = library.service.vertx();
      ResponseValidator validator = ResponseValidator.create(vertx, TestService.await(OpenAPIContract.from(vertx, document())));
      long series = library.seriesId(TestLibrary.FRIEREN);
      long episode = library.episodeId(TestLibrary.FRIEREN, 1, 1);
      long unknown = Sql.count(library.service.database(), "SELECT max(id) + 1000 FROM series");
      library.sonarr.remove(TestLibrary.AERIAL_AFRICA);
      library.service.fullSync();

      List<Object[]> calls = List.of(
          new Object[] {"listSeries", library.service.get("/api/series?includeRemoved=true")},
          new Object[] {"listSeries", library.service.get("/api/series?includeRemoved=nope")},
          new Object[] {"listSeries", library.service.get("/api/series?includeAlternateTitles=true")},
          new Object[] {"getSeries", library.service.get("/api/series/" + series + "?includeRemoved=true")},
          new Object[] {"getSeries", library.service.get("/api/series/" + unknown)},
          new Object[] {"listEpisodes", library.service.get("/api/series/" + series + "/episodes")},
          new Object[] {"setSeriesAutoDownload", library.service.patch("/api/series/" + series + "/auto-download", "{\"enabled\":true}")},
          new Object[] {"setSeriesAutoDownload", library.service.patch("/api/series/" + series + "/auto-download", "{\"on\":true}")},
          new Object[] {"setSeasonAutoDownload", library.service.patch("/api/series/" + series + "/seasons/0/auto-download", "{\"enabled\":true}")},
          new Object[] {"setEpisodeAutoDownload", library.service.patch("/api/episodes/" + episode + "/auto-download", "{\"enabled\":false}")},
          new Object[] {"setDownloadStatus", library.service.patch("/api/episodes/" + episode + "/download-status", "{\"status\":\"downloaded\"}")},
          new Object[] {"syncSeries", library.service.post("/api/series/" + series + "/sync", null)},
          new Object[] {"refreshSeries", library.service.post("/api/series/" + unknown + "/refresh", null)},
          new Object[] {"setDownloadStatus", library.service.patch("/api/episodes/" + episode + "/download-status", "x".repeat(70_000))},
          new Object[] {"health", library.service.get("/api/health")},
          new Object[] {"latestRun", library.service.get("/api/sonarr/sync/status")},
          new Object[] {"recentRuns", library.service.get("/api/sonarr/sync/runs")},
          new Object[] {"recentRuns", library.service.get("/api/sonarr/sync/runs?status=succeeded&limit=1")},
          new Object[] {"recentRuns", library.service.get("/api/sonarr/sync/runs?status=done")});

      for (Object[] call : calls) {
        @SuppressWarnings("unchecked")
        HttpResponse<Buffer> response = (HttpResponse<Buffer>) call[1];
        ValidatableResponse answer = ValidatableResponse.create(response.statusCode(), response.body(), "application/json");
        try {
          TestService.await(validator.validate(answer, (String) call[0]));
        } catch (RuntimeException e) {
          String body = response.bodyAsString();
          throw new AssertionError(call[0] + " answered " + response.statusCode() + " "
              + body.substring(0, Math.min(body.length(), 300)) + ", which the document does not allow: " + e.getMessage(), e);
        }
      }
      library.awaitIdle();
    }
  }

  private static Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    JsonObject paths = document().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String key : paths.getJsonObject(path).fieldNames()) {
        if (OPERATION_KEYS.contains(key)) {
          operations.add(key.toUpperCase() + " " + path);
        }
      }
    }
    return operations;
  }

  static JsonObject document() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + OpenApiRoutes.RESOURCE)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
