package io.autoanime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.fuzz.BusBodies;
import io.autoanime.fuzz.BusBody;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.FuzzSettings;
import io.autoanime.support.FuzzedService;
import io.autoanime.support.RunTime;
import io.autoanime.support.Sql;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Issue 13, on the event bus: every request/reply address ({@link Addresses#REQUEST_REPLY_ADDRESSES})
 * answers any body, at once: with its reply, or a ReplyException whose code is never 500; a body that is
 * not a JSON object always fails (with 400, as does any body the address cannot use), and a failed
 * request writes no row. Re-run a seed from jqwik's report with
 * {@code -Dfuzz.seed=<seed>}.
 */
@AddLifecycleHook(FuzzSettings.class)
class BusFuzzTest {
  private static final int REPLY_WITHIN_MS = 10_000;
  /** What a well-formed request may fail with: unknown row, another instance syncing, Sonarr failed. */
  private static final Set<Integer> ALLOWED_FAILURES = Set.of(BusErrors.BAD_REQUEST, BusErrors.NOT_FOUND, BusErrors.CONFLICT,
      BusErrors.SONARR_FAILED);

  private static FuzzedService fuzzed;
  private static List<Long> knownIds;
  private static final Map<String, Integer> outcomes = new TreeMap<>();

  @BeforeContainer
  static void start() {
    fuzzed = FuzzedService.start(settings -> {});
    knownIds = Sql.rows(fuzzed.service().database(), "SELECT id FROM series_episodes ORDER BY id LIMIT 3").stream()
        .map(row -> ((Number) row.get("id")).longValue()).toList();
  }

  @AfterContainer
  static void stop() {
    if (fuzzed != null) {
      fuzzed.close();
    }
  }

  private static RunTime runTime;

  @BeforeProperty
  void startTheClock() {
    runTime = RunTime.start();
  }

  @Provide
  Arbitrary<String> addresses() {
    return Arbitraries.of(Addresses.REQUEST_REPLY_ADDRESSES);
  }

  @Provide
  Arbitrary<BusBody> bodies() {
    return BusBodies.any(knownIds);
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void any_body_on_a_request_reply_address_is_answered_at_once_and_never_with_500(
      @ForAll("addresses") String address, @ForAll("bodies") BusBody body) throws Exception {
    fuzzed.caseStarts();
    String sent = body.toString();

    Object reply;
    try {
      reply = fuzzed.service().vertx().eventBus()
          .request(address, body.value(), new DeliveryOptions().setSendTimeout(REPLY_WITHIN_MS))
          .map(Message::body)
          .recover(failure -> Future.succeededFuture(failure))
          .await(REPLY_WITHIN_MS + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no reply within " + REPLY_WITHIN_MS + " ms on " + address + " to " + sent);
    }

    if (!(body.value() instanceof JsonObject)) {
      assertThat(reply).as("the reply on %s to %s, which is not a JSON object", address, sent).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) reply).failureCode()).as("%s to %s", address, sent).isEqualTo(BusErrors.BAD_REQUEST);
    }
    if (reply instanceof ReplyException failure) {
      outcomes.merge(failure.failureType() + " " + failure.failureCode(), 1, Integer::sum);
      assertThat(failure.failureType()).as("%s to %s: %s", address, sent, failure.getMessage())
          .isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
      assertThat(failure.failureCode()).as("%s to %s: %s", address, sent, failure.getMessage()).isIn(ALLOWED_FAILURES);
      assertThat(String.valueOf(failure.getMessage())).doesNotContain(FakeSonarr.API_KEY);
      fuzzed.assertNoRowWritten(sent + " on " + address + " (failed with " + failure.failureCode() + ")");
    } else {
      outcomes.merge("replied", 1, Integer::sum);
      assertThat(String.valueOf(reply)).doesNotContain(FakeSonarr.API_KEY);
      fuzzed.accepted(false);
    }
    fuzzed.assertCaseLogClean(sent + " on " + address, FakeSonarr.API_KEY);
  }

  @AfterProperty
  void the_addresses_still_answer() {
    JsonObject episode = fuzzed.service().vertx().eventBus()
        .<JsonObject>request(Addresses.EPISODE_DOWNLOAD_STATUS, new JsonObject().put("episodeId", knownIds.get(0)).put("status", "pending"))
        .map(Message::body).await();
    assertThat(episode.getLong("id")).isEqualTo(knownIds.get(0));
    System.out.println("BusFuzzTest: " + outcomes.values().stream().mapToInt(Integer::intValue).sum() + " messages to "
        + Addresses.REQUEST_REPLY_ADDRESSES.size() + " addresses in " + runTime + "; outcomes " + outcomes);
  }
}
