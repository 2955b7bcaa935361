package io.autoanime.reliability;

import static io.autoanime.support.FakeSonarr.Faults.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way Sonarr can fail, for the series list and one series' episodes (the status call:
 * {@link SonarrStatusFaultsTest}): nothing stored is deleted, unmarked or changed wrongly, the run
 * says what failed and why, and healthy series in the same run are still synced.
 */
class SonarrFaultsTest extends ServiceTest {
  private static final int RETRIES = 2;
  private static final String LIST = "/api/v3/series";
  private static final String EPISODES = "/api/v3/episode?seriesId=" + TestLibrary.FRIEREN;

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put("SONARR_TIMEOUT_SECONDS", 1).put("SONARR_RETRIES", RETRIES);
  }

  /** Every fault, with the reason the run or the answer gives and whether it is tried again. */
  static Stream<Arguments> faults() {
    return Stream.of(
        fault("401 (wrong key)", status(401), "refused the API key", false),
        fault("404", status(404), "HTTP 404", false),
        fault("500", status(500), "HTTP 500", true),
        fault("503", status(503), "HTTP 503", true),
        fault("malformed JSON", body("[{\"id\": 1, \"title\": "), "malformed JSON", false),
        fault("a body cut short", cutShort("[{\"id\": 1, \"title\": \"Fri"), "closed before", true),
        fault("an empty 200 body", body(""), "empty body", false),
        fault("JSON of the wrong shape", body("{\"page\": 1, \"records\": []}"), "expected a list", false),
        fault("a hang-up", hangUp(), "closed before", true),
        fault("a timeout", silence(), "did not answer", true));
  }

  private static Arguments fault(String name, Consumer<HttpServerRequest> answer, String reason, boolean retried) {
    return Arguments.of(name, answer, reason, retried);
  }

  private void changeSonarrEverywhere() {
    sonarr.series(TestLibrary.FRIEREN).put("title", "Frieren (changed)");
    sonarr.series(TestLibrary.TESTED).put("title", "Tested (changed)");
  }

  @ParameterizedTest(name = "series list: {0}")
  @MethodSource("faults")
  void a_failing_series_list_fails_the_run_and_changes_nothing(String name, Consumer<HttpServerRequest> answer,
      String reason, boolean retried) {
    service.fullSync();
    Sql.update(db, "UPDATE series SET is_auto_download_enabled = true, auto_download_status = 'pending' WHERE sonarr_id = 1");
    var before = rowVersions();
    changeSonarrEverywhere();
    sonarr.remove(TestLibrary.AERIAL_AFRICA);
    sonarr.requests().clear();
    sonarr.failNext(LIST, 10, answer);

    ReplyException failure = catchThrowableOfType(ReplyException.class, service::fullSync);

    assertThat(failure.failureCode()).isEqualTo(502);
    assertThat(failure.getMessage()).contains(reason);
    assertThat(rowVersions()).isEqualTo(before);
    JsonObject run = service.get("/api/sonarr/sync/status").bodyAsJsonObject();
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).contains(reason);
    assertThat(sonarr.requestsFor(LIST)).isEqualTo(retried ? 1 + RETRIES : 1);
  }

  @ParameterizedTest(name = "episodes: {0}")
  @MethodSource("faults")
  void a_series_whose_episodes_fail_is_recorded_and_the_others_are_synced(String name, Consumer<HttpServerRequest> answer,
      String reason, boolean retried) {
    service.fullSync();
    var frierenBefore = Sql.rows(db, """
        SELECT e.id, e.xmin::text FROM series_episodes e JOIN series s ON s.id = e.series_id WHERE s.sonarr_id = 1
        UNION ALL SELECT id, xmin::text FROM series WHERE sonarr_id = 1 ORDER BY 1""");
    changeSonarrEverywhere();
    sonarr.episodes(TestLibrary.FRIEREN).clear();
    sonarr.requests().clear();
    sonarr.failNext(EPISODES, 10, answer);

    JsonObject run = service.fullSync();

    assertThat(run.getString("status")).isEqualTo("partial");
    assertThat(run.getJsonArray("failures")).hasSize(1);
    JsonObject failure = run.getJsonArray("failures").getJsonObject(0);
    assertThat(failure.getLong("sonarrSeriesId")).isEqualTo(TestLibrary.FRIEREN);
    assertThat(failure.getString("error")).contains(reason);
    assertThat(run.getJsonObject("counts").getInteger("seriesFailed")).isEqualTo(1);
    assertThat(Sql.rows(db, """
        SELECT e.id, e.xmin::text FROM series_episodes e JOIN series s ON s.id = e.series_id WHERE s.sonarr_id = 1
        UNION ALL SELECT id, xmin::text FROM series WHERE sonarr_id = 1 ORDER BY 1""")).isEqualTo(frierenBefore);
    assertThat(Sql.value(db, "SELECT title FROM series WHERE sonarr_id = 8")).isEqualTo("Tested (changed)");
    assertThat(Sql.count(db, "SELECT count(*) FROM series_episodes WHERE removed_from_sonarr_at IS NOT NULL")).isZero();
    assertThat(sonarr.requestsFor(EPISODES)).isEqualTo(retried ? 1 + RETRIES : 1);
  }
}
