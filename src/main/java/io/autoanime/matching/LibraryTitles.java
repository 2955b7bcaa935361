package io.autoanime.matching;

import io.autoanime.releases.CleanTitle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every title of the library, by its clean form (Sonarr's {@code cleanTitle}): series titles,
 * alternate titles (with their scene season) and, as a weaker name, a title without its
 * {@code (2022)} year. Built once per library change; looking a release title up costs a hash probe.
 */
public final class LibraryTitles {
  private static final Pattern TRAILING_YEAR = Pattern.compile("\\s*\\((?:19|20)\\d{2}\\)\\s*$");

  /** A series as matching sees it. */
  public record Series(long id, String title, boolean anime) {}

  /** One title of a series; {@code sceneSeasonNumber} null when the title covers every season. */
  public record Title(Series series, String title, Integer sceneSeasonNumber) {}

  private final Map<String, List<Title>> byCleanTitle;
  private final Map<String, List<Title>> byTitleWithoutYear;

  private LibraryTitles(Map<String, List<Title>> byCleanTitle, Map<String, List<Title>> byTitleWithoutYear) {
    this.byCleanTitle = byCleanTitle;
    this.byTitleWithoutYear = byTitleWithoutYear;
  }

  public static LibraryTitles of(List<Title> titles) {
    Map<String, List<Title>> byCleanTitle = new HashMap<>();
    Map<String, List<Title>> byTitleWithoutYear = new HashMap<>();
    for (Title title : titles) {
      add(byCleanTitle, CleanTitle.of(title.title()), title);
      var year = TRAILING_YEAR.matcher(title.title());
      if (year.find()) {
        add(byTitleWithoutYear, CleanTitle.of(title.title().substring(0, year.start())), title);
      }
    }
    return new LibraryTitles(byCleanTitle, byTitleWithoutYear);
  }

  private static void add(Map<String, List<Title>> index, String key, Title title) {
    if (!key.isEmpty()) {
      index.computeIfAbsent(key, k -> new ArrayList<>(1)).add(title);
    }
  }

  /** The titles that equal {@code releaseTitle} once cleaned; the year-less names only when nothing else does. */
  public List<Title> find(String releaseTitle) {
    String key = CleanTitle.of(releaseTitle);
    List<Title> exact = byCleanTitle.get(key);
    if (exact != null) {
      return exact;
    }
    return byTitleWithoutYear.getOrDefault(key, List.of());
  }
}
