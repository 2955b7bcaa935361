package io.autoanime.http;

import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibrary;
import io.autoanime.support.TestLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Authentication, and the content types the API takes (the router's other refusals: {@link ApiRefusalsTest}). */
class ApiSafetyTest {
  private static final String API_KEY = "autoanime-test-key-42";

  private SyncedLibrary library;

  @AfterEach
  void stop() {
    if (library != null) {
      library.close();
    }
  }

  /** Every library route, with a body that it accepts. */
  private List<Object[]> libraryRoutes() {
    long series = library.seriesId(TestLibrary.FRIEREN);
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 1);
    return List.of(
        new Object[] {HttpMethod.GET, "/api/series", null},
        new Object[] {HttpMethod.GET, "/api/series/" + series, null},
        new Object[] {HttpMethod.GET, "/api/series/" + series + "/episodes", null},
        new Object[] {HttpMethod.POST, "/api/series/" + series + "/sync", null},
        new Object[] {HttpMethod.POST, "/api/series/" + series + "/refresh", null},
        new Object[] {HttpMethod.PATCH, "/api/series/" + series + "/auto-download", "{\"enabled\":true}"},
        new Object[] {HttpMethod.PATCH, "/api/series/" + series + "/seasons/1/auto-download", "{\"enabled\":true}"},
        new Object[] {HttpMethod.PATCH, "/api/episodes/" + episode + "/auto-download", "{\"enabled\":true}"},
        new Object[] {HttpMethod.PATCH, "/api/episodes/" + episode + "/download-status", "{\"status\":\"pending\"}"},
        new Object[] {HttpMethod.GET, "/api/openapi.json", null});
  }

  @Test
  void with_an_api_key_set_every_library_route_needs_it_in_the_header_or_the_query() {
    library = SyncedLibrary.start(settings -> settings.put(AppConfig.AUTOANIME_API_KEY, API_KEY));

    for (Object[] route : libraryRoutes()) {
      HttpMethod method = (HttpMethod) route[0];
      String path = (String) route[1];
      HttpResponse<Buffer> without = library.service.send(method, path, route[2]);
      assertThat(without.statusCode()).as(method + " " + path).isEqualTo(401);
      assertThat(object(without).getString("error")).contains("X-Api-Key");
      HttpResponse<Buffer> wrong = library.service.send(method, path, route[2], Map.of("X-Api-Key", API_KEY + "x"));
      assertThat(wrong.statusCode()).as(method + " " + path).isEqualTo(401);

      HttpResponse<Buffer> header = library.service.send(method, path, route[2], Map.of("X-Api-Key", API_KEY));
      assertThat(header.statusCode()).as(method + " " + path + ": " + header.bodyAsString()).isBetween(200, 202);
      library.awaitIdle();
      String separator = path.contains("?") ? "&" : "?";
      HttpResponse<Buffer> query = library.service.send(method, path + separator + "apikey=" + API_KEY, route[2]);
      assertThat(query.statusCode()).as(method + " " + path + ": " + query.bodyAsString()).isBetween(200, 202);
      library.awaitIdle();
    }
    assertThat(library.service.get("/api/health").statusCode()).isEqualTo(200);
  }

  @Test
  void a_request_without_the_key_changes_nothing() {
    library = SyncedLibrary.start(settings -> settings.put(AppConfig.AUTOANIME_API_KEY, API_KEY));
    long series = library.seriesId(TestLibrary.FRIEREN);

    assertThat(library.service.patch("/api/series/" + series + "/auto-download", "{\"enabled\":true}").statusCode())
        .isEqualTo(401);

    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled"))
        .isZero();
  }

  @Test
  void without_an_api_key_set_the_library_routes_are_open() {
    library = SyncedLibrary.start();

    for (Object[] route : libraryRoutes()) {
      HttpResponse<Buffer> response = library.service.send((HttpMethod) route[0], (String) route[1], route[2]);
      assertThat(response.statusCode()).as(route[0] + " " + route[1] + ": " + response.bodyAsString()).isBetween(200, 202);
      library.awaitIdle();
    }
  }

  @Test
  void a_json_content_type_with_a_charset_is_fine() {
    library = SyncedLibrary.start();
    long series = library.seriesId(TestLibrary.FRIEREN);

    HttpResponse<Buffer> response = library.service.send(HttpMethod.PATCH, "/api/series/" + series + "/auto-download",
        "{\"enabled\":true}", Map.of("Content-Type", "application/json; charset=utf-8"));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void a_merge_patch_json_content_type_is_json_too() {
    library = SyncedLibrary.start();
    long series = library.seriesId(TestLibrary.FRIEREN);

    HttpResponse<Buffer> response = library.service.send(HttpMethod.PATCH, "/api/series/" + series + "/auto-download",
        "{\"enabled\":true}", Map.of("Content-Type", "application/merge-patch+json"));

    assertThat(response.statusCode()).isEqualTo(200);
  }

}
