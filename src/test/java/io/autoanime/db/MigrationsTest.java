package io.autoanime.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A start skips Flyway only when the database has exactly this jar's migrations, as Flyway applied them. */
class MigrationsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(1, TimeUnit.MINUTES);
  }

  @Test
  void the_list_of_scripts_is_the_migration_directory_oldest_first() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.LOCATION))) {
      List<String> scripts = files.map(file -> file.getFileName().toString())
          .sorted(Comparator.comparingInt(script -> Integer.parseInt(Migrations.versionOf(script))))
          .toList();
      assertThat(Migrations.SCRIPTS).as("add each new migration to Migrations.SCRIPTS").isEqualTo(scripts);
    }
    assertThat(Migrations.LATEST_VERSION).isEqualTo(Migrations.versionOf(Migrations.SCRIPTS.get(Migrations.SCRIPTS.size() - 1)));
  }

  @Test
  void the_checksums_are_the_ones_flyway_recorded() throws Exception {
    Database database = TestDatabases.fresh();
    Map<String, Integer> recorded = new LinkedHashMap<>();
    try (Connection connection = TestDatabases.jdbc(database); ResultSet rows = connection.createStatement()
        .executeQuery("SELECT script, checksum FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        recorded.put(rows.getString(1), rows.getInt(2));
      }
    }
    assertThat(Migrations.bundledChecksums()).isEqualTo(recorded);
  }

  @Test
  void an_empty_database_is_migrated_by_flyway_and_a_current_one_is_left_alone() throws Exception {
    Database database = TestDatabases.empty();
    Pool pool = database.createPool(vertx, 2);

    assertThat(database.migrate(vertx, pool).await(1, TimeUnit.MINUTES)).as("Flyway ran").isTrue();
    assertThat(Sql.count(database, "SELECT count(*) FROM flyway_schema_history WHERE success"))
        .isEqualTo(Migrations.SCRIPTS.size());
    assertThat(database.migrate(vertx, pool).await(1, TimeUnit.MINUTES)).as("Flyway ran again").isFalse();
  }

  @Test
  void a_migration_applied_otherwise_than_this_jar_has_it_goes_to_flyway_which_refuses_it_as_before() throws Exception {
    Database database = TestDatabases.fresh();
    Pool pool = database.createPool(vertx, 2);
    Sql.update(database, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

    assertThat(Migrations.allApplied(vertx, pool).await(1, TimeUnit.MINUTES)).isFalse();
    assertThatThrownBy(() -> database.migrate(vertx, pool).await(1, TimeUnit.MINUTES))
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void a_failed_migration_in_the_history_is_never_skipped() throws Exception {
    Database database = TestDatabases.fresh();
    Pool pool = database.createPool(vertx, 2);
    Sql.update(database, "UPDATE flyway_schema_history SET success = false WHERE version = '6'");

    assertThat(Migrations.allApplied(vertx, pool).await(1, TimeUnit.MINUTES)).isFalse();
  }
}
