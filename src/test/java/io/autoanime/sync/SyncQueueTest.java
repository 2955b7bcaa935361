package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.BusErrors;
import io.autoanime.bus.SyncMode;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Single flight, step by step: the test plays the runner (it says when a run has started, has ended,
 * and when the next one may start), so nothing here waits or needs a database.
 */
class SyncQueueTest {
  private final FakeRunner runner = new FakeRunner();
  private final SyncQueue queue = new SyncQueue(runner);

  private static final SyncRequest FULL = SyncRequest.full(SyncTrigger.EVENTBUS, true);
  private static final SyncRequest FULL_NO_WAIT = SyncRequest.full(SyncTrigger.HTTP, false);
  private static final SyncRequest NEW = new SyncRequest(SyncMode.NEW, null, true, SyncTrigger.EVENTBUS);
  private static final SyncRequest SERIES_1 = SyncRequest.series(1, SyncTrigger.EVENTBUS, true);
  private static final SyncRequest SERIES_2 = SyncRequest.series(2, SyncTrigger.EVENTBUS, true);

  @Test
  void requests_the_running_run_covers_join_it_and_hear_of_its_end() {
    Asker first = ask(FULL);
    Asker second = ask(FULL);
    Asker series = ask(SERIES_1);
    Asker newOnes = ask(NEW);

    SyncRun run = runner.start(0, 7);
    assertThat(List.of(first, second, series, newOnes)).allSatisfy(asker -> assertThat(asker.answers).isEmpty());
    runner.end(0, succeeded(run));

    assertThat(runner.planned).hasSize(1);
    assertThat(first.answers).containsExactly("run 7");
    assertThat(List.of(second, series, newOnes)).allSatisfy(asker -> assertThat(asker.answers).containsExactly("run 7 joined"));
  }

  @Test
  void a_request_that_does_not_wait_is_answered_once_the_run_has_started() {
    Asker starter = ask(FULL_NO_WAIT);
    assertThat(starter.answers).as("before the run has an id").isEmpty();

    runner.start(0, 3);
    assertThat(starter.answers).containsExactly("run 3 running");
    Asker late = ask(FULL_NO_WAIT);
    assertThat(late.answers).as("joining a started run").containsExactly("run 3 running joined");

    runner.end(0, succeeded(runner.run(0)));
    assertThat(starter.answers).hasSize(1);
    assertThat(late.answers).hasSize(1);
  }

  @Test
  void a_request_the_running_run_does_not_cover_waits_for_the_next_run_and_later_ones_join_that() {
    Asker series = ask(SERIES_1);
    runner.start(0, 1);
    Asker full = ask(FULL);
    Asker otherSeries = ask(SERIES_2);
    Asker again = ask(FULL);

    assertThat(runner.planned).as("nothing starts while a run goes on").hasSize(1);
    runner.end(0, succeeded(runner.run(0)));
    assertThat(runner.planned).as("the end alone does not start the next run").hasSize(1);
    runner.release(0);

    assertThat(runner.planned).hasSize(2);
    assertThat(runner.planned.get(1).request()).isEqualTo(FULL);
    runner.start(1, 2);
    runner.end(1, succeeded(runner.run(1)));
    assertThat(series.answers).containsExactly("run 1");
    assertThat(full.answers).containsExactly("run 2");
    assertThat(otherSeries.answers).containsExactly("run 2 joined");
    assertThat(again.answers).containsExactly("run 2 joined");
  }

  @Test
  void a_request_made_after_the_run_ended_but_before_it_let_go_gets_a_run_of_its_own() {
    ask(FULL);
    runner.start(0, 1);
    runner.end(0, succeeded(runner.run(0)));

    Asker next = ask(FULL);
    assertThat(runner.planned).hasSize(1);
    runner.release(0);

    assertThat(runner.planned).hasSize(2);
    runner.start(1, 2);
    runner.end(1, succeeded(runner.run(1)));
    assertThat(next.answers).containsExactly("run 2");
  }

  @Test
  void a_failed_run_fails_everyone_waiting_for_its_end_with_its_error() {
    Asker starter = ask(FULL_NO_WAIT);
    Asker waiting = ask(FULL);
    SyncRun run = runner.start(0, 4);
    run.finish("Sonarr answered HTTP 503 for /api/v3/series");

    runner.end(0, run);

    assertThat(starter.answers).containsExactly("run 4 running");
    assertThat(waiting.answers).containsExactly("failed 502: Sonarr answered HTTP 503 for /api/v3/series");
  }

  @Test
  void a_refused_run_fails_everyone_with_its_reason_and_nobody_joins_it_afterwards() {
    Asker first = ask(FULL);
    Asker joined = ask(NEW);
    runner.planned.get(0).refused(BusErrors.INTERNAL, "the sync could not run: the database is down");
    Asker later = ask(FULL);
    runner.release(0);

    assertThat(first.answers).containsExactly("failed 500: the sync could not run: the database is down");
    assertThat(joined.answers).containsExactly("failed 500: the sync could not run: the database is down");
    assertThat(later.answers).isEmpty();
    assertThat(runner.planned).as("the later request has a run of its own").hasSize(2);
  }

  @Test
  void a_run_that_could_not_be_carried_out_fails_its_waiters_and_the_next_run_starts() {
    Asker first = ask(SERIES_1);
    Asker joined = ask(SERIES_1);
    runner.start(0, 1);
    Asker queued = ask(FULL);

    runner.fail(0, new IllegalStateException("the database went away"));

    assertThat(first.answers).containsExactly("failed 500: the sync could not run: the database went away");
    assertThat(joined.answers).containsExactly("failed 500: the sync could not run: the database went away");
    assertThat(queued.answers).isEmpty();
    assertThat(runner.planned).hasSize(2);
    assertThat(runner.planned.get(1).request()).isEqualTo(FULL);
  }

  @Test
  void stopping_fails_queued_and_new_requests_and_ends_with_the_run_going_on() {
    ask(SERIES_1);
    runner.start(0, 1);
    Asker queued = ask(FULL);
    Asker running = ask(SERIES_1);

    Future<Void> stopped = queue.stop();

    assertThat(runner.planned.get(0).serviceStopping()).isTrue();
    assertThat(queued.answers).containsExactly("failed 500: the service is stopping");
    assertThat(ask(FULL).answers).containsExactly("failed 500: the service is stopping");
    assertThat(stopped.isComplete()).isFalse();
    runner.end(0, succeeded(runner.run(0)));
    runner.release(0);
    assertThat(stopped.succeeded()).isTrue();
    assertThat(running.answers).containsExactly("run 1 joined");
    assertThat(runner.planned).as("nothing starts once stopping").hasSize(1);
  }

  @Test
  void everyone_who_asked_joins_a_run_of_another_instance_and_hears_of_its_end() {
    Asker starter = ask(FULL_NO_WAIT);
    Asker waiting = ask(FULL);
    SyncRun elsewhere = new SyncRun(SyncRequest.full(SyncTrigger.SCHEDULE, false));
    elsewhere.assignId(9);

    runner.planned.get(0).joinedElsewhere(elsewhere);
    Asker late = ask(SERIES_1);
    assertThat(starter.answers).containsExactly("run 9 running joined");
    assertThat(waiting.answers).isEmpty();
    runner.end(0, succeeded(elsewhere));

    assertThat(waiting.answers).containsExactly("run 9 joined");
    assertThat(late.answers).containsExactly("run 9 joined");
  }

  @Test
  void a_run_carried_out_here_after_another_instance_died_answers_its_own_asker_as_the_starter() {
    Asker waiting = ask(FULL);
    SyncRun elsewhere = new SyncRun(SyncRequest.full(SyncTrigger.SCHEDULE, false));
    elsewhere.assignId(9);
    runner.planned.get(0).joinedElsewhere(elsewhere);

    runner.start(0, 10);
    runner.end(0, succeeded(runner.run(0)));

    assertThat(waiting.answers).containsExactly("run 10");
  }

  @Test
  void a_full_run_covers_everything_a_new_run_only_new_and_a_series_run_only_its_series() {
    assertThat(FULL.covers(NEW)).isTrue();
    assertThat(FULL.covers(SERIES_1)).isTrue();
    assertThat(NEW.covers(NEW)).isTrue();
    assertThat(NEW.covers(FULL)).isFalse();
    assertThat(NEW.covers(SERIES_1)).isFalse();
    assertThat(SERIES_1.covers(SyncRequest.series(1, SyncTrigger.WEBHOOK, false))).isTrue();
    assertThat(SERIES_1.covers(SERIES_2)).isFalse();
    assertThat(SERIES_1.covers(NEW)).isFalse();
  }

  private Asker ask(SyncRequest request) {
    Asker asker = new Asker();
    queue.request(request, asker);
    return asker;
  }

  private static SyncRun succeeded(SyncRun run) {
    run.finish(null);
    return run;
  }

  /** Someone who asked, and every answer they got. */
  private static final class Asker implements SyncQueue.Waiter {
    final List<String> answers = new ArrayList<>();

    @Override
    public void answer(SyncRun run, boolean joined) {
      answers.add("run " + run.id() + (run.status() == RunStatus.RUNNING ? " running" : "") + (joined ? " joined" : ""));
    }

    @Override
    public void fail(int code, String error) {
      answers.add("failed " + code + ": " + error);
    }
  }

  /** Plays the runner: each planned run waits until the test moves it on. */
  private static final class FakeRunner implements SyncQueue.Runner {
    final List<SyncQueue.PlannedRun> planned = new ArrayList<>();
    final List<Promise<Void>> letGo = new ArrayList<>();
    final List<SyncRun> runs = new ArrayList<>();

    @Override
    public Future<Void> carryOut(SyncQueue.PlannedRun run) {
      planned.add(run);
      runs.add(null);
      Promise<Void> promise = Promise.promise();
      letGo.add(promise);
      return promise.future();
    }

    SyncRun start(int index, long id) {
      SyncRun run = new SyncRun(planned.get(index).request());
      run.assignId(id);
      runs.set(index, run);
      planned.get(index).started(run);
      return run;
    }

    SyncRun run(int index) {
      return runs.get(index);
    }

    void end(int index, SyncRun run) {
      planned.get(index).ended(run);
    }

    /** The run has let go of the lock: the next one may start. */
    void release(int index) {
      letGo.get(index).complete();
    }

    void fail(int index, Throwable failure) {
      letGo.get(index).fail(failure);
    }
  }
}
