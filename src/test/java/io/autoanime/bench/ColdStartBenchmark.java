package io.autoanime.bench;

import io.autoanime.config.AppConfig;
import io.autoanime.training.GeneratedSonarr;
import io.autoanime.training.TrainingRun;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sync as a user meets it (a benchmark, not a test): the built jar in a JVM of its own, an
 * external PostgreSQL ({@link ExternalPostgres}) and a fake Sonarr in another process
 * ({@link FakeSonarrMain}). Per round, on a new database: process start to the first
 * {@code /api/health} answer, the start-up sync of the fresh JVM (an initial sync), then a restart
 * and its start-up sync (nothing new), then the floor of the same work in the same round: every
 * list fetched with 8 requests in flight, plus a {@code COPY} of the episode rows. Run from the
 * README's command (it needs {@code target/autoanime.jar}).
 */
public final class ColdStartBenchmark {
  private static final Duration START_DEADLINE = Duration.ofMinutes(2);
  private static final Duration SYNC_DEADLINE = Duration.ofMinutes(30);
  /** Rounds of fetching everything before anything is measured: the fake Sonarr stands for a server long up. */
  private static final int SONARR_WARM_UP_ROUNDS = 3;

  private final Options options;
  private final Path workDirectory;
  /** The JVM options the service runs with: the given ones, plus the trained cache with {@code --train}. */
  private List<String> trainedOptions;

  private ColdStartBenchmark(Options options) throws IOException {
    this.options = options;
    this.workDirectory = Files.createTempDirectory("autoanime-cold-start");
    this.trainedOptions = options.jvmOptions();
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (!Files.isRegularFile(options.jar())) {
      throw new IllegalStateException(options.jar() + " does not exist: build it first (mvn -B -DskipTests package)");
    }
    new ColdStartBenchmark(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    if (options.train()) {
      trainedOptions = train();
    }
    StringBuilder report = new StringBuilder(header());
    System.out.print(report);
    try (ExternalPostgres postgres = ExternalPostgres.start()) {
      for (Library library : options.libraries()) {
        String section = measure(postgres, library);
        System.out.print(section);
        report.append(section);
      }
    }
    if (options.output() != null) {
      Files.createDirectories(options.output().toAbsolutePath().getParent());
      Files.writeString(options.output(), report);
      System.out.println("Written to " + options.output());
    }
  }

  private String measure(ExternalPostgres postgres, Library library) throws Exception {
    List<Round> rounds = new ArrayList<>();
    try (FakeSonarr sonarr = FakeSonarr.start(library, workDirectory);
         FetchFloor fetch = new FetchFloor(sonarr.url(), options.fetchConcurrency())) {
      for (int i = 0; i < SONARR_WARM_UP_ROUNDS; i++) {
        fetch.fetchAll();
      }
      // Round 0 warms the fake Sonarr, PostgreSQL and the disk up to the service's own requests; it is
      // shown, not counted (its fake Sonarr used several times the CPU of the later rounds).
      for (int number = 0; number <= options.rounds(); number++) {
        String database = "cold" + number;
        postgres.dropDatabase(database);
        postgres.createDatabase(database);
        Round round = round(number, postgres, database, sonarr, fetch);
        System.out.println(round.line() + (number == 0 ? " (warm-up, not counted)" : ""));
        if (number > 0) {
          rounds.add(round);
        }
        postgres.dropDatabase(database);
      }
    }
    return section(library, rounds);
  }

  private Round round(int number, ExternalPostgres postgres, String database, FakeSonarr sonarr, FetchFloor fetch)
      throws Exception {
    String load = loadAverage();
    CpuTime postgresCpu = new CpuTime(postgres.postmasterPid());
    Map<String, String> settings = Map.of(
        AppConfig.DATABASE_URL, postgres.serviceUrl(database),
        AppConfig.DATA_DIR, workDirectory.resolve("data").toString(),
        AppConfig.SONARR_URL, sonarr.url(),
        AppConfig.SONARR_API_KEY, GeneratedSonarr.API_KEY,
        AppConfig.SYNC_ON_STARTUP, "true",
        AppConfig.SYNC_INTERVAL_MINUTES, "0");

    Start first = startAndSync(settings, 1, postgresCpu, sonarr);
    Start restart = startAndSync(settings, 2, postgresCpu, sonarr);

    double sonarrCpuBefore = sonarr.cpuSeconds();
    long fetchStarted = System.nanoTime();
    fetch.fetchAll();
    double fetchSeconds = (System.nanoTime() - fetchStarted) / 1e9;
    double fetchSonarrCpu = sonarr.cpuSeconds() - sonarrCpuBefore;
    double copySeconds;
    double copyPostgresCpu;
    try (var connection = postgres.connect(database)) {
      CopyFloor copy = new CopyFloor(connection);
      double before = postgresCpu.postgresSeconds();
      long copyStarted = System.nanoTime();
      copy.copy();
      copySeconds = (System.nanoTime() - copyStarted) / 1e9;
      copyPostgresCpu = postgresCpu.postgresSeconds() - before;
    }
    return new Round(number, load, first, restart, fetchSeconds, fetchSonarrCpu, copySeconds, copyPostgresCpu);
  }

  /** One start of the service: to its first health answer and to the end of its start-up sync. */
  private Start startAndSync(Map<String, String> settings, long runId, CpuTime postgresCpu, FakeSonarr sonarr)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    double postgresBefore = postgresCpu.postgresSeconds();
    double sonarrBefore = sonarr.cpuSeconds();
    Path log = workDirectory.resolve("service.log");
    try (ServiceProcess service = ServiceProcess.start(options.java(), trainedOptions, options.jar(), settings,
        port, workDirectory, log)) {
      double healthy = service.awaitHealthy(START_DEADLINE);
      double cpuAtHealthy = service.cpuSeconds();
      double postgresAtHealthy = postgresCpu.postgresSeconds();
      double sonarrAtHealthy = sonarr.cpuSeconds();
      JsonObject run = service.awaitRunEnded(runId, SYNC_DEADLINE);
      double cpuAtEnd = service.cpuSeconds();
      double postgresAtEnd = postgresCpu.postgresSeconds();
      double sonarrAtEnd = sonarr.cpuSeconds();
      Instant runStarted = Instant.parse(run.getString("startedAt"));
      Instant runFinished = Instant.parse(run.getString("finishedAt"));
      CpuInSync inSync = new CpuInSync(seconds(service.startedAt(), runFinished) - healthy, cpuAtEnd - cpuAtHealthy,
          postgresAtEnd - postgresAtHealthy, sonarrAtEnd - sonarrAtHealthy);
      return new Start(healthy, seconds(service.startedAt(), runStarted), seconds(runStarted, runFinished),
          cpuAtHealthy, cpuAtEnd, postgresAtEnd - postgresBefore, sonarrAtEnd - sonarrBefore, inSync,
          run.getJsonObject("counts"), service.unansweredHealthChecks());
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** One start of the service. Offsets are from the process start; CPU is of the service's JVM unless named. */
  record Start(double healthy, double syncStartedAfter, double sync, double cpuAtHealthy, double cpuAtSyncEnd,
      double postgresCpu, double sonarrCpu, CpuInSync inSync, JsonObject counts, int unansweredHealthChecks) {
    double syncEndedAfter() {
      return syncStartedAfter + sync;
    }
  }

  /**
   * The CPU each process used from the first health answer to the end of the start-up sync (the sync
   * starts a moment after that answer, once every verticle is up, and nothing else runs meanwhile).
   */
  record CpuInSync(double wall, double service, double postgres, double sonarr) {
    /** The share of the machine's cores the three processes kept busy. */
    double coresBusy() {
      return (service + postgres + sonarr) / (wall * Runtime.getRuntime().availableProcessors());
    }

    /**
     * The most CPU the service could spend in a sync that ends within {@code seconds}, if PostgreSQL
     * and the fake Sonarr needed what they needed here and every core were busy all along.
     */
    double serviceBudget(double seconds) {
      return seconds * Runtime.getRuntime().availableProcessors() - postgres - sonarr;
    }
  }

  record Round(int number, String load, Start first, Start restart, double fetch, double fetchSonarrCpu, double copy,
      double copyPostgresCpu) {
    double floor() {
      return fetch + copy;
    }

    double ratio() {
      return first.sync() / floor();
    }

    /** The service's CPU a first sync meeting the target could spend at most (see {@link CpuInSync#serviceBudget}). */
    double serviceBudget(double targetRatio) {
      return first.inSync().serviceBudget(targetRatio * floor());
    }

    String line() {
      return String.format(Locale.ROOT, "round %d (load %s): healthy %.2f s, first sync %.2f s (ends %.2f s after start, "
              + "JVM CPU %.2f s, pg %.2f s, sonarr %.2f s); restart healthy %.2f s, no-op sync %.2f s; "
              + "floor %.2f s (fetch %.2f s, sonarr %.2f s + COPY %.2f s, pg %.2f s); first sync / floor %.2f; "
              + "CPU from healthy to the sync's end: JVM %.2f s, pg %.2f s, sonarr %.2f s, cores busy %.0f%%",
          number, load, first.healthy(), first.sync(), first.syncEndedAfter(), first.cpuAtSyncEnd(), first.postgresCpu(),
          first.sonarrCpu(), restart.healthy(), restart.sync(), floor(), fetch, fetchSonarrCpu, copy, copyPostgresCpu,
          ratio(), first.inSync().service(), first.inSync().postgres(), first.inSync().sonarr(),
          first.inSync().coresBusy() * 100)
          + (unanswered() == 0 ? "" : "; health checks never answered: " + unanswered());
    }

    int unanswered() {
      return first.unansweredHealthChecks() + restart.unansweredHealthChecks();
    }
  }

  private String header() {
    return String.format(Locale.ROOT, """
        # Cold-start benchmark: the service as its own process

        Service: `%s %s -jar %s` (%s); PostgreSQL: %s, a cluster of its own, fsync and synchronous commit on; \
        fake Sonarr: its own JVM, warmed up by %d full fetches and a round 0 that is not counted. Machine: %d cores, %s.

        Each round uses a new database: the service is started (start-up sync on: on an empty database an initial \
        sync), stopped with SIGTERM, started again (its start-up sync finds nothing new), stopped; then the floor \
        of the same work is measured in the same round: every list fetched with %d requests in flight (bodies read, \
        not decoded) plus a `COPY` of the episode rows into an identical empty table. Times of a sync are the run's \
        own `startedAt` to `finishedAt`; "healthy" is process start to the first 200 of `/api/health`. CPU is of \
        the service's JVM from its start (start-up included), of every PostgreSQL process and of the fake Sonarr \
        over the same span. The load average (1, 5, 15 min) is read as each round starts: the machine is shared.
        %s
        """, options.java(), String.join(" ", trainedOptions), options.jar(), javaVersion(options.java()),
        postgresVersion(), SONARR_WARM_UP_ROUNDS, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
        options.fetchConcurrency(), options.train() ? "\nThe cache was trained as the Dockerfile trains it: one `"
            + TrainingRun.class.getName() + "` with the same JVM and options (on Java 25 an AOT cache, "
            + "`-XX:AOTCacheOutput`; on older JVMs a dynamic CDS archive, `-XX:ArchiveClassesAtExit`).\n" : "");
  }

  /**
   * Trains the JVM's cache for the jar as the Dockerfile does (one {@link TrainingRun}) and answers the
   * options that use it.
   */
  private List<String> train() throws Exception {
    boolean aotCache = javaFeatureVersion(options.java()) >= 25;
    Path cache = workDirectory.resolve(aotCache ? "autoanime.aot" : "autoanime.jsa");
    List<String> command = new ArrayList<>(List.of(options.java().toString()));
    command.addAll(options.jvmOptions());
    command.add((aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache);
    command.addAll(List.of("-cp", options.jar().toAbsolutePath().toString(), TrainingRun.class.getName(),
        workDirectory.resolve("training").toString()));
    System.out.println("Training: " + String.join(" ", command));
    Process training = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(workDirectory.resolve("training.log").toFile()).start();
    if (!training.waitFor(20, TimeUnit.MINUTES) || training.exitValue() != 0 || !Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run failed: see " + workDirectory.resolve("training.log"));
    }
    List<String> trained = new ArrayList<>(options.jvmOptions());
    trained.add((aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
    return trained;
  }

  private static int javaFeatureVersion(Path java) {
    String version = firstLineOf(List.of(java.toString(), "-version"));
    Matcher number = Pattern.compile("version (\\d+)").matcher(version);
    if (!number.find()) {
      throw new IllegalStateException("cannot tell the version of " + java + ": " + version);
    }
    return Integer.parseInt(number.group(1));
  }

  private String section(Library library, List<Round> rounds) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "## %,d series, %,d episodes%n%n",
        library.series(), library.episodes()));
    md.append("| round | load | healthy (new database) | first sync | first sync ends | JVM CPU to its end "
            + "| PostgreSQL CPU | Sonarr CPU | healthy (restart) | no-op sync | JVM CPU to its end | fetch floor "
            + "| COPY floor | floor | first sync / floor |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Round r : rounds) {
      md.append(String.format(Locale.ROOT,
          "| %d | %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s "
              + "| %.2f s | %.2f s | %.2f |%n",
          r.number(), r.load(), r.first().healthy(), r.first().sync(), r.first().syncEndedAfter(),
          r.first().cpuAtSyncEnd(), r.first().postgresCpu(), r.first().sonarrCpu(), r.restart().healthy(),
          r.restart().sync(), r.restart().cpuAtSyncEnd(), r.fetch(), r.copy(), r.floor(), r.ratio()));
    }
    md.append(String.format(Locale.ROOT,
        "| **median** | | **%.2f s** | **%.2f s** | %.2f s | %.2f s | %.2f s | %.2f s | **%.2f s** | **%.2f s** "
            + "| %.2f s | %.2f s | %.2f s | **%.2f s** | **%.2f** |%n%n",
        median(rounds, r -> r.first().healthy()), median(rounds, r -> r.first().sync()),
        median(rounds, r -> r.first().syncEndedAfter()), median(rounds, r -> r.first().cpuAtSyncEnd()),
        median(rounds, r -> r.first().postgresCpu()), median(rounds, r -> r.first().sonarrCpu()),
        median(rounds, r -> r.restart().healthy()), median(rounds, r -> r.restart().sync()),
        median(rounds, r -> r.restart().cpuAtSyncEnd()), median(rounds, Round::fetch), median(rounds, Round::copy),
        median(rounds, Round::floor), median(rounds, Round::ratio)));
    double limit = library.episodes() >= 100_000 ? 1.5 : 2.0;
    md.append(cpuInFirstSync(rounds, limit));
    int unanswered = rounds.stream().mapToInt(Round::unanswered).sum();
    if (unanswered > 0) {
      md.append(String.format(Locale.ROOT, "%d health check(s) sent as the HTTP server began to listen were never "
          + "answered (each cost %d ms before the next was sent; see docs/cold-start.md).%n%n", unanswered,
          ServiceProcess.HEALTH_READ_TIMEOUT_MS));
    }
    JsonObject counts = rounds.get(0).first().counts();
    md.append("The first sync's counts: `").append(counts == null ? "{}" : counts.encode())
        .append("`; the no-op sync's: `").append(rounds.get(0).restart().counts().encode()).append("`.\n\n");
    md.append("| target | median | met |\n|---|---:|---|\n")
        .append(target(String.format(Locale.ROOT, "first sync / floor <= %.1f", limit), median(rounds, Round::ratio),
            median(rounds, Round::ratio) <= limit))
        .append(target("process start to healthy (restart) < 2 s", median(rounds, r -> r.restart().healthy()),
            median(rounds, r -> r.restart().healthy()) < 2))
        .append(target("process start to healthy (new database) < 2 s", median(rounds, r -> r.first().healthy()),
            median(rounds, r -> r.first().healthy()) < 2))
        .append('\n');
    return md.toString();
  }

  /**
   * Where the first sync's CPU went, against what the target leaves the service: on a machine whose
   * cores are all busy, a sync can be no shorter than the CPU of its three processes over the cores.
   */
  private static String cpuInFirstSync(List<Round> rounds, double limit) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
        CPU from the first health answer to the end of the first sync (the sync starts a moment after \
        that answer): the service's JVM, PostgreSQL and the fake Sonarr, the share of the %d cores they kept \
        busy, and the most CPU the service could have spent in a sync %.1fx the floor if PostgreSQL and the \
        fake Sonarr needed what they needed here and every core were busy all along.

        | round | span | service CPU | PostgreSQL CPU | Sonarr CPU | cores busy | service CPU a %.1fx sync allows |
        |---|---:|---:|---:|---:|---:|---:|
        """, Runtime.getRuntime().availableProcessors(), limit, limit));
    for (Round r : rounds) {
      CpuInSync cpu = r.first().inSync();
      md.append(String.format(Locale.ROOT, "| %d | %.2f s | %.2f s | %.2f s | %.2f s | %.0f%% | %.2f s |%n", r.number(),
          cpu.wall(), cpu.service(), cpu.postgres(), cpu.sonarr(), cpu.coresBusy() * 100, r.serviceBudget(limit)));
    }
    md.append(String.format(Locale.ROOT, "| **median** | %.2f s | **%.2f s** | %.2f s | %.2f s | %.0f%% | **%.2f s** |%n%n",
        median(rounds, r -> r.first().inSync().wall()), median(rounds, r -> r.first().inSync().service()),
        median(rounds, r -> r.first().inSync().postgres()), median(rounds, r -> r.first().inSync().sonarr()),
        median(rounds, r -> r.first().inSync().coresBusy()) * 100, median(rounds, r -> r.serviceBudget(limit))));
    return md.toString();
  }

  private static String target(String name, double value, boolean met) {
    return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, value, met ? "yes" : "no");
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
    double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String javaVersion(Path java) {
    return firstLineOf(List.of(java.toString(), "-version"));
  }

  private static String postgresVersion() {
    return firstLineOf(List.of("psql", "--version"));
  }

  private static String firstLineOf(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
          .orElse("?");
      process.waitFor(1, TimeUnit.MINUTES);
      return first.replace("\"", "");
    } catch (IOException | InterruptedException e) {
      return "?";
    }
  }

  /** The fake Sonarr's process: it ends when its standard input closes or when closed. */
  private static final class FakeSonarr implements AutoCloseable {
    private final Process process;
    private final String url;

    private FakeSonarr(Process process, String url) {
      this.process = process;
      this.url = url;
    }

    static FakeSonarr start(Library library, Path workDirectory) throws Exception {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process = new ProcessBuilder(java.toString(), "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
          FakeSonarrMain.class.getName(), "--series", Integer.toString(library.series()),
          "--episodes", Integer.toString(library.episodes()))
          .redirectError(workDirectory.resolve("sonarr.log").toFile()).start();
      BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = output.readLine();
      if (line == null || !line.startsWith("listening ")) {
        process.destroyForcibly();
        throw new IllegalStateException("the fake Sonarr did not start: " + line + " "
            + Files.readString(workDirectory.resolve("sonarr.log")));
      }
      return new FakeSonarr(process, line.substring("listening ".length()));
    }

    String url() {
      return url;
    }

    double cpuSeconds() {
      return CpuTime.processSeconds(process.pid());
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  record Library(int series, int episodes) {
    static Library parse(String text) {
      String[] parts = text.split("x");
      return new Library(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
  }

  record Options(List<Library> libraries, int rounds, Path jar, Path java, List<String> jvmOptions, int fetchConcurrency,
      boolean train, Path output) {
    static Options parse(String[] args) {
      List<Library> libraries = List.of(new Library(2_000, 100_000), new Library(500, 20_000));
      int rounds = 3;
      Path jar = Path.of("target/autoanime.jar");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> jvmOptions = List.of("-Xmx512m");
      int fetchConcurrency = 8;
      boolean train = false;
      Path output = Path.of("docs/cold-start-benchmark.md");
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--libraries" -> libraries = Arrays.stream(args[++i].split(",")).map(Library::parse).toList();
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--jar" -> jar = Path.of(args[++i]);
          case "--java" -> java = Path.of(args[++i]);
          case "--jvm-options" -> jvmOptions = Arrays.stream(args[++i].trim().split("\\s+")).filter(o -> !o.isEmpty())
              .toList();
          case "--fetch-concurrency" -> fetchConcurrency = Integer.parseInt(args[++i]);
          case "--train" -> train = true;
          case "--out" -> output = args[++i].equals("-") ? null : Path.of(args[i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --libraries "
              + "2000x100000,500x20000 --rounds N --jar FILE --java FILE --jvm-options \"-Xmx512m ...\" "
              + "--fetch-concurrency N --train --out FILE|-)");
        }
      }
      return new Options(libraries, rounds, jar, java, jvmOptions, fetchConcurrency, train, output);
    }
  }
}
