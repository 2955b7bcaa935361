package io.autoanime;

import io.autoanime.config.ConfigException;
import io.autoanime.config.ConfigLoader;
import io.autoanime.db.Database;
import io.autoanime.metrics.MeteredVertx;
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
    Database database = null;
    Application application;
    try {
      database = Database.start(config);
      application = Application.start(metered, config, database).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      log.error("AutoAnime could not start: {}", e.getMessage(), e);
      vertx.close();
      if (database != null) {
        database.close();
      }
      System.exit(1);
      return;
    }
    log.info("AutoAnime is up on port {}", application.httpPort());
    Database running = database;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(vertx, application, running), "shutdown"));
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

  private static void shutDown(Vertx vertx, Application application, Database database) {
    log.info("Stopping AutoAnime");
    CountDownLatch stopped = new CountDownLatch(1);
    application.stop().eventually(vertx::close).onComplete(ignored -> stopped.countDown());
    try {
      if (!stopped.await(60, TimeUnit.SECONDS)) {
        log.warn("Gave up waiting for a clean stop after 60 s");
      }
      database.close();
    } catch (Exception e) {
      log.warn("Error while stopping: {}", e.getMessage());
    }
    log.info("AutoAnime stopped");
  }
}
