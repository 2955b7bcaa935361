package io.autoanime.downloads;

import io.autoanime.releases.ParsedRelease;
import io.autoanime.releases.ReleaseTitleParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the video file of each episode in a finished torrent, without I/O. A torrent with one video
 * file: that file, for a download of one episode. Otherwise each file's own episode number is read
 * by the release parser from its name (absolute for anime, else within the season, the other reading
 * as a fallback), whether the download tracks one episode or a batch: a batch release downloaded for
 * one of its episodes holds the others' files too. A video file no tracked episode claims is
 * reported, the rest imported. Only when no video file names an episode number at all is the
 * largest taken for a download of one episode, and then only when it is plausibly the episode: at
 * least {@link #MAIN_FILE_FACTOR} times the size of every other video file (the rest are samples,
 * previews); else nothing is placed.
 */
public final class ImportPlanner {
  private static final Set<String> VIDEO_EXTENSIONS = Set.of("mkv", "mp4", "avi", "m4v", "wmv", "mov", "ts", "m2ts",
      "webm", "flv", "ogm", "mpg", "mpeg");
  /** How much larger than every other video file an unnumbered file must be to count as the episode. */
  static final int MAIN_FILE_FACTOR = 5;

  /** An episode of the download, with the numbers a file name may use. */
  public record EpisodeNumbers(long episodeId, int seasonNumber, int episodeNumber, Integer absoluteNumber) {}

  /** A file of the torrent: its path inside the torrent and its size. */
  public record TorrentFileEntry(String name, long size) {}

  private ImportPlanner() {}

  public static boolean isVideo(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  public static ImportPlan plan(List<EpisodeNumbers> episodes, List<TorrentFileEntry> files, boolean anime) {
    List<TorrentFileEntry> videos = files.stream().filter(f -> isVideo(f.name())).toList();
    if (episodes.isEmpty()) {
      return new ImportPlan(List.of(), videos.stream().map(TorrentFileEntry::name).toList(), List.of());
    }
    if (videos.isEmpty()) {
      return new ImportPlan(List.of(), List.of(), episodes.stream().map(EpisodeNumbers::episodeId).toList());
    }
    if (episodes.size() == 1 && videos.size() == 1) {
      return new ImportPlan(List.of(new ImportPlan.FileForEpisodes(videos.get(0).name(), List.of(episodes.get(0).episodeId()))),
          List.of(), List.of());
    }
    if (episodes.size() == 1 && videos.stream().noneMatch(ImportPlanner::namesAnEpisode)) {
      return planByMainFile(episodes.get(0), videos);
    }
    Map<Long, TorrentFileEntry> chosen = new LinkedHashMap<>();
    Map<TorrentFileEntry, List<Long>> byFile = new LinkedHashMap<>();
    List<String> unplaced = new ArrayList<>();
    for (TorrentFileEntry video : videos.stream().sorted(Comparator.comparingLong(TorrentFileEntry::size).reversed()).toList()) {
      List<Long> claimed = episodesOf(video, episodes, anime).stream().filter(id -> !chosen.containsKey(id)).toList();
      if (claimed.isEmpty()) {
        unplaced.add(video.name());
        continue;
      }
      claimed.forEach(id -> chosen.put(id, video));
      byFile.put(video, claimed);
    }
    List<ImportPlan.FileForEpisodes> plan = new ArrayList<>();
    byFile.forEach((file, ids) -> plan.add(new ImportPlan.FileForEpisodes(file.name(), ids)));
    plan.sort(Comparator.comparing(ImportPlan.FileForEpisodes::name));
    List<Long> missing = episodes.stream().map(EpisodeNumbers::episodeId).filter(id -> !chosen.containsKey(id)).toList();
    unplaced.sort(Comparator.naturalOrder());
    return new ImportPlan(plan, unplaced, missing);
  }

  /** Several video files, none numbered: the largest when it dwarfs the others, else none (all reported). */
  private static ImportPlan planByMainFile(EpisodeNumbers episode, List<TorrentFileEntry> videos) {
    List<TorrentFileEntry> bySize = videos.stream().sorted(Comparator.comparingLong(TorrentFileEntry::size).reversed()).toList();
    TorrentFileEntry largest = bySize.get(0);
    boolean dwarfsTheRest = bySize.stream().skip(1).allMatch(other -> other.size() * MAIN_FILE_FACTOR <= largest.size());
    if (!dwarfsTheRest) {
      return new ImportPlan(List.of(), videos.stream().map(TorrentFileEntry::name).sorted().toList(),
          List.of(episode.episodeId()));
    }
    List<String> others = bySize.stream().skip(1).map(TorrentFileEntry::name).sorted().toList();
    return new ImportPlan(List.of(new ImportPlan.FileForEpisodes(largest.name(), List.of(episode.episodeId()))), others,
        List.of());
  }

  private static boolean namesAnEpisode(TorrentFileEntry file) {
    return !wholeNumbers(parsedName(file)).isEmpty();
  }

  private static ParsedRelease parsedName(TorrentFileEntry file) {
    String name = file.name().substring(file.name().lastIndexOf('/') + 1);
    return ReleaseTitleParser.parse(name.substring(0, Math.max(name.lastIndexOf('.'), 0)));
  }

  /** The episode numbers a name states, without the fractional ones (12.5 recaps). */
  private static List<Integer> wholeNumbers(ParsedRelease parsed) {
    return parsed.episodeNumbers().stream().filter(n -> n.stripTrailingZeros().scale() <= 0).map(BigDecimal::intValue)
        .toList();
  }

  private static List<Long> episodesOf(TorrentFileEntry file, List<EpisodeNumbers> episodes, boolean anime) {
    ParsedRelease parsed = parsedName(file);
    Set<Long> found = new LinkedHashSet<>();
    for (int n : wholeNumbers(parsed)) {
      List<Long> absolute = matching(episodes, e -> e.absoluteNumber() != null && e.absoluteNumber() == n);
      List<Long> inSeason = matching(episodes, e -> e.episodeNumber() == n
          && (parsed.seasonNumber() == null || parsed.seasonNumber() == e.seasonNumber()));
      boolean preferAbsolute = anime && (parsed.seasonNumber() == null || parsed.absolute());
      List<Long> first = preferAbsolute ? absolute : inSeason;
      found.addAll(first.isEmpty() ? (preferAbsolute ? inSeason : absolute) : first);
    }
    return new ArrayList<>(found);
  }

  private static List<Long> matching(List<EpisodeNumbers> episodes, java.util.function.Predicate<EpisodeNumbers> test) {
    List<EpisodeNumbers> hits = episodes.stream().filter(test).toList();
    return hits.size() == 1 ? List.of(hits.get(0).episodeId()) : List.of();
  }
}
