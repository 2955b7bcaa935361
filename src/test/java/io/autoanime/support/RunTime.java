package io.autoanime.support;

import java.lang.management.ManagementFactory;

/** Wall time and this JVM's CPU time since a start, for the fuzz tests' summaries (the machine may be shared). */
public record RunTime(long startNanos, long startCpuNanos) {
  public static RunTime start() {
    return new RunTime(System.nanoTime(), cpuNanos());
  }

  @Override
  public String toString() {
    return String.format("%.1f s wall, %.1f s CPU of this JVM", (System.nanoTime() - startNanos) / 1e9,
        (cpuNanos() - startCpuNanos) / 1e9);
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }
}
