package io.autoanime.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.DatabaseUrl;
import io.autoanime.db.Database;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL for the whole test JVM; every test gets a database of its own on it.
 * A new database is a copy of a template made once per JVM ({@code CREATE DATABASE ... TEMPLATE}):
 * migrated by the service's own code ({@link #fresh()}), or with the standard library synced into it
 * by the service itself ({@link #syncedStandardLibrary()}). The copies are dropped once their test
 * class is done ({@link DropTestDatabases}).
 *
 * <p>The server does not fsync (a test never outlives the operating system, only the service, which
 * the server does outlive) and keeps its files in memory ({@code /dev/shm}) when there is room: a
 * database is some 300 files, and on a disk that discards what it deletes, dropping hundreds of them
 * took a minute.
 */
public final class TestDatabases {
  private static final AtomicInteger counter = new AtomicInteger();
  private static final String COPY_PREFIX = "test_" + ProcessHandle.current().pid() + "_";
  private static final Path IN_MEMORY = Path.of("/dev/shm");
  private static final long IN_MEMORY_ROOM_NEEDED = 2L << 30;
  private static EmbeddedPostgres server;
  private static String migratedTemplate;
  private static String syncedTemplate;

  private TestDatabases() {}

  /** A new, empty database: no schema, not even Flyway's history. */
  public static synchronized Database empty() {
    return copyOf("template0");
  }

  /** A new database, its schema migrated. */
  public static synchronized Database fresh() {
    return copyOf(migratedTemplate());
  }

  /**
   * A new database holding what one full sync of {@link TestLibrary#loadStandard} leaves behind: the
   * library and its run (id 1) in the ledger.
   */
  public static synchronized Database syncedStandardLibrary() {
    if (syncedTemplate == null) {
      Database template = create("template_synced", migratedTemplate());
      Vertx sonarrVertx = Vertx.vertx();
      FakeSonarr sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
      try (TestService service = TestService.start(template, TestService.settingsFor(sonarr))) {
        assertThat(service.fullSync().getString("status")).isEqualTo("succeeded");
      } finally {
        sonarr.stop();
        TestService.await(sonarrVertx.close());
      }
      syncedTemplate = template.url().database();
    }
    return copyOf(syncedTemplate);
  }

  private static String migratedTemplate() {
    if (migratedTemplate == null) {
      Database template = create("template_migrated", "template0");
      template.migrate();
      migratedTemplate = template.url().database();
    }
    return migratedTemplate;
  }

  private static Database copyOf(String template) {
    return create(COPY_PREFIX + counter.incrementAndGet(), template);
  }

  /** Drops every copy made so far (the templates stay), whoever may still be connected to it. */
  public static synchronized void dropCopies() {
    if (server == null) {
      return;
    }
    try (Connection admin = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
        Statement sql = admin.createStatement()) {
      List<String> copies = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '"
          + COPY_PREFIX + "')")) {
        while (rows.next()) {
          copies.add(rows.getString(1));
        }
      }
      for (String copy : copies) {
        sql.execute("DROP DATABASE " + copy + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Database create(String name, String template) {
    try (Connection admin = DriverManager.getConnection(server().getJdbcUrl("postgres", "postgres"));
        Statement sql = admin.createStatement()) {
      // A template may be copied only while nobody is connected to it (a pool that just closed may linger).
      sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + template + "'");
      sql.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " STRATEGY FILE_COPY");
      return Database.external(new DatabaseUrl("localhost", server().getPort(), name, "postgres", ""));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        boolean roomInMemory = Files.isDirectory(IN_MEMORY) && Files.isWritable(IN_MEMORY)
            && Files.getFileStore(IN_MEMORY).getUsableSpace() >= IN_MEMORY_ROOM_NEEDED;
        server = EmbeddedPostgres.builder()
            .setDataDirectory(roomInMemory ? Files.createTempDirectory(IN_MEMORY, "autoanime-test-pg")
                : Files.createTempDirectory("autoanime-test-pg"))
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** A JDBC connection for assertions made outside Vert.x. */
  public static Connection jdbc(Database database) throws SQLException {
    DatabaseUrl url = database.url();
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
