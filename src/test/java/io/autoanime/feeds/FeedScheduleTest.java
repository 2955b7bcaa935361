package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.ServiceTest;
import io.autoanime.support.Sql;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedScheduleTest extends ServiceTest {
  private FakeFeedServer feeds;

  @BeforeEach
  void startFeedServer() {
    feeds = new FakeFeedServer(sonarrVertx).start();
  }

  @AfterEach
  void stopFeedServer() {
    feeds.stop();
  }

  @Override
  protected JsonObject settings(JsonObject defaults) {
    return defaults.put(AppConfig.FEED_CHECK_SECONDS, 1);
  }

  @Test
  void a_new_feed_is_polled_by_the_scheduler_then_not_again_before_its_interval() {
    feeds.serveCapture("/scheduled", "nyaa/nyaa-si-2021-08-24-home.xml");
    var created = service.post("/api/feeds", new JsonObject().put("name", "scheduled").put("url", feeds.url("/scheduled")));
    long id = created.bodyAsJsonObject().getLong("id");

    Eventually.await("the new feed polled by the scheduler", () -> !feeds.requests("/scheduled").isEmpty());
    Eventually.await("the poll recorded on the feed",
        () -> service.get("/api/feeds/" + id).bodyAsJsonObject().getString("lastPolledAt") != null);
    assertThat(((Number) Sql.value(db, "SELECT count(*) FROM feed_items")).longValue()).isEqualTo(3);
    assertThat(Sql.value(db, "SELECT next_poll_at >= now() + interval '14 minutes' FROM feeds WHERE id = " + id))
        .as("the next poll is the default 15 minutes (plus jitter) away").isEqualTo(true);
    assertThat(Sql.value(db, "SELECT next_poll_at <= now() + interval '16 minutes' FROM feeds WHERE id = " + id))
        .as("jitter is small").isEqualTo(true);
  }

  @Test
  void a_disabled_feed_is_not_polled() {
    feeds.serveCapture("/off", "nyaa/nyaa-si-2021-08-24-home.xml");
    feeds.serveCapture("/on", "nyaa/nyaa-si-2021-08-24-home.xml");
    service.post("/api/feeds", new JsonObject().put("name", "off").put("url", feeds.url("/off")).put("enabled", false));
    service.post("/api/feeds", new JsonObject().put("name", "on").put("url", feeds.url("/on")));

    // Both feeds were due from the start: the scheduler pass that polled one would have polled both.
    Eventually.await("the enabled feed's poll recorded",
        () -> ((Number) Sql.value(db, "SELECT count(*) FROM feeds WHERE last_polled_at IS NOT NULL")).intValue() == 1);
    assertThat(feeds.requests("/off")).isEmpty();
    assertThat(Sql.value(db, "SELECT last_polled_at FROM feeds WHERE name = 'off'")).isNull();
  }
}
