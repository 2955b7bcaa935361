package io.autoanime.matching;

import io.autoanime.releases.ParsedRelease;
import io.autoanime.releases.ReleaseType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Places one release on a series and the episodes it names, without I/O:
 * <ol>
 *   <li>the user's rules first, in the order they were made: the first enabled rule (of the
 *       release's feed, or of every feed) whose pattern matches the title places it;
 *   <li>else the automatic matching: the first title variant of the parse (best first) that equals a
 *       series title or an alternate title once cleaned; the numbers are absolute for anime series
 *       and season-relative otherwise; a season stated in the title, else the alternate title's scene
 *       season, binds the numbers to that season.
 * </ol>
 */
public final class ReleaseMatcher {
  private final LibraryTitles titles;
  private final List<DownloadRule> rules;

  public ReleaseMatcher(LibraryTitles titles, List<DownloadRule> rules) {
    this.titles = titles;
    this.rules = rules.stream().filter(r -> r.enabled() && r.pattern().isPresent()).toList();
  }

  public Placement place(String title, ParsedRelease parsed, Long feedId) {
    for (DownloadRule rule : rules) {
      if (rule.readsFeed(feedId)) {
        Optional<Placement> byRule = byRule(rule, title);
        if (byRule.isPresent()) {
          return byRule.get();
        }
      }
    }
    return automatically(parsed);
  }

  /** What {@code rule} alone makes of a title (the rule preview). */
  public static Optional<Placement> byRule(DownloadRule rule, String title) {
    return rule.pattern().flatMap(p -> p.episodeIn(title)).map(read -> {
      BigDecimal number = read.add(BigDecimal.valueOf(rule.episodeOffset()));
      String reason = "rule " + rule.id() + " read episode " + read.stripTrailingZeros().toPlainString()
          + (rule.episodeOffset() == 0 ? "" : " (offset " + signed(rule.episodeOffset()) + ": "
              + number.stripTrailingZeros().toPlainString() + ")");
      Integer whole = wholeNumber(number);
      if (whole == null || whole < 0) {
        return new Placement(rule.seriesId(), List.of(), rule.id(), reason + ", which is no episode number");
      }
      EpisodeKey key = rule.seasonNumber() == null
          ? new EpisodeKey.Absolute(whole)
          : new EpisodeKey.InSeason(rule.seasonNumber(), whole);
      return new Placement(rule.seriesId(), List.of(key), rule.id(), reason);
    });
  }

  private Placement automatically(ParsedRelease parsed) {
    if (parsed.type() == ReleaseType.NONE) {
      return Placement.none("not a release of an episode");
    }
    if (parsed.type() == ReleaseType.MOVIE) {
      return Placement.none("a film: films are not placed on episodes");
    }
    if (parsed.titles().isEmpty()) {
      return Placement.none("no series title could be read");
    }
    List<LibraryTitles.Title> found = List.of();
    for (String variant : parsed.titles()) {
      found = titles.find(variant);
      if (!found.isEmpty()) {
        break;
      }
    }
    if (found.isEmpty()) {
      return Placement.none("no series in the library is titled " + quoted(parsed.titles().get(0)));
    }
    Set<Long> seriesIds = new LinkedHashSet<>();
    found.forEach(t -> seriesIds.add(t.series().id()));
    if (seriesIds.size() > 1) {
      return Placement.none("ambiguous: " + seriesIds.size() + " series are titled " + quoted(found.get(0).title())
          + "; add a rule to the right one");
    }
    LibraryTitles.Title title = found.get(0);
    LibraryTitles.Series series = title.series();
    String named = "title " + quoted(title.title());
    Integer season = parsed.seasonNumber() != null ? parsed.seasonNumber() : title.sceneSeasonNumber();
    if (parsed.type() == ReleaseType.SPECIAL && (season == null || season != 0)) {
      return new Placement(series.id(), List.of(), null, named + "; specials are not placed automatically: add a rule");
    }
    List<Integer> numbers = new ArrayList<>();
    for (BigDecimal number : parsed.episodeNumbers()) {
      Integer whole = wholeNumber(number);
      if (whole == null) {
        return new Placement(series.id(), List.of(), null, named + "; episode " + number.toPlainString()
            + " is a recap or special: add a rule");
      }
      numbers.add(whole);
    }
    List<EpisodeKey> keys = new ArrayList<>();
    List<Integer> absolute = wholeNumbers(parsed.absoluteEpisodeNumbers());
    String numbering;
    if (numbers.isEmpty()) {
      if (!parsed.batch() || season == null) {
        return new Placement(series.id(), List.of(), null, named + "; no episode number");
      }
      keys.add(new EpisodeKey.WholeSeason(season));
      numbering = "the whole season " + season;
    } else if (series.anime() && !absolute.isEmpty()) {
      absolute.forEach(n -> keys.add(new EpisodeKey.Absolute(n)));
      numbering = "absolute " + list(absolute);
    } else if (series.anime() && (season == null || (season == 1 && parsed.absolute()))) {
      numbers.forEach(n -> keys.add(new EpisodeKey.Absolute(n)));
      numbering = "absolute " + list(numbers);
    } else if (series.anime() && parsed.absolute()) {
      numbers.forEach(n -> keys.add(new EpisodeKey.InSeasonOrAbsolute(season, n)));
      numbering = "season " + season + ", " + list(numbers) + " (absolute or within the season)";
    } else if (series.anime()) {
      numbers.forEach(n -> keys.add(new EpisodeKey.InSeasonThenAbsolute(season, n)));
      numbering = "season " + season + ", episode " + list(numbers) + " (or absolute within the season)";
    } else {
      int inSeason = season == null ? 1 : season;
      numbers.forEach(n -> keys.add(new EpisodeKey.InSeason(inSeason, n)));
      numbering = "season " + inSeason + ", episode " + list(numbers);
    }
    return new Placement(series.id(), keys, null, named + ", " + numbering);
  }

  private static List<Integer> wholeNumbers(List<BigDecimal> numbers) {
    return numbers.stream().map(ReleaseMatcher::wholeNumber).filter(java.util.Objects::nonNull).toList();
  }

  private static Integer wholeNumber(BigDecimal number) {
    try {
      return number.stripTrailingZeros().scale() <= 0 ? number.intValueExact() : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static String list(List<Integer> numbers) {
    if (numbers.size() > 2) {
      return numbers.get(0) + "-" + numbers.get(numbers.size() - 1);
    }
    return String.join(", ", numbers.stream().map(String::valueOf).toList());
  }

  private static String signed(int offset) {
    return offset > 0 ? "+" + offset : String.valueOf(offset);
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }
}
