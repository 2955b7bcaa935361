package io.autoanime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.db.Database;
import io.autoanime.support.TestDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The workload the container image build trains the JVM with (and smoke-tests the image by). */
class TrainingRunTest {
  @Test
  void the_training_run_syncs_the_generated_library_three_times_and_reads_it_back() throws Exception {
    Database database = TestDatabases.fresh();

    TrainingRun.run(database, Files.createTempDirectory("autoanime-training-test"));

    try (Connection connection = TestDatabases.jdbc(database)) {
      assertThat(count(connection, "SELECT count(*) FROM series")).isEqualTo(100);
      // 5,000 episodes, then 1% (50) new ones in the third sync.
      assertThat(count(connection, "SELECT count(*) FROM series_episodes")).isEqualTo(5_050);
      assertThat(count(connection, "SELECT count(*) FROM sync_runs WHERE status = 'succeeded'")).isEqualTo(3);
    }
  }

  private static long count(Connection connection, String sql) throws Exception {
    try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
