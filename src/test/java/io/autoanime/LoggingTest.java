package io.autoanime;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.config.Intervals;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Fixtures;
import io.autoanime.support.LogCapture;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the service writes to its log: one summary per run, progress while it runs, and never a secret. */
class LoggingTest extends ServiceTest {
  private static final String API_KEY = "autoanime-secret-key-5150-do-not-log";
  private static final Pattern SUMMARY = Pattern.compile("INFO \\S*SonarrSyncVerticle - Sync run (\\d+) (succeeded|partial|failed) \\(");


  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put(AppConfig.AUTOANIME_API_KEY, API_KEY).put(AppConfig.WEBHOOK_COALESCE_MS, 50);
  }

  /** Progress is logged at every step instead of every five seconds: any run lasts long enough. */
  @Override
  protected Intervals intervals() {
    return Intervals.DEFAULT.withSyncProgressLogMs(0);
  }

  @Test
  void neither_the_sonarr_key_nor_the_api_key_is_ever_logged() {
    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      service.fullSync();
      // Refused requests: no key, a wrong key, a wrong key in the query.
      service.get("/api/sonarr/sync/status");
      service.send(HttpMethod.GET, "/api/sonarr/sync/status", null, Map.of("X-Api-Key", "wrong-" + API_KEY));
      service.get("/api/sonarr/sync/status?apikey=wrong");
      // Accepted requests carrying the key in the query, as Sonarr's webhook does, including failing ones.
      service.post("/api/sonarr/webhook?apikey=" + API_KEY, Fixtures.text("zulip/webhook-grab-ncis-v3.json"));
      service.post("/api/sonarr/webhook?apikey=" + API_KEY, "not json");
      service.get("/api/no-such-route?apikey=" + API_KEY);
      // Sonarr refusing our key, then failing outright.
      sonarr.failNext("/api/v3/series", 401);
      service.syncAndWaitAllowingFailure(new JsonObject().put("mode", "full"));
      sonarr.stop();
      service.syncAndWaitAllowingFailure(new JsonObject().put("mode", "full"));
      service.get("/api/sonarr/status?apikey=" + API_KEY);
      service.get("/api/health");
      lines = logs.lines();
    }

    assertThat(lines).as("the capture works").anySatisfy(line -> assertThat(line).contains("refused the API key"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains(FakeSonarr.API_KEY));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains(API_KEY));
    assertThat(AppConfig.fromJson(settings(TestService.settingsFor(sonarr))).toString()).doesNotContain(FakeSonarr.API_KEY).doesNotContain(API_KEY);
  }

  @Test
  void every_finished_run_logs_exactly_one_summary_line() {
    List<String> lines;
    long first;
    long second;
    try (LogCapture logs = new LogCapture()) {
      first = service.fullSync().getLong("id");
      sonarr.failNext("/api/v3/series", 4, request -> request.response().setStatusCode(503).end());
      service.syncAndWaitAllowingFailure(new JsonObject().put("mode", "full"));
      second = first + 1;
      lines = logs.lines();
    }

    List<String> summaries = lines.stream().filter(line -> SUMMARY.matcher(line).find()).toList();
    assertThat(summaries).hasSize(2);
    assertThat(runIdOf(summaries.get(0))).isEqualTo(first);
    assertThat(summaries.get(0)).contains("succeeded").contains("\"episodesInserted\":" + TestLibrary.STANDARD_EPISODES);
    assertThat(runIdOf(summaries.get(1))).isEqualTo(second);
    assertThat(summaries.get(1)).contains("failed").contains("error: ");
  }

  @Test
  void a_long_run_logs_its_progress_while_it_runs() {
    List<String> lines;
    JsonObject run;
    try (LogCapture logs = new LogCapture()) {
      run = service.fullSync();
      lines = logs.lines();
    }

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .containsPattern("INFO \\S*SonarrSyncVerticle - Sync run \\d+: \\d of 4 series done"));
  }

  private static long runIdOf(String summary) {
    Matcher m = SUMMARY.matcher(summary);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }
}
