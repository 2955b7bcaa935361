package io.autoanime.downloads;

import java.util.List;

/**
 * Which file of a finished torrent goes to which episodes: {@code files} to import, the video files
 * nobody could place (reported, not imported), and the tracked episodes no file was found for.
 */
public record ImportPlan(List<FileForEpisodes> files, List<String> unplacedFiles, List<Long> episodesWithoutFile) {
  /** One file (its path inside the torrent) and the episodes (row ids) it holds. */
  public record FileForEpisodes(String name, List<Long> episodeIds) {}

  public ImportPlan {
    files = List.copyOf(files);
    unplacedFiles = List.copyOf(unplacedFiles);
    episodesWithoutFile = List.copyOf(episodesWithoutFile);
  }
}
