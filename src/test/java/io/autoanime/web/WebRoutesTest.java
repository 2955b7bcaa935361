package io.autoanime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.SyncedLibrary;
import io.autoanime.support.SyncedLibrary.Json;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the UI stands on, over HTTP: its assets (cacheable, compressed, no key needed), the poster
 * route, the live event stream, and the API additions (alternate titles in the list, runs by
 * status). The service has AUTOANIME_API_KEY set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebRoutesTest {
  private static final String KEY = "ui-test-key-42";
  private SyncedLibrary library;
  private TestService service;

  @BeforeAll
  void start() {
    library = SyncedLibrary.start(settings -> settings.put(AppConfig.AUTOANIME_API_KEY, KEY));
    service = library.service;
  }

  @AfterAll
  void stop() {
    library.close();
  }

  private HttpResponse<Buffer> get(String path, Map<String, String> headers) {
    return service.send(HttpMethod.GET, path, null, headers);
  }

  private HttpResponse<Buffer> getWithKey(String path) {
    return get(path, Map.of("X-Api-Key", KEY));
  }

  @Test
  void the_page_and_its_assets_are_served_without_the_key_and_are_cacheable() {
    HttpResponse<Buffer> page = get("/", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self' 'sha256-", "object-src 'none'")
        .doesNotContain("unsafe-inline");
    String etag = page.getHeader("ETag");
    assertThat(etag).matches("\"[0-9a-f]{24}\"");
    Matcher script = Pattern.compile("src=\"(assets/([0-9a-f]{12})/app\\.js)\"").matcher(page.bodyAsString());
    assertThat(script.find()).as("the page loads its script from a versioned path").isTrue();
    assertThat(get("/", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

    HttpResponse<Buffer> app = get("/" + script.group(1), Map.of());
    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(app.getHeader("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(app.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(app.bodyAsString()).contains("render(");
    assertThat(get("/" + script.group(1), Map.of("If-None-Match", app.getHeader("ETag"))).statusCode()).isEqualTo(304);

    String version = script.group(2);
    HttpResponse<Buffer> preact = get("/assets/" + version + "/vendor/preact.module.js", Map.of());
    assertThat(preact.statusCode()).isEqualTo(200);
    assertThat(preact.getHeader("Cache-Control")).contains("immutable");
    assertThat(get("/assets/000000000000/app.js", Map.of()).statusCode()).isEqualTo(404);
    assertThat(get("/assets/" + version + "/../openapi.json", Map.of()).statusCode()).isEqualTo(404);
    assertThat(get("/assets/" + version + "/index.html", Map.of()).statusCode()).isEqualTo(404);
    // The API itself still needs the key.
    assertThat(get("/api/series", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void assets_and_api_answers_are_gzipped_for_clients_that_accept_it() throws IOException {
    HttpResponse<Buffer> plain = getWithKey("/api/series");
    HttpResponse<Buffer> zipped = get("/api/series", Map.of("X-Api-Key", KEY, "Accept-Encoding", "gzip"));
    assertThat(plain.getHeader("Content-Encoding")).isNull();
    assertThat(zipped.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(zipped.body())).isEqualTo(plain.bodyAsString());
    assertThat(zipped.body().length()).isLessThan(plain.body().length());

    HttpResponse<Buffer> css = get("/", Map.of("Accept-Encoding", "gzip"));
    assertThat(css.getHeader("Content-Encoding")).isEqualTo("gzip");
  }

  @Test
  void the_series_list_carries_alternate_titles_only_when_asked() {
    JsonObject frieren = find(Json.array(getWithKey("/api/series?includeAlternateTitles=true")), TestLibrary.FRIEREN);
    assertThat(frieren.getJsonArray("alternateTitleNames")).containsExactly("Frieren Nach dem Ende der Reise",
        "Sousou no Frieren", "Sousou no Frieren 2nd Season", "Sousou no Frieren S2");
    JsonObject africa = find(Json.array(getWithKey("/api/series?includeAlternateTitles=true")), TestLibrary.AERIAL_AFRICA);
    assertThat(africa.getJsonArray("alternateTitleNames")).isEmpty();
    assertThat(find(Json.array(getWithKey("/api/series")), TestLibrary.FRIEREN).containsKey("alternateTitleNames")).isFalse();
    assertThat(getWithKey("/api/series?includeAlternateTitles=maybe").statusCode()).isEqualTo(400);
  }

  @Test
  void runs_can_be_asked_for_by_status() {
    JsonArray succeeded = Json.array(getWithKey("/api/sonarr/sync/runs?status=succeeded&limit=1"));
    assertThat(succeeded).hasSize(1);
    assertThat(succeeded.getJsonObject(0).getString("status")).isEqualTo("succeeded");
    assertThat(Json.array(getWithKey("/api/sonarr/sync/runs?status=failed"))).isEmpty();
    HttpResponse<Buffer> bad = getWithKey("/api/sonarr/sync/runs?status=done");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("status must be one of running, succeeded, partial, failed");
  }

  @Test
  void the_poster_comes_from_sonarr_through_the_service_and_revalidates_without_asking_sonarr() {
    long frieren = library.seriesId(TestLibrary.FRIEREN);
    long before = library.sonarr.requestsFor("/api/v3/mediacover/1/poster.jpg");
    HttpResponse<Buffer> poster = get("/api/series/" + frieren + "/poster?apikey=" + KEY, Map.of("Accept-Encoding", "gzip"));

    assertThat(poster.statusCode()).isEqualTo(200);
    assertThat(poster.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(poster.getHeader("Content-Encoding")).as("images are not compressed again").isNull();
    assertThat(poster.body().getBytes()).isEqualTo(io.autoanime.support.Posters.of(TestLibrary.FRIEREN));
    assertThat(poster.headers().toString()).doesNotContain(FakeSonarr.API_KEY);
    assertThat(library.sonarr.requestsFor("/api/v3/mediacover/1/poster.jpg")).isEqualTo(before + 1);

    String etag = poster.getHeader("ETag");
    assertThat(etag).isNotBlank();
    HttpResponse<Buffer> again = get("/api/series/" + frieren + "/poster", Map.of("X-Api-Key", KEY, "If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(library.sonarr.requestsFor("/api/v3/mediacover/1/poster.jpg")).isEqualTo(before + 1);
  }

  @Test
  void when_sonarr_cannot_give_the_poster_the_answer_redirects_to_its_remote_url() {
    long frieren = library.seriesId(TestLibrary.FRIEREN);
    library.sonarr.failNext("/api/v3/mediacover/1/poster.jpg", 500);
    HttpResponse<Buffer> poster = getWithKey("/api/series/" + frieren + "/poster");

    assertThat(poster.statusCode()).isEqualTo(302);
    assertThat(poster.getHeader("Location"))
        .isEqualTo("https://artworks.thetvdb.com/banners/v4/series/424536/posters/6516fe48e7a06.jpg");
    assertThat(getWithKey("/api/series/999999/poster").statusCode()).isEqualTo(404);
    assertThat(getWithKey("/api/series/x/poster").statusCode()).isEqualTo(400);
    assertThat(get("/api/series/" + frieren + "/poster", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void the_event_stream_needs_the_key_and_relays_sync_and_download_events() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    URI events = URI.create("http://localhost:" + port() + "/api/events");
    int refused = client.send(java.net.http.HttpRequest.newBuilder(events).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    assertThat(refused).isEqualTo(401);

    // The stream is read line by line on a thread of its own: nothing it sends can be missed.
    StringBuilder received = new StringBuilder();
    java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = client.send(
        java.net.http.HttpRequest.newBuilder(URI.create(events + "?apikey=" + KEY)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofLines());
    Thread reader = new Thread(() -> stream.body().forEach(line -> {
      synchronized (received) {
        received.append(line).append('\n');
      }
    }), "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
      Eventually.await("the stream to open", () -> text(received).contains(": connected"));

      JsonObject run = Json.object(service.post("/api/sonarr/sync?apikey=" + KEY, null));
      Eventually.await("the sync's end on the stream", () -> text(received).contains("\"type\":\"finished\""));
      String seen = text(received);
      assertThat(seen).contains("event: sync\ndata: {\"type\":\"started\",\"run\":{\"id\":" + run.getLong("id"));
      assertThat(seen).contains("event: sync\ndata: {\"type\":\"finished\",\"run\":{\"id\":" + run.getLong("id"));

      service.vertx().eventBus().publish(Addresses.DOWNLOADS_EVENTS, new JsonObject().put("type", "progress")
          .put("download", new JsonObject().put("id", 77).put("status", "downloading").put("progress", 0.5)));
      Eventually.await("the download's progress on the stream", () -> text(received).contains("event: downloads\n"));
      assertThat(text(received)).contains("event: downloads\ndata: {\"type\":\"progress\",\"download\":{\"id\":77,"
          + "\"status\":\"downloading\",\"progress\":0.5}}\n\n");
    } finally {
      stream.body().close();
      library.awaitIdle();
    }
  }

  private int port() {
    return Integer.parseInt(service.url().substring(service.url().lastIndexOf(':') + 1));
  }

  private static String text(StringBuilder builder) {
    synchronized (builder) {
      return builder.toString();
    }
  }

  private static JsonObject find(JsonArray list, long sonarrId) {
    return list.stream().map(JsonObject.class::cast).filter(s -> s.getLong("sonarrId") == sonarrId).findFirst().orElseThrow();
  }

  private static String gunzip(Buffer body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
