package io.autoanime.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and by the PostgreSQL server (postmaster, live backends and the backends
 * it has already reaped), to tell who a phase's wall time was spent on. Linux only; 0 elsewhere.
 */
final class CpuTime {
  /** Linux's USER_HZ, the unit of /proc/PID/stat's times, is 100 on every common platform. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long postmasterPid;

  CpuTime(Path dataDirectory) throws IOException {
    this(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim()));
  }

  CpuTime(long postmasterPid) {
    this.postmasterPid = postmasterPid;
  }

  record Sample(double jvmSeconds, double postgresSeconds) {
    Sample minus(Sample earlier) {
      return new Sample(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
    }
  }

  Sample sample() {
    return new Sample(jvmSeconds(), postgresSeconds());
  }

  private static double jvmSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getProcessCpuTime() / 1e9;
    }
    return 0;
  }

  /** CPU time of one process (its threads included, its children not), or 0 once it is gone. */
  static double processSeconds(long pid) {
    String[] stat = stat(pid);
    return stat == null ? 0 : (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / TICKS_PER_SECOND;
  }

  double postgresSeconds() {
    long ticks = 0;
    String[] postmaster = stat(postmasterPid);
    if (postmaster == null) {
      return 0;
    }
    // Fields after the command name: utime=11, stime=12, cutime=13, cstime=14 (0-based in the rest).
    ticks += Long.parseLong(postmaster[11]) + Long.parseLong(postmaster[12])
        + Long.parseLong(postmaster[13]) + Long.parseLong(postmaster[14]);
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        String name = process.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] child = stat(Long.parseLong(name));
        if (child != null && Long.parseLong(child[1]) == postmasterPid) {
          ticks += Long.parseLong(child[11]) + Long.parseLong(child[12]);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The fields of /proc/PID/stat after the parenthesised command name, or null if it is gone. */
  private static String[] stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
