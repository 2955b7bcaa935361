package io.autoanime.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one way to ask for a sync: the request as the sync verticle reads it, its answer, its failures. */
@ExtendWith(VertxExtension.class)
class SyncClientTest {
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();

  @Test
  void sends_the_request_and_answers_the_run(Vertx vertx) {
    TestService.await(vertx.eventBus().<JsonObject>consumer(Addresses.SYNC, message -> {
      received.add(message.body());
      message.reply(new JsonObject().put("id", 12).put("joined", true));
    }).completion());

    JsonObject run = TestService.await(new SyncClient(vertx).sync(SyncRequest.series(7, SyncTrigger.WEBHOOK, false)));

    assertThat(run).isEqualTo(new JsonObject().put("id", 12).put("joined", true));
    assertThat(received).containsExactly(
        new JsonObject().put("mode", "series").put("wait", false).put("trigger", "webhook").put("sonarrSeriesId", 7L));
    assertThat(SyncRequest.fromJson(received.get(0))).isEqualTo(SyncRequest.series(7, SyncTrigger.WEBHOOK, false));
  }

  @Test
  void a_refusal_fails_with_its_code_and_message(Vertx vertx) {
    TestService.await(vertx.eventBus().<JsonObject>consumer(Addresses.SYNC,
        message -> message.fail(BusErrors.CONFLICT, "another AutoAnime instance is syncing this database")).completion());

    SyncException failure = catchThrowableOfType(SyncException.class,
        () -> TestService.await(new SyncClient(vertx).sync(SyncRequest.full(SyncTrigger.HTTP, false))));

    assertThat(failure.code()).isEqualTo(BusErrors.CONFLICT);
    assertThat(failure.getMessage()).isEqualTo("another AutoAnime instance is syncing this database");
  }

  @Test
  void no_answer_in_time_fails_with_the_timeout_code(Vertx vertx) {
    TestService.await(vertx.eventBus().<JsonObject>consumer(Addresses.SYNC, message -> { }).completion());

    SyncException failure = catchThrowableOfType(SyncException.class,
        () -> TestService.await(new SyncClient(vertx, 50).sync(SyncRequest.full(SyncTrigger.HTTP, true))));

    assertThat(failure.code()).isEqualTo(BusErrors.TIMEOUT);
    assertThat(failure.getMessage()).contains("did not answer in time");
  }
}
