package io.autoanime;

import java.util.Map;

/**
 * Netty settings the service makes before any Netty class loads: {@link Main} and the training run
 * of the container image call {@link #apply()} first. A value given to the JVM ({@code -D...}) wins.
 *
 * <p>{@code io.netty.jfr.enabled=false}: Netty 4.2 reports every buffer it allocates, grows and frees
 * as a Java Flight Recorder event whenever the JVM has JFR, recording or not. That starts JFR's own
 * classes (about a hundred) and puts a check into each buffer's life, all of it run interpreted or
 * C1-compiled on a freshly started JVM: about 0.3 s of the container JVM's 3.3 s of CPU for a start
 * and a first sync of 20,000 episodes (docs/cold-start.md). Set it to {@code true} to see Netty's
 * buffers in a recording.
 */
public final class NettyDefaults {
  static final Map<String, String> PROPERTIES = Map.of("io.netty.jfr.enabled", "false");

  private NettyDefaults() {}

  public static void apply() {
    PROPERTIES.forEach((key, value) -> {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    });
  }
}
