package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.autoanime.db.Database;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SyncRunsTest {

  @Test
  void a_progress_write_that_arrives_after_the_end_of_the_run_changes_nothing(Vertx vertx) {
    Database db = TestDatabases.fresh();
    db.migrate();
    Pool pool = db.createPool(vertx, 2);
    SyncRuns runs = new SyncRuns(pool);
    SyncRun run = new SyncRun(SyncRequest.full(SyncTrigger.HTTP, true));
    run.assignId(TestService.await(runs.insert(run)));
    run.seriesTotal(3);
    run.finish(null);
    TestService.await(runs.update(run));

    run.seriesWritten(SeriesWriteResult.unchanged(5)); // a straggler's progress, written late
    TestService.await(runs.updateProgress(run));

    assertThat(Sql.rows(db, "SELECT status, series_done, finished_at IS NOT NULL AS finished FROM sync_runs"))
        .containsExactly(java.util.Map.of("status", "succeeded", "series_done", 0, "finished", true));
    TestService.await(pool.close());
  }
}
