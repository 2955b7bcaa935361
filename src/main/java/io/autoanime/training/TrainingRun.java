package io.autoanime.training;

import io.autoanime.Application;
import io.autoanime.NettyDefaults;
import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.ConfigLoader;
import io.autoanime.db.Database;
import io.autoanime.metrics.MeteredVertx;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload the container image trains the JVM's ahead-of-time cache with (see the Dockerfile
 * and docs/cold-start.md): the service started as {@code Main} starts it, on an embedded PostgreSQL
 * in a scratch directory, against a {@link GeneratedSonarr}; an initial sync, a resync with nothing
 * new and one with changes; the main reads; then a clean stop. The cache keeps what this run loaded
 * and linked, so a real start skips that work. It doubles as a smoke test of the image: it fails
 * (exit status 1) if any step does.
 *
 * <p>{@code java -XX:AOTCacheOutput=FILE -cp autoanime.jar io.autoanime.training.TrainingRun [DIRECTORY]}
 * (not as root: PostgreSQL refuses to run as root).
 */
public final class TrainingRun {
  private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
  private static final int SERIES = 100;
  private static final int EPISODES = 5_000;
  private static final List<String> READS = List.of("/api/health", "/api/series", "/api/series/1",
      "/api/series/1/episodes", "/api/sonarr/sync/status", "/api/sonarr/sync/runs", "/api/feeds", "/api/downloads",
      "/api/openapi.json", "/metrics", "/");

  private TrainingRun() {}

  public static void main(String[] args) {
    NettyDefaults.apply(); // as Main does, so that the cache is trained on the paths a start takes
    try {
      Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("autoanime-training");
      try (Database database = Database.startEmbedded(directory.resolve("postgres"))) {
        run(database, directory);
      }
      deleteRecursively(directory);
      log.info("Training run done");
      System.exit(0);
    } catch (Exception e) {
      log.error("Training run failed: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /** The workload, on an empty {@code database}, with {@code directory} as the service's DATA_DIR. */
  public static void run(Database database, Path directory) throws Exception {
    GeneratedLibrary library = new GeneratedLibrary(SERIES, EPISODES);
    Vertx sonarrVertx = Vertx.vertx();
    MeteredVertx metered = MeteredVertx.create();
    Vertx vertx = metered.vertx();
    try {
      GeneratedSonarr sonarr = new GeneratedSonarr(sonarrVertx, library).start();
      ConfigLoader.load(vertx).await(1, TimeUnit.MINUTES);
      AppConfig config = AppConfig.fromJson(new JsonObject()
          .put(AppConfig.PORT, 0)
          .put(AppConfig.DATA_DIR, directory.toString())
          .put(AppConfig.SONARR_URL, sonarr.url())
          .put(AppConfig.SONARR_API_KEY, GeneratedSonarr.API_KEY)
          .put(AppConfig.SYNC_ON_STARTUP, true)
          .put(AppConfig.SYNC_INTERVAL_MINUTES, 0));
      Application application = Application.start(metered, config, database).await(5, TimeUnit.MINUTES);
      try {
        sync(vertx); // joins the start-up sync: an initial sync
        sync(vertx); // nothing new
        library.revision(1);
        sync(vertx); // 1% changed, 1% new
        read(vertx, application.httpPort());
      } finally {
        application.stop().await(1, TimeUnit.MINUTES);
      }
    } finally {
      vertx.close().await(1, TimeUnit.MINUTES);
      sonarrVertx.close().await(1, TimeUnit.MINUTES);
    }
  }

  private static void sync(Vertx vertx) throws Exception {
    JsonObject run = vertx.eventBus().<JsonObject>request(Addresses.SYNC, new JsonObject().put("mode", "full"),
        new DeliveryOptions().setSendTimeout(TimeUnit.MINUTES.toMillis(10))).await(10, TimeUnit.MINUTES).body();
    if (!"succeeded".equals(run.getString("status"))) {
      throw new IllegalStateException("sync run " + run.getLong("id") + " ended " + run.getString("status"));
    }
    log.info("Training sync run {}: {}", run.getLong("id"), run.getJsonObject("counts").encode());
  }

  private static void read(Vertx vertx, int port) throws Exception {
    WebClient client = WebClient.create(vertx);
    try {
      for (String path : READS) {
        int status = client.get(port, "127.0.0.1", path).send().await(1, TimeUnit.MINUTES).statusCode();
        if (status != 200) {
          throw new IllegalStateException("GET " + path + " answered " + status);
        }
      }
      JsonArray series = client.get(port, "127.0.0.1", "/api/series").send().await(1, TimeUnit.MINUTES)
          .bodyAsJsonArray();
      if (series.size() != SERIES) {
        throw new IllegalStateException("GET /api/series listed " + series.size() + " series, not " + SERIES);
      }
    } finally {
      client.close();
    }
  }

  private static void deleteRecursively(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
