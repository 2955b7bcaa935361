package io.autoanime.bench;

import io.autoanime.Application;
import io.autoanime.bus.Addresses;
import io.autoanime.config.AppConfig;
import io.autoanime.config.AppConfig.SonarrTuning;
import io.autoanime.db.Database;
import io.autoanime.metrics.MeteredVertx;
import io.autoanime.sonarr.SonarrClient;
import io.autoanime.training.GeneratedLibrary;
import io.autoanime.training.GeneratedSonarr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The sync benchmark (a benchmark, not a test): an embedded PostgreSQL and an in-process fake Sonarr
 * serving a generated library; measures the initial sync, a no-op resync, a 1%-changed resync and
 * the floors (fetch + decode only; COPY of the same episode rows). Run from the README's command.
 */
public final class SyncBenchmark {
  private static final List<String> LIBRARY_TABLES =
      List.of("series", "series_seasons", "series_episodes", "series_images", "series_alternate_titles");

  private final BenchOptions options;
  private final GeneratedLibrary library;
  /** The server's own "postgres" database, from which the measured databases are created and dropped. */
  private Database maintenance;
  private Database database;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  static final int WARM_UP_ROUNDS = 3;

  private String statementsOfInitialSync = "";
  private long coldInitialSyncNanos;
  private Vertx sonarrVertx;
  private GeneratedSonarr sonarr;

  private SyncBenchmark(BenchOptions options) {
    this.options = options;
    this.library = new GeneratedLibrary(options.series(), options.episodes());
  }

  public static void main(String[] args) throws Exception {
    SyncBenchmark benchmark = new SyncBenchmark(BenchOptions.parse(args));
    try {
      benchmark.run();
    } finally {
      benchmark.close();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    // The service's own embedded settings (fsync and synchronous commit on), plus pg_stat_statements
    // to show where the database time goes.
    Path dataDirectory = Files.createTempDirectory("autoanime-bench-pg");
    postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("pg_stat_statements.track_planning", "on")
        .start();
    Timer.cpu = new CpuTime(dataDirectory);
    maintenance = Database.external(new io.autoanime.config.DatabaseUrl("localhost", postgres.getPort(), "postgres",
        "postgres", ""));
    database = maintenance;
    sonarrVertx = Vertx.vertx();
    sonarr = new GeneratedSonarr(sonarrVertx, library).start();
    int episodes = 0;
    for (long id = 1; id <= library.seriesCount(); id++) {
      episodes += library.episodesOf(id);
    }
    System.out.printf(Locale.ROOT, "Library: %d series, %d episodes; Sonarr concurrency %d%n",
        library.seriesCount(), episodes, options.concurrency());
    int work = library.seriesCount() + episodes;

    warmUp();
    List<List<PhaseResult>> rounds = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      System.out.println("Round " + round + " of " + options.rounds());
      if (round > 1) {
        dropDatabase("bench" + (round - 1));
      }
      database = scratchDatabase("bench" + round);
      library.revision(0);
      List<PhaseResult> phases = new ArrayList<>();
      phases.add(measure("initial full sync", work, this::syncOnce));
      if (round == 1) {
        statementsOfInitialSync = topStatements();
      }
      phases.add(measure("no-op resync", work, this::syncOnce));
      library.revision(1);
      phases.add(measure("resync, 1% changed + 1% new", work, this::syncOnce));
      phases.add(measure("floor: fetch + decode", work, this::fetchOnly));
      phases.add(measure("floor: COPY episodes", episodes, this::copyEpisodes));
      phases.add(measure("fetch without decoding (not a floor)", work, this::fetchWithoutDecoding));
      rounds.add(phases);
    }
    List<PhaseResult> results = PhaseResult.medians(rounds);

    List<HttpLoad.Result> http = httpLoad();
    String report = BenchReport.render(options, library.seriesCount(), episodes, coldInitialSyncNanos, results)
        + BenchReport.renderHttp(http) + statementsOfInitialSync;
    System.out.println(report);
    if (options.output() != null) {
      Files.createDirectories(options.output().toAbsolutePath().getParent());
      Files.writeString(options.output(), report);
      System.out.println("Written to " + options.output());
    }
  }

  /**
   * The measured work, at full size, on a scratch library and database, before anything is measured
   * (as JMH's warm-up iterations do): HotSpot keeps compiling and recompiling the hot paths for several
   * seconds of a large sync, and a compiler thread on one of two cores would otherwise fall on the
   * initial sync alone. The first initial sync of the cold JVM is reported beside the measured phases.
   */
  private void warmUp() throws Exception {
    GeneratedLibrary scratchLibrary = new GeneratedLibrary(options.series(), options.episodes());
    Vertx scratchVertx = Vertx.vertx();
    try {
      GeneratedSonarr scratchSonarr = new GeneratedSonarr(scratchVertx, scratchLibrary).start();
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        Database scratch = scratchDatabase("warmup" + round);
        scratchLibrary.revision(0);
        syncOnce(scratch, scratchSonarr.url());
        if (round == 0) {
          coldInitialSyncNanos = Timer.elapsedNanos();
        }
        syncOnce(scratch, scratchSonarr.url());
        scratchLibrary.revision(1);
        syncOnce(scratch, scratchSonarr.url());
        fetchOnly(scratchSonarr.url(), true);
        dropDatabase("warmup" + round);
      }
    } finally {
      scratchVertx.close().await(1, TimeUnit.MINUTES);
    }
    System.out.printf(Locale.ROOT, "Warmed up: %d rounds on a scratch copy of the library (cold JVM initial sync %.2f s)%n",
        WARM_UP_ROUNDS, coldInitialSyncNanos / 1e9);
  }

  /**
   * Databases of earlier rounds are dropped, so that autovacuum never works on them while a later
   * round is measured.
   */
  private void dropDatabase(String name) throws Exception {
    try (Connection connection = jdbc(maintenance)) {
      connection.createStatement().execute("DROP DATABASE " + name + " WITH (FORCE)");
    }
  }

  private Database scratchDatabase(String name) throws Exception {
    try (Connection connection = jdbc(maintenance)) {
      connection.createStatement().execute("CREATE DATABASE " + name);
    }
    Database scratch = Database.external(new io.autoanime.config.DatabaseUrl("localhost", postgres.getPort(), name,
        "postgres", ""));
    scratch.migrate();
    try (Connection connection = jdbc(scratch)) {
      connection.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }
    return scratch;
  }

  private JsonObject syncOnce() throws Exception {
    return syncOnce(database, sonarr.url());
  }

  /** Starts the service, runs one full sync over the bus, stops the service (which flushes its statistics). */
  private JsonObject syncOnce(Database target, String sonarrUrl) throws Exception {
    MeteredVertx metered = MeteredVertx.create();
    Vertx vertx = metered.vertx();
    try {
      Application app = Application.start(metered, serviceConfig(sonarrUrl), target).await(5, TimeUnit.MINUTES);
      Timer.start();
      JsonObject run = vertx.eventBus().<JsonObject>request(Addresses.SYNC, new JsonObject().put("mode", "full"),
          new DeliveryOptions().setSendTimeout(TimeUnit.HOURS.toMillis(1))).await(1, TimeUnit.HOURS).body();
      Timer.stop();
      app.stop().await(1, TimeUnit.MINUTES);
      if (!"succeeded".equals(run.getString("status"))) {
        throw new IllegalStateException("the sync did not succeed: " + run.encode());
      }
      return run.getJsonObject("counts");
    } finally {
      vertx.close().await(1, TimeUnit.MINUTES);
    }
  }

  /** Throughput and latency of the two heaviest reads, 64 connections each, served by the real service. */
  private List<HttpLoad.Result> httpLoad() throws Exception {
    MeteredVertx metered = MeteredVertx.create();
    try {
      Application app = Application.start(metered, serviceConfig(sonarr.url()), database).await(5, TimeUnit.MINUTES);
      long longSeries;
      try (Connection connection = jdbc(); ResultSet rs = connection.createStatement().executeQuery(
          "SELECT id FROM series WHERE sonarr_id = 1")) {
        rs.next();
        longSeries = rs.getLong(1);
      }
      List<HttpLoad.Result> results = new ArrayList<>();
      for (String path : List.of("/api/series", "/api/series/" + longSeries + "/episodes")) {
        HttpLoad.Result result = HttpLoad.run(app.httpPort(), path, 64, options.httpSeconds());
        System.out.println(result.line());
        results.add(result);
      }
      app.stop().await(1, TimeUnit.MINUTES);
      return results;
    } finally {
      metered.vertx().close().await(1, TimeUnit.MINUTES);
    }
  }

  private AppConfig serviceConfig(String sonarrUrl) {
    return AppConfig.fromJson(new JsonObject()
        .put(AppConfig.PORT, 0).put(AppConfig.SYNC_ON_STARTUP, false).put(AppConfig.SYNC_INTERVAL_MINUTES, 0)
        .put(AppConfig.SONARR_URL, sonarrUrl).put(AppConfig.SONARR_API_KEY, GeneratedSonarr.API_KEY)
        .put(AppConfig.SONARR_CONCURRENCY, options.concurrency()));
  }

  private JsonObject fetchOnly() throws Exception {
    return fetchOnly(sonarr.url(), true);
  }

  /** Not a floor: the fetch without decoding the episode lists, to show what decoding costs. */
  private JsonObject fetchWithoutDecoding() throws Exception {
    return fetchOnly(sonarr.url(), false);
  }

  /** What the sync cannot avoid: every list fetched from Sonarr and decoded, nothing written. */
  private JsonObject fetchOnly(String sonarrUrl, boolean decode) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SonarrClient client = new SonarrClient(vertx, sonarrUrl, GeneratedSonarr.API_KEY,
          new SonarrTuning(30, 0, 0, options.concurrency()));
      Timer.start();
      int decoded = vertx.executeBlocking(() -> 0).compose(ignored -> client.seriesList()).compose(list -> {
        List<Future<Integer>> all = new ArrayList<>();
        for (var entry : list) {
          all.add(decode
              ? client.episodes(entry.sonarrId()).map(List::size)
              : client.episodesBody(entry.sonarrId()).map(body -> body.length() > 0 ? 1 : 0));
        }
        return Future.all(all).map(done -> all.stream().mapToInt(Future::result).sum());
      }).await(1, TimeUnit.HOURS);
      Timer.stop();
      return new JsonObject().put(decode ? "episodesDecoded" : "episodeListsFetched", decoded);
    } finally {
      vertx.close().await(1, TimeUnit.MINUTES);
    }
  }

  /** PostgreSQL's own fastest load of the same episode rows into an identical, empty, indexed table. */
  private JsonObject copyEpisodes() throws Exception {
    try (Connection connection = jdbc()) {
      CopyFloor floor = new CopyFloor(connection);
      Timer.start();
      long copied = floor.copy();
      Timer.stop();
      return new JsonObject().put("rowsCopied", copied);
    }
  }

  /** The statements the database spent most time on, as a Markdown table. */
  private String topStatements() throws Exception {
    StringBuilder md = new StringBuilder("\n## Where the initial sync's database time went (pg_stat_statements)\n\n"
        + "| statement | calls | executing, ms | planning, ms | mean ms | rows |\n|---|---:|---:|---:|---:|---:|\n");
    try (Connection connection = jdbc(); ResultSet rs = connection.createStatement().executeQuery("""
        SELECT regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS query, calls, total_exec_time, total_plan_time,
               mean_exec_time, rows
          FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 12""")) {
      while (rs.next()) {
        md.append(String.format(Locale.ROOT, "| `%s` | %,d | %,.0f | %,.0f | %.3f | %,d |%n",
            rs.getString(1).replace("|", "/"), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
            rs.getLong(6)));
      }
    }
    return md.toString();
  }

  private PhaseResult measure(String name, int rows, Callable<JsonObject> action) throws Exception {
    try (Connection connection = jdbc()) {
      connection.createStatement().execute("SELECT pg_stat_statements_reset()");
    }
    System.gc();
    DatabaseCounters before = counters();
    resetHeapPeaks();
    HeapWatch.reset();
    JsonObject detail = action.call();
    long peakHeap = heapPeak();
    long peakLive = HeapWatch.peakLiveBytes();
    Thread.sleep(200);
    DatabaseCounters after = counters();
    PhaseResult result = new PhaseResult(name, Timer.elapsedNanos(), rows, after.inserted() - before.inserted(),
        after.updated() - before.updated(), after.walBytes() - before.walBytes(), peakHeap, peakLive, Timer.cpuUsed(),
        detail, List.of());
    System.out.println(result.line());
    return result;
  }

  private record DatabaseCounters(long inserted, long updated, long walBytes) {}

  private DatabaseCounters counters() throws Exception {
    try (Connection connection = jdbc()) {
      connection.createStatement().execute("SELECT pg_stat_clear_snapshot()");
      ResultSet stats = connection.createStatement().executeQuery(
          "SELECT COALESCE(sum(n_tup_ins), 0), COALESCE(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname IN ('"
              + String.join("','", LIBRARY_TABLES) + "', 'bench_copy')");
      stats.next();
      ResultSet wal = connection.createStatement().executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
      wal.next();
      return new DatabaseCounters(stats.getLong(1), stats.getLong(2), wal.getLong(1));
    }
  }

  private Connection jdbc() throws Exception {
    return jdbc(database);
  }

  private static Connection jdbc(Database target) throws Exception {
    var url = target.url();
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static void resetHeapPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap in use during the phase. */
  private static long heapPeak() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed())
        .sum();
  }

  private void close() throws Exception {
    if (sonarrVertx != null) {
      sonarrVertx.close().await(1, TimeUnit.MINUTES);
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Wall time of the measured part of a phase (set-up and tear-down excluded). */
  static final class Timer {
    private static CpuTime cpu;
    private static long started;
    private static long elapsed;
    private static CpuTime.Sample cpuAtStart;
    private static CpuTime.Sample cpuUsed;

    static void start() {
      cpuAtStart = cpu.sample();
      started = System.nanoTime();
    }

    static void stop() {
      elapsed = System.nanoTime() - started;
      cpuUsed = cpu.sample().minus(cpuAtStart);
    }

    static CpuTime.Sample cpuUsed() {
      return cpuUsed;
    }

    static long elapsedNanos() {
      return elapsed;
    }
  }

  record BenchOptions(int series, int episodes, int concurrency, int rounds, double httpSeconds, Path output) {
    static BenchOptions parse(String[] args) {
      int rounds = 3;
      double httpSeconds = 10;
      int series = 2_000;
      int episodes = 100_000;
      int concurrency = 4;
      Path output = Path.of("docs/benchmarks.md");
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--series" -> series = Integer.parseInt(args[++i]);
          case "--episodes" -> episodes = Integer.parseInt(args[++i]);
          case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--http-seconds" -> httpSeconds = Double.parseDouble(args[++i]);
          case "--out" -> output = args[++i].equals("-") ? null : Path.of(args[i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + " (options: --series N --episodes N --concurrency N --rounds N --http-seconds S --out FILE|-)");
        }
      }
      return new BenchOptions(series, episodes, concurrency, rounds, httpSeconds, output);
    }
  }

  record PhaseResult(String name, long nanos, int rows, long rowsInserted, long rowsUpdated, long walBytes,
      long peakHeapBytes, long peakLiveBytes, CpuTime.Sample cpu, JsonObject detail, List<Double> roundSeconds) {
    /** Per phase, the round with the median wall time, carrying every round's wall time. */
    static List<PhaseResult> medians(List<List<PhaseResult>> rounds) {
      List<PhaseResult> medians = new ArrayList<>();
      for (int phase = 0; phase < rounds.get(0).size(); phase++) {
        int index = phase;
        List<PhaseResult> byTime = rounds.stream().map(r -> r.get(index))
            .sorted(java.util.Comparator.comparingLong(PhaseResult::nanos)).toList();
        PhaseResult median = byTime.get(byTime.size() / 2);
        List<Double> times = rounds.stream().map(r -> r.get(index).seconds()).toList();
        medians.add(new PhaseResult(median.name, median.nanos, median.rows, median.rowsInserted, median.rowsUpdated,
            median.walBytes, median.peakHeapBytes, median.peakLiveBytes, median.cpu, median.detail, times));
      }
      return medians;
    }

    double seconds() {
      return nanos / 1e9;
    }

    String line() {
      return String.format(Locale.ROOT,
          "%-30s %8.2f s %10.0f rows/s  ins %7d  upd %7d  WAL %8.1f MiB  heap %6.1f MiB (live %6.1f MiB)"
              + "  CPU jvm %5.2f s pg %5.2f s  %s",
          name, seconds(), rows / seconds(), rowsInserted, rowsUpdated, walBytes / 1048576.0,
          peakHeapBytes / 1048576.0, peakLiveBytes / 1048576.0, cpu.jvmSeconds(), cpu.postgresSeconds(),
          detail.encode());
    }
  }
}
