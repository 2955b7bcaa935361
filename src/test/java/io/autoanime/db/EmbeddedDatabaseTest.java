package io.autoanime.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

  @Test
  void the_embedded_database_keeps_its_data_in_the_data_dir_across_restarts() throws Exception {
    Path dataDir = Files.createTempDirectory("autoanime-data");

    try (Database first = Database.startEmbedded(dataDir.resolve("postgres"))) {
      first.migrate();
      Sql.update(first, "INSERT INTO series (sonarr_id, title, is_auto_download_enabled, auto_download_status)"
          + " VALUES (42, 'Kept', true, 'pending')");
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

    try (Database second = Database.startEmbedded(dataDir.resolve("postgres"))) {
      second.migrate();
      assertThat(Sql.value(second, "SELECT title FROM series WHERE sonarr_id = 42 AND is_auto_download_enabled"))
          .isEqualTo("Kept");
      assertThat(Sql.count(second, "SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(1);
    }
  }
}
