package io.autoanime.bench;

import io.autoanime.config.AppConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as a user runs it: its own JVM process, configured by environment variables,
 * its output in a log file. Measures from outside: when the process was started, when it first
 * answered {@code /api/health}, and the sync runs it reports over the API.
 */
final class ServiceProcess implements AutoCloseable {
  static final int HEALTH_READ_TIMEOUT_MS = 1000;
  private static final int READ_TIMED_OUT = -2;
  private final Process process;
  private final int port;
  private final Path log;
  private final long startedNanos;
  private final Instant startedAt;
  private int unansweredHealthChecks;

  private ServiceProcess(Process process, int port, Path log, long startedNanos, Instant startedAt) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startedNanos = startedNanos;
    this.startedAt = startedAt;
  }

  /**
   * Starts {@code java <jvmOptions> -jar <jar>} in {@code workDirectory} (so that no
   * {@code conf/config.json} is read) with only {@code settings} of the service's variables set.
   */
  static ServiceProcess start(Path java, List<String> jvmOptions, Path jar, Map<String, String> settings, int port,
      Path workDirectory, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> environment = builder.environment();
    AppConfig.KEYS.forEach(environment::remove);
    environment.remove("AUTOANIME_CONFIG");
    environment.remove("JAVA_TOOL_OPTIONS");
    environment.putAll(settings);
    environment.put(AppConfig.PORT, Integer.toString(port));
    Instant startedAt = Instant.now();
    long startedNanos = System.nanoTime();
    Process process = builder.start();
    return new ServiceProcess(process, port, log, startedNanos, startedAt);
  }

  Instant startedAt() {
    return startedAt;
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the service's JVM has used so far. */
  double cpuSeconds() {
    return CpuTime.processSeconds(process.pid());
  }

  /** Seconds from the process start to the first 200 answer of {@code /api/health}. */
  double awaitHealthy(Duration deadline) throws Exception {
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < giveUpAt) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + logTail());
      }
      int status = status("/api/health", HEALTH_READ_TIMEOUT_MS);
      if (status == 200) {
        return (System.nanoTime() - startedNanos) / 1e9;
      }
      if (status == READ_TIMED_OUT) {
        unansweredHealthChecks++;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the service did not answer /api/health within " + deadline + ":\n" + logTail());
  }

  /**
   * Health checks that were accepted but never answered (a request that arrives as the HTTP server
   * starts listening can hang: see docs/cold-start.md); each cost {@link #HEALTH_READ_TIMEOUT_MS}.
   */
  int unansweredHealthChecks() {
    return unansweredHealthChecks;
  }

  /**
   * Waits for the sync run numbered {@code runId} to end (polling {@code /api/sonarr/sync/status})
   * and answers it; fails if it did not succeed.
   */
  JsonObject awaitRunEnded(long runId, Duration deadline) throws Exception {
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < giveUpAt) {
      JsonObject run = get("/api/sonarr/sync/status");
      if (run != null && run.getLong("id") == runId && !"running".equals(run.getString("status"))) {
        if (!"succeeded".equals(run.getString("status"))) {
          throw new IllegalStateException("sync run " + runId + " did not succeed: " + run.encode());
        }
        return run;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("sync run " + runId + " did not end within " + deadline + ":\n" + logTail());
  }

  /** SIGTERM, as {@code docker stop} sends, then waits for the clean stop. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private int status(String path, int readTimeoutMs) {
    try {
      HttpURLConnection connection = open(path);
      connection.setReadTimeout(readTimeoutMs);
      try {
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (java.net.SocketTimeoutException e) {
      return READ_TIMED_OUT;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The JSON answer of a 200, else null. */
  private JsonObject get(String path) throws IOException {
    HttpURLConnection connection = open(path);
    try {
      if (connection.getResponseCode() != 200) {
        return null;
      }
      try (InputStream body = connection.getInputStream()) {
        return new JsonObject(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      connection.disconnect();
    }
  }

  private HttpURLConnection open(String path) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
        .openConnection();
    connection.setConnectTimeout(1000);
    connection.setReadTimeout(30_000);
    return connection;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
