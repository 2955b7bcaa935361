package io.autoanime.bench;

import io.autoanime.training.GeneratedLibrary;
import io.autoanime.training.GeneratedSonarr;
import io.vertx.core.Vertx;
import java.io.IOException;

/**
 * A fake Sonarr in a process of its own, serving a {@link GeneratedLibrary}: {@code --series N
 * --episodes N}. Prints {@code listening URL} once it answers, and exits when its standard input
 * closes (so it never outlives the benchmark that started it).
 */
public final class FakeSonarrMain {
  private FakeSonarrMain() {}

  public static void main(String[] args) throws Exception {
    int series = 2_000;
    int episodes = 100_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--series" -> series = Integer.parseInt(args[++i]);
        case "--episodes" -> episodes = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --series N --episodes N)");
      }
    }
    Vertx vertx = Vertx.vertx();
    GeneratedSonarr sonarr = new GeneratedSonarr(vertx, new GeneratedLibrary(series, episodes)).start();
    System.out.println("listening " + sonarr.url());
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // Nothing is read from the parent: end of input means it is gone.
      }
    } catch (IOException e) {
      // The same: the parent is gone.
    }
    System.exit(0);
  }
}
