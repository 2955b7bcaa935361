package io.autoanime.http;

import static io.autoanime.support.SyncedLibrary.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Sql;
import io.autoanime.support.SyncedLibraryTest;
import io.autoanime.support.TestLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The router's own refusals: sizes, content types, URLs, methods, routes. They change nothing, so the tests share one library. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRefusalsTest extends SyncedLibraryTest {

  @Test
  void bodies_over_64_kib_answer_413_and_change_nothing() {
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
  void urls_that_cannot_be_decoded_and_bodies_nested_too_deep_answer_400() {
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

    HttpResponse<Buffer> response = library.service.get("/api/seasons");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(object(response).getString("error")).contains("/api/seasons");
  }
}
