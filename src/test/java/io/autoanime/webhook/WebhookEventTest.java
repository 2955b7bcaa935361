package io.autoanime.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.bus.BadRequestException;
import io.autoanime.support.Fixtures;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookEventTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "zulip/webhook-grab-ncis-v3.json, GRAB, 7",
      "zulip/webhook-download-greys-anatomy-v3.json, DOWNLOAD, 45",
      "zulip/webhook-download-upgrade-ncis-v3.json, DOWNLOAD, 7",
      "zulip/webhook-rename-lword-v3.json, RENAME, 85",
      "zulip/webhook-seriesdelete-breaking-bad-v3.json, SERIES_DELETE, 90",
      "zulip/webhook-episodefiledelete-breaking-bad-v3-lazyloaded.json, EPISODE_FILE_DELETE, 92",
  })
  void real_notifications_that_name_a_series_are_synced(String fixture, WebhookEventType type, long seriesId) {
    WebhookEvent event = WebhookEvent.parse(Fixtures.object(fixture));

    assertThat(event.type()).contains(type);
    assertThat(event.sonarrSeriesId()).isEqualTo(seriesId);
    assertThat(event.ignoredBecause()).isNull();
  }

  @Test
  void the_series_is_found_inside_sonarr_v3_lazy_loading_wrappers() {
    JsonObject real = Fixtures.object("zulip/webhook-episodefiledelete-breaking-bad-v3-lazyloaded.json");
    JsonObject lazySeries = real.getJsonObject("episodeFile").getJsonObject("series");
    assertThat(lazySeries.getBoolean("isLoaded")).as("the fixture's own wrapper").isTrue();

    JsonObject wrappedAtTop = real.copy().put("series", lazySeries);
    JsonObject onlyInEpisodeFile = real.copy();
    onlyInEpisodeFile.remove("series");

    assertThat(WebhookEvent.parse(wrappedAtTop).sonarrSeriesId()).isEqualTo(92);
    assertThat(WebhookEvent.parse(onlyInEpisodeFile).sonarrSeriesId()).isEqualTo(92);
  }

  @Test
  void the_test_notification_is_never_synced_even_though_it_names_series_1() {
    WebhookEvent event = WebhookEvent.parse(Fixtures.object("zulip/webhook-test-v3.json"));

    assertThat(event.type()).contains(WebhookEventType.TEST);
    assertThat(event.sonarrSeriesId()).isEqualTo(1);
    assertThat(event.ignoredBecause()).contains("Test");
    assertThat(WebhookEvent.parse(Fixtures.object("autoscan/webhook-test-trimmed.json")).ignoredBecause()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "zulip/webhook-health-error.json",
      "zulip/webhook-health-warning.json",
      "autoscan/webhook-download-westworld-trimmed.json",
      "autoscan/webhook-episode_delete-trimmed.json",
      "autoscan/webhook-rename-trimmed.json",
      "autoscan/webhook-series_delete-trimmed.json",
  })
  void notifications_without_a_series_id_are_ignored(String fixture) {
    WebhookEvent event = WebhookEvent.parse(Fixtures.object(fixture));

    assertThat(event.type()).isPresent();
    assertThat(event.sonarrSeriesId()).isNull();
    assertThat(event.ignoredBecause()).isNotNull();
  }

  @Test
  void an_unknown_event_type_is_ignored_even_with_a_series_id() {
    WebhookEvent event = WebhookEvent.parse(new JsonObject().put("eventType", "Brand\nNew").put("series",
        new JsonObject().put("id", 7)));

    assertThat(event.type()).isEmpty();
    assertThat(event.typeLabel()).isEqualTo("unknown");
    assertThat(event.ignoredBecause()).contains("unknown event type");
    assertThat(event.eventType()).as("safe for one log line").doesNotContain("\n");
  }

  @Test
  void ids_that_are_not_positive_whole_numbers_name_no_series() {
    for (Object id : new Object[] {0, -3, "7", 7.5, true}) {
      JsonObject body = new JsonObject().put("eventType", "Download").put("series", new JsonObject().put("id", id));
      assertThat(WebhookEvent.parse(body).sonarrSeriesId()).as(String.valueOf(id)).isNull();
    }
  }

  @Test
  void a_body_without_an_event_type_is_not_a_notification() {
    assertThatThrownBy(() -> WebhookEvent.parse(new JsonObject().put("series", new JsonObject().put("id", 7))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("eventType");
  }
}
