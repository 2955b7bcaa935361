package io.autoanime.matching;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.releases.ParsedRelease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders the releases placed on one episode, best first, and says why. In order of weight:
 * <ol>
 *   <li>releases that break a must-contain or must-not-contain word, and uploads of a subtitle or
 *       audio file alone ({@code ... - 19 [HorribleSubs].ass}, seen on nyaa), are rejected (listed
 *       last, never downloaded automatically);
 *   <li>resolution: the preferred one, then the closest to it, then releases that state none (without
 *       a preference: the highest first);
 *   <li>preferred groups, in the order the user gave them, before every other group;
 *   <li>the newest version ({@code v2} over the first release);
 *   <li>the most seeders, where the feed tells them;
 *   <li>a release of this episode alone over a batch; then the newest.
 * </ol>
 */
public final class ReleaseRanking {
  /** A release as ranking sees it. */
  public record Candidate(long feedItemId, String title, ParsedRelease parsed, Integer seeders,
      Instant publishedAt, int episodeCount) {}

  /** A candidate with its place and the reasons for it. */
  public record Ranked(Candidate candidate, int rank, boolean accepted, List<String> why) {}

  private ReleaseRanking() {}

  public static List<Ranked> rank(List<Candidate> candidates, ReleasePreferences preferences) {
    List<Scored> scored = new ArrayList<>();
    for (Candidate candidate : candidates) {
      scored.add(score(candidate, preferences));
    }
    scored.sort(Comparator
        .comparing((Scored s) -> !s.accepted)
        .thenComparingInt(s -> s.resolutionRank)
        .thenComparingInt(s -> s.groupRank)
        .thenComparing(s -> -s.version)
        .thenComparing(s -> -(s.candidate.seeders() == null ? -1 : s.candidate.seeders()))
        .thenComparingInt(s -> s.candidate.episodeCount() <= 1 ? 0 : 1)
        .thenComparing(s -> s.candidate.publishedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(s -> -s.candidate.feedItemId()));
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      ranked.add(new Ranked(s.candidate, i + 1, s.accepted, List.copyOf(s.why)));
    }
    return ranked;
  }

  /** The best release that is not rejected, if any. */
  public static java.util.Optional<Ranked> best(List<Candidate> candidates, ReleasePreferences preferences) {
    return rank(candidates, preferences).stream().filter(Ranked::accepted).findFirst();
  }

  private static final class Scored {
    final Candidate candidate;
    final List<String> why = new ArrayList<>();
    boolean accepted = true;
    int resolutionRank;
    int groupRank;
    int version;

    Scored(Candidate candidate) {
      this.candidate = candidate;
    }
  }

  private static Scored score(Candidate candidate, ReleasePreferences preferences) {
    Scored s = new Scored(candidate);
    String title = candidate.title().toLowerCase(Locale.ROOT);
    for (String word : preferences.mustContain()) {
      if (!title.contains(word.toLowerCase(Locale.ROOT))) {
        s.accepted = false;
        s.why.add("rejected: does not contain '" + word + "' (must contain)");
      }
    }
    for (String word : preferences.mustNotContain()) {
      if (title.contains(word.toLowerCase(Locale.ROOT))) {
        s.accepted = false;
        s.why.add("rejected: contains '" + word + "' (must not contain)");
      }
    }
    notAVideo(title).ifPresent(extension -> {
      s.accepted = false;
      s.why.add("rejected: a " + extension + " file alone, not a video");
    });
    ParsedRelease parsed = candidate.parsed();
    s.resolutionRank = resolutionRank(parsed.resolution(), preferences, s.why);
    s.groupRank = groupRank(parsed.group(), preferences, s.why);
    s.version = parsed.version() == null ? 1 : parsed.version();
    if (s.version > 1) {
      s.why.add("version " + s.version);
    }
    if (candidate.seeders() != null) {
      s.why.add(candidate.seeders() + " seeder" + (candidate.seeders() == 1 ? "" : "s"));
    }
    if (candidate.episodeCount() > 1) {
      s.why.add("a batch of " + candidate.episodeCount() + " episodes");
    }
    return s;
  }

  /** Extensions of files that are no episode on their own: subtitles, and Matroska audio. */
  private static final List<String> NOT_VIDEO_EXTENSIONS = List.of(".ass", ".ssa", ".srt", ".vtt", ".sub", ".idx", ".sup", ".mka");

  /** The extension of a release named after a single file that is not a video. {@code title} is in lower case. */
  private static java.util.Optional<String> notAVideo(String title) {
    String name = title.strip();
    return NOT_VIDEO_EXTENSIONS.stream().filter(name::endsWith).findFirst();
  }

  private static int resolutionRank(String resolution, ReleasePreferences preferences, List<String> why) {
    Integer height = height(resolution);
    if (height == null) {
      why.add("resolution not stated");
      return Integer.MAX_VALUE;
    }
    Integer preferred = preferences.resolution().map(ReleaseRanking::height).orElse(null);
    if (preferred == null) {
      why.add("resolution " + resolution);
      return 100_000 - height;
    }
    if (height.equals(preferred)) {
      why.add("resolution " + resolution + " (preferred)");
      return 0;
    }
    why.add("resolution " + resolution + " (preferred: " + preferences.resolution().get() + ")");
    return Math.abs(height - preferred);
  }

  private static int groupRank(String group, ReleasePreferences preferences, List<String> why) {
    List<String> groups = preferences.preferredGroups();
    if (group != null) {
      for (int i = 0; i < groups.size(); i++) {
        if (groups.get(i).equalsIgnoreCase(group)) {
          why.add("group " + group + " (preferred #" + (i + 1) + ")");
          return i;
        }
      }
    }
    if (!groups.isEmpty()) {
      why.add(group == null ? "no group stated" : "group " + group + " (not preferred)");
    }
    return groups.size();
  }

  private static Integer height(String resolution) {
    if (resolution == null || !resolution.endsWith("p")) {
      return null;
    }
    try {
      return Integer.parseInt(resolution.substring(0, resolution.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
