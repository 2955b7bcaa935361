package io.autoanime.library;

/** An episode as the user knows it, and as the web UI names it: {@code S01E05} (season 0: {@code S00E01}). */
public final class EpisodeCode {
  private EpisodeCode() {}

  public static String of(int seasonNumber, int episodeNumber) {
    return String.format("S%02dE%02d", seasonNumber, episodeNumber);
  }
}
