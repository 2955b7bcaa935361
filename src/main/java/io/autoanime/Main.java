package io.autoanime;

import io.autoanime.config.ConfigException;
import io.autoanime.config.ConfigLoader;
import io.autoanime.db.Database;
import io.autoanime.metrics.MeteredVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the config, starts the database, runs the migrations and deploys the verticles. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    NettyDefaults.apply();
    MeteredVertx metered = MeteredVertx.create();
    Vertx vertx = metered.vertx();
    var config = awaitConfig(vertx);
    log.info("Starting AutoAnime with {}", config);
    // The hook is in place before the database starts, and it alone stops the embedded PostgreSQL,
    // after the verticles: a sync that is stopping still writes the series it is on and its run.
    Started started = new Started();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(vertx, started), "shutdown"));
    try {
      try {
        started.database = Database.start(config);
      } finally {
        started.databaseStartEnded.countDown();
      }
      started.application = Application.start(metered, config, started.database).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      log.error("AutoAnime could not start: {}", e.getMessage(), e);
      System.exit(1); // the hook stops what did start
      return;
    }
    log.info("AutoAnime is up on port {}", started.application.httpPort());
  }

  /** What has started so far, as the shutdown hook finds it (set by the main thread). */
  private static final class Started {
    final CountDownLatch databaseStartEnded = new CountDownLatch(1);
    volatile Database database;
    volatile Application application;
  }

  private static io.autoanime.config.AppConfig awaitConfig(Vertx vertx) throws InterruptedException {
    try {
      return ConfigLoader.load(vertx).await(1, TimeUnit.MINUTES);
    } catch (ConfigException e) {
      log.error("Configuration error: {}", e.getMessage());
    } catch (Exception e) {
      log.error("Configuration error: {}", e.getMessage());
    }
    vertx.close();
    System.exit(2);
    return null;
  }

  private static void shutDown(Vertx vertx, Started started) {
    log.info("Stopping AutoAnime");
    CountDownLatch stopped = new CountDownLatch(1);
    Application application = started.application;
    (application == null ? Future.<Void>succeededFuture() : application.stop())
        .eventually(vertx::close).onComplete(ignored -> stopped.countDown());
    try {
      if (!stopped.await(60, TimeUnit.SECONDS)) {
        log.warn("Gave up waiting for a clean stop after 60 s");
      }
      // A stop during the database's own start waits for it, so no PostgreSQL is left behind.
      if (started.databaseStartEnded.await(2, TimeUnit.MINUTES) && started.database != null) {
        started.database.close();
      }
    } catch (Exception e) {
      log.warn("Error while stopping: {}", e.getMessage());
    }
    log.info("AutoAnime stopped");
  }
}
