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

/** Authentication, and the router's own refusals: sizes, content types, methods. */
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
  void bodies_over_64_kib_answer_413_and_change_nothing() {
    library = SyncedLibrary.start();
    long series = library.seriesId(TestLibrary.FRIEREN);
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 1);
    String padded = "{\"enabled\":true,\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
    String paddedStatus = "{\"status\":\"downloaded\",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";

    for (String[] request : new String[][] {
        {"/api/series/" + series + "/auto-download", padded},
        {"/api/series/" + series + "/seasons/1/auto-download", padded},
        {"/api/episodes/" + episode + "/auto-download", padded},
        {"/api/episodes/" + episode + "/download-status", paddedStatus}}) {
      HttpResponse<Buffer> response = library.service.patch(request[0], request[1]);
      assertThat(response.statusCode()).as(request[0]).isEqualTo(413);
      assertThat(object(response).getString("error")).contains("64 KiB");
    }
    assertThat(Sql.count(library.service.database(),
        "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled OR auto_download_status <> 'disabled'")).isZero();
  }

  @Test
  void bodies_that_are_not_json_answer_415_and_change_nothing() {
    library = SyncedLibrary.start();
    long series = library.seriesId(TestLibrary.FRIEREN);

    Map<String, String> bodies = Map.of(
        "text/plain", "{\"enabled\":true}",
        "application/xml", "<enabled>true</enabled>",
        "application/jsonx", "{\"enabled\":true}",
        "application/x-www-form-urlencoded", "enabled=true",
        "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"enabled\"\r\n\r\ntrue\r\n--x--\r\n");
    for (String contentType : bodies.keySet()) {
      HttpResponse<Buffer> response = library.service.send(HttpMethod.PATCH, "/api/series/" + series + "/auto-download",
          bodies.get(contentType), Map.of("Content-Type", contentType));
      assertThat(response.statusCode()).as(contentType).isEqualTo(415);
      assertThat(object(response).getString("error")).contains("JSON");
    }
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled"))
        .isZero();
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

  @Test
  void urls_that_cannot_be_decoded_and_bodies_nested_too_deep_answer_400() {
    library = SyncedLibrary.start();
    long series = library.seriesId(TestLibrary.FRIEREN);

    for (String path : List.of("/api/series/%zz", "/api/series/" + series + "/episodes?seasonNumber=%zz",
        "/api/series/%EF%BC%91", "/api/series/+" + series)) {
      HttpResponse<Buffer> response = library.service.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(object(response).getString("error")).as(path).isNotBlank();
    }
    HttpResponse<Buffer> deep = library.service.patch("/api/series/" + series + "/auto-download",
        "[".repeat(5000) + "]".repeat(5000));
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series_episodes WHERE is_auto_download_enabled"))
        .isZero();
  }

  @Test
  void unsupported_methods_answer_405() {
    library = SyncedLibrary.start();
    long series = library.seriesId(TestLibrary.FRIEREN);
    long episode = library.episodeId(TestLibrary.FRIEREN, 1, 1);

    for (Object[] request : new Object[][] {
        {HttpMethod.DELETE, "/api/series/" + series},
        {HttpMethod.PUT, "/api/series/" + series + "/auto-download"},
        {HttpMethod.GET, "/api/series/" + series + "/auto-download"},
        {HttpMethod.POST, "/api/episodes/" + episode + "/download-status"},
        {HttpMethod.GET, "/api/series/" + series + "/sync"},
        {HttpMethod.DELETE, "/api/series"},
        {HttpMethod.POST, "/api/series/" + series + "/episodes"}}) {
      HttpResponse<Buffer> response = library.service.send((HttpMethod) request[0], (String) request[1], null);
      assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(405);
      assertThat(object(response).getString("error")).contains(request[0].toString());
    }
    assertThat(Sql.count(library.service.database(), "SELECT count(*) FROM series")).isEqualTo(TestLibrary.STANDARD_SERIES);
  }

  @Test
  void unknown_routes_answer_404_in_the_error_shape() {
    library = SyncedLibrary.start();

    HttpResponse<Buffer> response = library.service.get("/api/seasons");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(object(response).getString("error")).contains("/api/seasons");
  }
}
