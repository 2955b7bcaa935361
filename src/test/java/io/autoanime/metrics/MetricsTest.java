package io.autoanime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.Eventually;
import io.autoanime.support.Fixtures;
import io.autoanime.support.PrometheusText;
import io.autoanime.support.TestLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

/** GET /metrics: Prometheus text, outside /api, no key needed. */
class MetricsTest extends ServiceTest {
  private static final String API_KEY = "autoanime-metrics-test-key-31";


  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put(AppConfig.AUTOANIME_API_KEY, API_KEY).put(AppConfig.WEBHOOK_COALESCE_MS, 100);
  }

  /** Runs recorded before the current service instance started: its metrics never saw them finish. */
  private long runsBeforeStart;

  @Test
  void metrics_need_no_key_and_are_prometheus_text() {
    HttpResponse<Buffer> response = service.get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).contains("# TYPE autoanime_sync_last_success_age_seconds gauge");
    assertThat(new PrometheusText(response.bodyAsString()).samples()).isNotEmpty();
  }

  @Test
  void a_full_sync_shows_its_duration_outcome_and_rows() {
    service.fullSync();
    service.fullSync();

    PrometheusText metrics = scrape();
    assertThat(metrics.value("autoanime_sync_duration_seconds_count", "mode", "full", "trigger", "eventbus",
        "status", "succeeded")).hasValue(2);
    assertThat(metrics.value("autoanime_sync_duration_seconds_sum", "mode", "full", "trigger", "eventbus",
        "status", "succeeded").getAsDouble()).isPositive();
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "series", "change", "inserted"))
        .hasValue(TestLibrary.STANDARD_SERIES);
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "episodes", "change", "inserted"))
        .hasValue(TestLibrary.STANDARD_EPISODES);
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "series", "change", "unchanged"))
        .as("the second sync found nothing new").hasValue(TestLibrary.STANDARD_SERIES);
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "episodes", "change", "unchanged"))
        .hasValue(TestLibrary.STANDARD_EPISODES);
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "episodes", "change", "updated")).hasValue(0);
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "series", "change", "marked_removed")).hasValue(0);
    assertThat(metrics.value("autoanime_sync_series_failed_total")).hasValue(0);
  }

  @Test
  void removed_series_and_failed_runs_are_counted() {
    service.fullSync();
    int episodesOfTheRemovedSeries = sonarr.episodes(TestLibrary.AERIAL_AFRICA).size();
    sonarr.remove(TestLibrary.AERIAL_AFRICA);
    sonarr.episodes(TestLibrary.FRIEREN).remove(0);
    service.fullSync();
    sonarr.failNext("/api/v3/series", 4, request -> request.response().setStatusCode(503).end());
    service.syncAndWaitAllowingFailure(new JsonObject().put("mode", "full"));

    PrometheusText metrics = scrape();
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "series", "change", "marked_removed")).hasValue(1);
    assertThat(metrics.value("autoanime_sync_rows_total", "table", "episodes", "change", "marked_removed"))
        .as("Frieren's one, and those of the series removed with it").hasValue(1 + episodesOfTheRemovedSeries);
    assertThat(metrics.value("autoanime_sync_duration_seconds_count", "mode", "full", "status", "failed")).hasValue(1);
    assertThat(metrics.sum("autoanime_sync_duration_seconds_count", "mode", "full", "status", "succeeded")).isEqualTo(2);
  }

  @Test
  void sonarr_requests_show_latency_and_errors_by_endpoint() {
    sonarr.failNext("/api/v3/episode?seriesId=1", 500);
    service.fullSync();

    PrometheusText metrics = scrape();
    assertThat(metrics.value("autoanime_sonarr_requests_seconds_count", "endpoint", "/api/v3/series",
        "status", "200", "outcome", "success")).hasValue(1);
    assertThat(metrics.value("autoanime_sonarr_requests_seconds_count", "endpoint", "/api/v3/episode",
        "status", "200", "outcome", "success")).as("one per series, the retry included").hasValue(TestLibrary.STANDARD_SERIES);
    assertThat(metrics.value("autoanime_sonarr_requests_seconds_count", "endpoint", "/api/v3/episode",
        "status", "500", "outcome", "http_error")).hasValue(1);
    assertThat(metrics.value("autoanime_sonarr_errors_total", "endpoint", "/api/v3/episode", "reason", "http_500"))
        .hasValue(1);
    assertThat(metrics.value("autoanime_sonarr_requests_seconds_max", "endpoint", "/api/v3/series",
        "status", "200", "outcome", "success").getAsDouble()).isPositive();
  }

  @Test
  void requests_for_one_series_share_one_endpoint_label() {
    service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", TestLibrary.FRIEREN));
    service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", TestLibrary.LAST_BOSS_QUEEN));

    PrometheusText metrics = scrape();
    assertThat(metrics.value("autoanime_sonarr_requests_seconds_count", "endpoint", "/api/v3/series/{id}")).hasValue(2);
    assertThat(metrics.find("autoanime_sonarr_requests_seconds_count"))
        .allSatisfy(sample -> assertThat(sample.labels().get("endpoint")).doesNotContainPattern("/\\d"));
  }

  @Test
  void seconds_since_the_last_successful_sync_are_per_mode_and_survive_a_restart() {
    PrometheusText before = scrape();
    assertThat(before.value("autoanime_sync_last_success_age_seconds", "mode", "full").getAsDouble()).isNaN();

    service.fullSync();
    PrometheusText after = scrape();
    assertThat(after.value("autoanime_sync_last_success_age_seconds", "mode", "full").getAsDouble())
        .isGreaterThanOrEqualTo(0).isLessThan(3600);
    assertThat(after.value("autoanime_sync_last_success_age_seconds", "mode", "series").getAsDouble()).isNaN();

    service.restart();
    runsBeforeStart = Sql.count(db, "SELECT COALESCE(max(id), 0) FROM sync_runs");
    assertThat(scrape().value("autoanime_sync_last_success_age_seconds", "mode", "full").getAsDouble())
        .as("read back from the run ledger").isGreaterThanOrEqualTo(0).isLessThan(3600);
  }

  @Test
  void webhook_notifications_and_the_http_server_are_measured() {
    service.post("/api/sonarr/webhook?apikey=" + API_KEY, Fixtures.text("zulip/webhook-test-v3.json"));
    JsonObject grab = Fixtures.object("zulip/webhook-grab-ncis-v3.json");
    service.post("/api/sonarr/webhook?apikey=" + API_KEY, grab);
    Eventually.await("the webhook's sync", () -> scrape().sum("autoanime_sync_duration_seconds_count", "trigger", "webhook") == 1);

    PrometheusText metrics = scrape();
    assertThat(metrics.value("autoanime_webhook_events_total", "event_type", "Test", "action", "ignored")).hasValue(1);
    assertThat(metrics.value("autoanime_webhook_events_total", "event_type", "Grab", "action", "queued")).hasValue(1);
    assertThat(metrics.value("autoanime_sync_duration_seconds_count", "mode", "series", "trigger", "webhook",
        "status", "succeeded")).hasValue(1);
    // vertx-web labels a request with the chain of routes it went through, e.g. "/api/>/api/sonarr/webhook".
    assertThat(metrics.find("vertx_http_server_requests_total", "method", "POST", "code", "200").stream()
        .filter(sample -> sample.labels().getOrDefault("route", "").endsWith("/api/sonarr/webhook"))
        .mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(2);
  }

  /** This instance's metrics once they have heard of every run it finished (they learn of runs from events). */
  private PrometheusText scrape() {
    long finished = Sql.count(db, "SELECT count(*) FROM sync_runs WHERE status <> 'running' AND id > " + runsBeforeStart);
    Eventually.await("the metrics to hear of every finished run",
        () -> read().sum("autoanime_sync_duration_seconds_count") >= finished);
    return read();
  }

  private PrometheusText read() {
    HttpResponse<Buffer> response = service.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusText(response.bodyAsString());
  }
}
