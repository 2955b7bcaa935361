package io.autoanime.db;

import io.autoanime.config.AppConfig;
import io.autoanime.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the service uses: the one in {@code DATABASE_URL}, or an embedded one whose
 * data lives in {@code DATA_DIR/postgres} and survives restarts. Everything here blocks (JDBC,
 * process start): call it before Vert.x work starts or from {@code executeBlocking}.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final DatabaseUrl url;

  private Database(EmbeddedPostgres embedded, DatabaseUrl url) {
    this.embedded = embedded;
    this.url = url;
  }

  public static Database start(AppConfig config) throws IOException {
    if (config.databaseUrl().isPresent()) {
      return new Database(null, config.databaseUrl().get());
    }
    return startEmbedded(config.dataDir().resolve("postgres"));
  }

  public static Database startEmbedded(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    log.info("Starting the embedded PostgreSQL with its data in {}", dataDirectory.toAbsolutePath());
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        // After a crash PostgreSQL replays its WAL first; give it time on a small, busy machine.
        .setPGStartupWait(java.time.Duration.ofSeconds(90))
        .setServerConfig("max_connections", "100")
        // zonky starts PostgreSQL for throw-away test databases (fsync and synchronous commit off);
        // this one holds the user's settings, so it must survive a power cut.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        // Main's shutdown hook stops it after the verticles; zonky's own hook ran alongside them and
        // stopped PostgreSQL under a sync that was finishing its series and recording its run.
        .setRegisterShutdownHook(false)
        .start();
    return new Database(postgres, new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", ""));
  }

  /** Connects to an existing server (tests use this to give each test its own database). */
  public static Database external(DatabaseUrl url) {
    return new Database(null, url);
  }

  public DatabaseUrl url() {
    return url;
  }

  /**
   * Brings the schema up to date, without starting Flyway when the database already has every
   * migration of this jar exactly as Flyway applied it (see {@link Migrations}); else Flyway, on a
   * worker thread. Answers whether Flyway ran.
   */
  public Future<Boolean> migrate(Vertx vertx, Pool pool) {
    return Migrations.allApplied(vertx, pool).compose(current -> {
      if (current) {
        log.info("Database schema at version {} (up to date)", Migrations.LATEST_VERSION);
        return Future.succeededFuture(false);
      }
      return vertx.executeBlocking(() -> {
        migrate();
        return true;
      });
    });
  }

  /** Brings the schema up to date. Flyway owns the schema; nothing else runs DDL. Blocks. */
  public void migrate() {
    var result = Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:" + Migrations.LOCATION)
        .load()
        .migrate();
    log.info("Database schema at version {} ({} migration(s) applied)",
        result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
  }

  public Pool createPool(Vertx vertx, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize))
        .connectingTo(connectOptions())
        .using(vertx)
        .build();
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setPassword(url.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
    return DatabaseTlsOptions.apply(url.tls(), options);
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
