package io.autoanime.bench;

import io.autoanime.bench.SyncBenchmark.BenchOptions;
import io.autoanime.bench.SyncBenchmark.PhaseResult;
import io.autoanime.training.GeneratedLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Renders the benchmark's results as the Markdown of docs/benchmarks.md. */
final class BenchReport {
  private BenchReport() {}

  static String render(BenchOptions options, int series, int episodes, long coldInitialSyncNanos,
      List<PhaseResult> results) {
    PhaseResult initial = results.get(0);
    PhaseResult noop = results.get(1);
    PhaseResult changed = results.get(2);
    PhaseResult fetch = results.get(3);
    PhaseResult copy = results.get(4);
    double floor = fetch.seconds() + copy.seconds();
    StringBuilder md = new StringBuilder();
    md.append("# Sync benchmark\n\n")
        .append(String.format(Locale.ROOT, "Library: %,d series, %,d episodes (%d series of %,d episodes); "
            + "Sonarr concurrency %d.%n%n", series, episodes, GeneratedLibrary.LONG_SERIES,
            GeneratedLibrary.LONG_SERIES_EPISODES, options.concurrency()))
        .append("Machine: ").append(machine()).append("\n\n")
        .append(String.format(Locale.ROOT, "Each phase ran %d times after %d warm-up rounds of the same work on a scratch "
            + "copy; the table shows the round with the median wall time. The very first initial sync of the cold "
            + "JVM, JIT compilation included, took %.2f s.%n%n", options.rounds(), SyncBenchmark.WARM_UP_ROUNDS,
            coldInitialSyncNanos / 1e9))
        .append("| phase | wall time | every round | rows/s | rows inserted | rows updated | WAL written | CPU: JVM | "
            + "CPU: PostgreSQL | peak heap used | peak live heap |\n")
        .append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (PhaseResult r : results) {
      String rounds = r.roundSeconds().stream().map(t -> String.format(Locale.ROOT, "%.2f", t))
          .collect(java.util.stream.Collectors.joining(" / "));
      md.append(String.format(Locale.ROOT,
          "| %s | %.2f s | %s | %,.0f | %,d | %,d | %.1f MiB | %.2f s | %.2f s | %.0f MiB | %.0f MiB |%n",
          r.name(), r.seconds(), rounds, r.rows() / r.seconds(), r.rowsInserted(), r.rowsUpdated(),
          r.walBytes() / 1048576.0, r.cpu().jvmSeconds(), r.cpu().postgresSeconds(),
          r.peakHeapBytes() / 1048576.0, r.peakLiveBytes() / 1048576.0));
    }
    md.append("\n| target | measured | met |\n|---|---:|---|\n")
        .append(target("initial sync / (fetch floor + COPY floor) <= 1.5", initial.seconds() / floor, initial.seconds() / floor <= 1.5))
        .append(target("no-op resync: rows rewritten = 0", noop.rowsUpdated() + noop.rowsInserted(),
            noop.rowsUpdated() + noop.rowsInserted() == 0))
        .append(target("no-op resync WAL / initial WAL < 1%", 100.0 * noop.walBytes() / initial.walBytes(),
            noop.walBytes() < initial.walBytes() / 100))
        .append(target("no-op resync / fetch floor <= 1.2", noop.seconds() / fetch.seconds(), noop.seconds() / fetch.seconds() <= 1.2))
        .append(target("1% resync rows rewritten (expected ~2% of episodes + touched series)",
            changed.rowsUpdated() + changed.rowsInserted(), true))
        .append(target("peak live heap of any sync phase < 256 MiB (MiB)",
            Math.max(initial.peakLiveBytes(), Math.max(noop.peakLiveBytes(), changed.peakLiveBytes())) / 1048576.0,
            Math.max(initial.peakLiveBytes(), Math.max(noop.peakLiveBytes(), changed.peakLiveBytes())) < 256L << 20))
        .append("\nRatios: initial / floor ").append(String.format(Locale.ROOT, "%.2f", initial.seconds() / floor))
        .append(", no-op / fetch floor ").append(String.format(Locale.ROOT, "%.2f", noop.seconds() / fetch.seconds()))
        .append(", 1% resync / floor ").append(String.format(Locale.ROOT, "%.2f", changed.seconds() / floor))
        .append(".\n\nPeak heap used is the sum of the heap pools' peaks while the phase ran, garbage included (an upper "
            + "bound); peak live heap is the most heap still in use just after a garbage collection. Both are of one JVM "
            + "that also runs the fake Sonarr. Rows and WAL come from `pg_stat_user_tables` and `pg_current_wal_lsn()`. CPU is "
            + "the time the phase used of the JVM (fake Sonarr included) and of every PostgreSQL process; on 2 cores "
            + "their sum over 2 is the least wall time the phase could take.\n");
    return md.toString();
  }

  static String renderHttp(List<HttpLoad.Result> results) {
    StringBuilder md = new StringBuilder("\n## Reads under load (64 connections, closed loop)\n\n"
        + "| route | requests/s | p50 | p99 | errors | bytes per answer |\n|---|---:|---:|---:|---:|---:|\n");
    for (HttpLoad.Result r : results) {
      md.append(String.format(Locale.ROOT, "| `GET %s` | %,.0f | %.1f ms | %.1f ms | %d | %,d |%n", r.path(),
          r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.requests() == 0 ? 0 : r.bytes() / r.requests()));
    }
    return md.toString();
  }

  private static String target(String name, double measured, boolean met) {
    return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, measured, met ? "yes" : "**no**");
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (Exception ignored) {
      // not Linux
    }
    return String.format(Locale.ROOT, "%d cores (%s), %d MiB max heap, Java %s, %s", Runtime.getRuntime().availableProcessors(),
        cpu, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("os.name"));
  }
}
