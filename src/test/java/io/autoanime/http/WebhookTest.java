package io.autoanime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Eventually;
import io.autoanime.support.Fixtures;
import io.autoanime.support.LogCapture;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sonarr's Connect > Webhook notifications, fed with payloads captured from real Sonarr installations. */
class WebhookTest extends ServiceTest {
  private static final String API_KEY = "autoanime-webhook-test-key-77";
  private static final String WEBHOOK = "/api/sonarr/webhook?apikey=" + API_KEY;
  /** Short: most tests only wait for the sync a notification asks for. */
  private static final int WINDOW_MS = 50;
  /** Long enough that ten notifications sent at once surely land in one window, short enough for a quick test. */
  private static final int LONG_WINDOW_MS = 1500;

  private static final long NCIS = 7;
  private static final long GREYS_ANATOMY = 45;
  private static final long BREAKING_BAD = 90;


  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "zulip/webhook-grab-ncis-v3.json, Grab, 7",
      "zulip/webhook-download-greys-anatomy-v3.json, Download, 45",
      "zulip/webhook-download-upgrade-ncis-v3.json, Download, 7",
      "zulip/webhook-rename-lword-v3.json, Rename, 85",
      "zulip/webhook-seriesdelete-breaking-bad-v3.json, SeriesDelete, 90",
      "zulip/webhook-episodefiledelete-breaking-bad-v3-lazyloaded.json, EpisodeFileDelete, 92",
  })
  void each_notification_that_names_a_series_syncs_that_series(String fixture, String eventType, long seriesId) {
    HttpResponse<Buffer> response = postFixture(fixture);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject answer = response.bodyAsJsonObject();
    assertThat(answer.getString("eventType")).isEqualTo(eventType);
    assertThat(answer.getLong("sonarrSeriesId")).isEqualTo(seriesId);
    assertThat(answer.getString("action")).isEqualTo("queued");
    awaitWebhookRun(seriesId);
    assertThat(sonarr.requestCount("/api/v3/series/" + seriesId)).isEqualTo(1);
    JsonObject run = service.get("/api/sonarr/sync/status?apikey=" + API_KEY).bodyAsJsonObject();
    assertThat(run.getString("trigger")).isEqualTo("webhook");
    assertThat(run.getString("mode")).isEqualTo("series");
    assertThat(run.getLong("sonarrSeriesId")).isEqualTo(seriesId);
  }

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put(AppConfig.AUTOANIME_API_KEY, API_KEY).put(AppConfig.WEBHOOK_COALESCE_MS, WINDOW_MS);
  }

  @BeforeEach
  void addTheShowsTheWebhookPayloadsName() {
    sonarr.put(Fixtures.seriesLike(Fixtures.frieren(), NCIS, 72108, "NCIS", 2), Fixtures.episodesFor(NCIS, 5_000_001, 2, 3));
    sonarr.put(Fixtures.seriesLike(Fixtures.frieren(), GREYS_ANATOMY, 73762, "Grey's Anatomy", 1),
        Fixtures.episodesFor(GREYS_ANATOMY, 6_000_001, 1, 4));
  }

  @Test
  void a_download_notification_brings_its_series_into_the_library() {
    postFixture("zulip/webhook-download-upgrade-ncis-v3.json");

    awaitWebhookRun(NCIS);
    var db = service.database();
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 7")).isEqualTo("NCIS");
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes e JOIN series s ON s.id = e.series_id WHERE s.sonarr_id = 7"))
        .isEqualTo(6);
    assertThat(Sql.count(db, "SELECT count(*) FROM series")).as("only the series the notification names").isEqualTo(1);
  }

  @Test
  void a_series_delete_notification_marks_the_series_removed() {
    sonarr.put(Fixtures.seriesLike(Fixtures.frieren(), BREAKING_BAD, 81189, "Breaking Bad", 1),
        Fixtures.episodesFor(BREAKING_BAD, 7_000_001, 1, 2));
    service.fullSync();
    sonarr.remove(BREAKING_BAD);

    postFixture("zulip/webhook-seriesdelete-breaking-bad-v3.json");

    awaitWebhookRun(BREAKING_BAD);
    var db = service.database();
    assertThat(Sql.value(db, "SELECT removed_from_sonarr_at IS NOT NULL FROM series WHERE sonarr_id = 90")).isEqualTo(true);
    assertThat(Sql.count(db, "SELECT count(*) FROM series WHERE removed_from_sonarr_at IS NULL"))
        .as("the other series stay").isEqualTo(TestLibrary.STANDARD_SERIES + 2);
  }

  @Test
  void ten_notifications_for_one_series_within_the_window_make_one_sync() {
    service.close();
    service = TestService.start(db, settings(TestService.settingsFor(sonarr)).put(AppConfig.WEBHOOK_COALESCE_MS, LONG_WINDOW_MS));
    String[] fixtures = {"zulip/webhook-grab-ncis-v3.json", "zulip/webhook-download-upgrade-ncis-v3.json"};
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(service.sendAsync(HttpMethod.POST, WEBHOOK, Fixtures.text(fixtures[i % 2]), Map.of()));
    }
    TestService.await(Future.all(sent));

    List<String> actions = sent.stream().map(f -> f.result().bodyAsJsonObject().getString("action")).toList();
    assertThat(sent).allSatisfy(f -> assertThat(f.result().statusCode()).isEqualTo(200));
    assertThat(actions).containsOnlyOnce("queued").filteredOn("coalesced"::equals).hasSize(9);
    awaitWebhookRun(NCIS);
    assertThat(sonarr.requestCount("/api/v3/series/7")).isEqualTo(1);
    assertThat(sonarr.requestCount("/api/v3/episode?seriesId=7")).isEqualTo(1);
    assertThat(webhookRuns(NCIS)).isEqualTo(1);

    // Once the window has closed, the next notification opens a new one.
    assertThat(postFixture("zulip/webhook-grab-ncis-v3.json").bodyAsJsonObject().getString("action")).isEqualTo("queued");
    Eventually.await("a second webhook run for series 7", () -> finishedWebhookRuns(NCIS) == 2);
    assertThat(sonarr.requestCount("/api/v3/series/7")).isEqualTo(2);
  }

  @Test
  void notifications_for_different_series_are_synced_separately() {
    postFixture("zulip/webhook-grab-ncis-v3.json");
    postFixture("zulip/webhook-download-greys-anatomy-v3.json");

    awaitWebhookRun(NCIS);
    awaitWebhookRun(GREYS_ANATOMY);
    assertThat(sonarr.requestCount("/api/v3/series/7")).isEqualTo(1);
    assertThat(sonarr.requestCount("/api/v3/series/45")).isEqualTo(1);
  }

  @Test
  void the_test_notification_is_accepted_and_never_synced() {
    // Its series id 1 is Frieren's in the fake Sonarr: a sync would show as a request for /api/v3/series/1.
    for (String fixture : List.of("zulip/webhook-test-v3.json", "autoscan/webhook-test-trimmed.json")) {
      HttpResponse<Buffer> response = postFixture(fixture);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("eventType")).isEqualTo("Test");
      assertThat(response.bodyAsJsonObject().getString("action")).isEqualTo("ignored");
    }

    syncSomethingElseAndWait();
    assertThat(sonarr.requestCount("/api/v3/series/1")).isZero();
    assertThat(Sql.count(service.database(), "SELECT count(*) FROM sync_runs WHERE sonarr_series_id = 1")).isZero();
    assertThat(Sql.count(service.database(), "SELECT count(*) FROM series WHERE sonarr_id = 1")).isZero();
  }

  @Test
  void health_notifications_and_notifications_without_a_series_id_are_accepted_and_ignored() {
    List<String> fixtures = List.of("zulip/webhook-health-error.json", "zulip/webhook-health-warning.json",
        "autoscan/webhook-download-westworld-trimmed.json", "autoscan/webhook-episode_delete-trimmed.json",
        "autoscan/webhook-rename-trimmed.json", "autoscan/webhook-series_delete-trimmed.json");
    for (String fixture : fixtures) {
      HttpResponse<Buffer> response = postFixture(fixture);
      assertThat(response.statusCode()).as(fixture).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("action")).as(fixture).isEqualTo("ignored");
      assertThat(response.bodyAsJsonObject().containsKey("sonarrSeriesId")).as(fixture).isFalse();
    }

    syncSomethingElseAndWait();
    assertThat(Sql.count(service.database(), "SELECT count(*) FROM sync_runs")).as("only the other sync").isEqualTo(1);
  }

  @Test
  void an_unknown_event_type_is_accepted_ignored_and_logged() {
    JsonObject notification = Fixtures.object("zulip/webhook-grab-ncis-v3.json").put("eventType", "SeasonPassChanged");
    HttpResponse<Buffer> response;
    try (LogCapture logs = new LogCapture()) {
      response = service.post(WEBHOOK, notification);
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("INFO").contains("SeasonPassChanged"));
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("action")).isEqualTo("ignored");
    assertThat(response.bodyAsJsonObject().getString("reason")).contains("unknown event type");
    syncSomethingElseAndWait();
    assertThat(sonarr.requestCount("/api/v3/series/7")).isZero();
  }

  @Test
  void the_webhook_needs_the_api_key_in_a_header_or_the_query() {
    String grab = Fixtures.text("zulip/webhook-grab-ncis-v3.json");
    assertThat(service.send(HttpMethod.POST, "/api/sonarr/webhook", grab, Map.of()).statusCode()).isEqualTo(401);
    assertThat(service.send(HttpMethod.POST, "/api/sonarr/webhook", grab, Map.of("X-Api-Key", "wrong")).statusCode())
        .isEqualTo(401);
    assertThat(service.send(HttpMethod.POST, "/api/sonarr/webhook?apikey=wrong", grab, Map.of()).statusCode())
        .isEqualTo(401);

    HttpResponse<Buffer> byHeader = service.send(HttpMethod.POST, "/api/sonarr/webhook",
        Fixtures.text("zulip/webhook-download-greys-anatomy-v3.json"), Map.of("X-Api-Key", API_KEY));
    assertThat(byHeader.statusCode()).isEqualTo(200);
    awaitWebhookRun(GREYS_ANATOMY);
    assertThat(sonarr.requestCount("/api/v3/series/7")).as("refused notifications sync nothing").isZero();
  }

  @Test
  void bodies_that_are_not_notifications_answer_400() {
    for (String body : List.of("this is not json", "[1, 2]", "{}", "{\"eventType\": 5}", "{\"series\": {\"id\": 7}}")) {
      HttpResponse<Buffer> response = service.post(WEBHOOK, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(body).isNotBlank();
    }
    assertThat(service.send(HttpMethod.POST, WEBHOOK, null, Map.of()).statusCode()).as("no body").isEqualTo(400);
  }

  @Test
  void the_largest_real_notification_fits_and_one_over_64_kib_is_refused() {
    JsonObject notification = Fixtures.object("zulip/webhook-episodefiledelete-breaking-bad-v3-lazyloaded.json");

    HttpResponse<Buffer> response = service.post(WEBHOOK, notification);

    assertThat(response.statusCode()).as("23 KB of Sonarr v3 internals").isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getLong("sonarrSeriesId")).isEqualTo(92);
    notification.getJsonObject("series").put("overview", "x".repeat(70 * 1024));
    HttpResponse<Buffer> tooLarge = service.post(WEBHOOK, notification);
    assertThat(tooLarge.statusCode()).as("over 64 KiB").isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("error")).contains("64 KiB");
  }

  private HttpResponse<Buffer> postFixture(String fixture) {
    return service.post(WEBHOOK, Fixtures.text(fixture));
  }

  /** Sends a notification for Grey's Anatomy and waits for its sync: anything sent before it has been handled by then. */
  private void syncSomethingElseAndWait() {
    postFixture("zulip/webhook-download-greys-anatomy-v3.json");
    awaitWebhookRun(GREYS_ANATOMY);
  }

  private void awaitWebhookRun(long seriesId) {
    Eventually.await("a finished webhook sync of series " + seriesId, () -> finishedWebhookRuns(seriesId) >= 1);
  }

  private long finishedWebhookRuns(long seriesId) {
    return Sql.count(service.database(), "SELECT count(*) FROM sync_runs WHERE trigger = 'webhook' AND status <> 'running'"
        + " AND sonarr_series_id = " + seriesId);
  }

  private long webhookRuns(long seriesId) {
    return Sql.count(service.database(),
        "SELECT count(*) FROM sync_runs WHERE trigger = 'webhook' AND sonarr_series_id = " + seriesId);
  }
}
