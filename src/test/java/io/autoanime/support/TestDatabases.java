package io.autoanime.support;

import io.autoanime.config.DatabaseUrl;
import io.autoanime.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL for the whole test JVM; every test gets a fresh, empty database of
 * its own on it, migrated by the service itself when it starts.
 */
public final class TestDatabases {
  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabases() {}

  public static synchronized Database fresh() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder()
            .setDataDirectory(Files.createTempDirectory("autoanime-test-pg"))
            .setCleanDataDirectory(true)
            .start();
      }
      String name = "test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
      try (Connection admin = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"))) {
        admin.createStatement().execute("CREATE DATABASE " + name);
      }
      return Database.external(new DatabaseUrl("localhost", server.getPort(), name, "postgres", "", false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JDBC connection for assertions made outside Vert.x. */
  public static Connection jdbc(Database database) throws SQLException {
    DatabaseUrl url = database.url();
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
