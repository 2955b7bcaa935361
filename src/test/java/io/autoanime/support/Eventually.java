package io.autoanime.support;

import java.util.function.BooleanSupplier;

/** Waits for something the service does in the background (a webhook's sync, say). */
public final class Eventually {
  private static final long LIMIT_MS = 60_000;

  private Eventually() {}

  /** Polls until {@code condition} holds; fails (naming {@code what}) when it does not within a minute. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + LIMIT_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("still waiting, after " + LIMIT_MS / 1000 + " s, for: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what);
      }
    }
  }
}
