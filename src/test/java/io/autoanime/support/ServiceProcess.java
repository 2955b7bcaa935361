package io.autoanime.support;

import io.autoanime.config.DatabaseUrl;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The service as a separate operating-system process (java io.autoanime.Main), for crash tests. */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts Main with these environment variables (plus PORT and DATABASE_URL) and waits for health. */
  public static ServiceProcess start(DatabaseUrl database, Map<String, String> environment) throws Exception {
    Map<String, String> withDatabase = new java.util.HashMap<>(environment);
    withDatabase.put("DATABASE_URL", "postgresql://" + database.user() + ":@" + database.host() + ":"
        + database.port() + "/" + database.database());
    return start(withDatabase);
  }

  /** As {@link #start(DatabaseUrl, Map)}, with the embedded PostgreSQL the service starts in {@code dataDir}. */
  public static ServiceProcess startWithEmbeddedDatabase(Path dataDir, Map<String, String> environment) throws Exception {
    Map<String, String> withDataDir = new java.util.HashMap<>(environment);
    withDataDir.put("DATA_DIR", dataDir.toString());
    return start(withDataDir);
  }

  private static ServiceProcess start(Map<String, String> environment) throws Exception {
    int port = freePort();
    Path log = Files.createTempFile("autoanime-process", ".log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A short-lived JVM starts faster with the quick compiler only.
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", serviceClassPath(),
        "io.autoanime.Main")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("PORT", String.valueOf(port));
    ServiceProcess service = new ServiceProcess(builder.start(), port, log);
    service.awaitHealthy();
    return service;
  }

  public HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** SIGKILL: no shutdown hook, no clean anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Sends SIGTERM and returns at once. */
  public void signalTerm() {
    process.destroy();
  }

  /** Waits for the process to end (failing after 90 s); returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the service did not stop within 90 s");
    }
    return process.exitValue();
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  /** Waits for the service to log {@code text}; fails after a minute with what it did log. */
  public void awaitLogged(String text) {
    try {
      Eventually.await("the service to log \"" + text + "\"", () -> outputOrEmpty().contains(text));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; it logged:\n" + outputOrEmpty(), e);
    }
  }

  private String outputOrEmpty() {
    try {
      return output();
    } catch (IOException e) {
      return "(its log could not be read: " + e.getMessage() + ")";
    }
  }

  private void awaitHealthy() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (get("/api/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the service did not become healthy:\n" + output());
  }

  /**
   * The test run's class path without the test classes: the service logs as it does for users (its
   * {@code LogSetup}), not as {@code logback-test.xml} has the tests log.
   */
  private static String serviceClassPath() throws URISyntaxException {
    String testClasses = Path.of(ServiceProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).toAbsolutePath().toString().equals(testClasses))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(log);
  }
}
