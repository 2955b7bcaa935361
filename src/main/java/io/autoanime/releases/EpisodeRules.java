package io.autoanime.releases;

import io.autoanime.releases.EpisodeMarker.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that find episode numbers, run over the title with everything already recognised
 * (group, metadata, seasons, CRC...) blanked out as {@link #MASK}. A number counts only where an
 * episode number stands: after " - ", in its own bracket, after a keyword, or at the very end of
 * the name, so the numbers of "86", "Mob Psycho 100" or "Tokyo 24-ku" stay in the name.
 */
final class EpisodeRules {
  static final char MASK = '\0';

  private static final Pattern SEASON_EPISODE = Pattern.compile(
      "(?i)(?<![\\p{L}\\p{N}])S(\\d{1,2})\\s?E(\\d{1,4})((?:-E?\\d{1,4}|E\\d{1,4})*)(?=v\\d|[^\\p{L}\\p{N}]|$)");
  private static final Pattern CROSS = Pattern.compile("(?<![\\p{L}\\p{N}])(\\d{1,2})x(\\d{2,3})(?![\\p{L}\\p{N}])");
  private static final Pattern SPECIAL_NUMBER = Pattern.compile(
      "(?<![A-Za-z\\p{N}])(OVA|OAD|OVD|SP|PV|CM|NCOP|NCED)\\s?(\\d{1,3})(?:\\s?[-~]\\s?\\1?\\s?(\\d{1,3}))?(?=v\\d|[^\\p{L}\\p{N}]|$)");
  private static final Pattern CHINESE = Pattern.compile(
      "第\\s?([0-9０-９]{1,4}|[零〇一二三四五六七八九十百]{1,5})\\s?(?:[-~～]\\s?([0-9]{1,4})\\s?)?[話话集回]");
  private static final Pattern CHINESE_ALL = Pattern.compile("全\\s?(\\d{1,4})\\s?[話话集]");
  private static final Pattern KEYWORD = Pattern.compile(
      "(?i)(?<!\\p{L})(?:Episode|Episodio|Épisode|Ep\\.?|#)\\s?(\\d{1,4}(?:\\.\\d{1,2})?)(?:v\\d{1,2})?"
          + "(?:\\s?(?:-|~|～|to)\\s?(?:Ep?\\.?\\s?)?(\\d{1,4}))?(?=v\\d|[^\\p{L}\\p{N}]|$)"
          + "|(?i)(?<![\\p{L}\\p{N}])E(\\d{1,4})(?:-E?(\\d{1,4}))?(?=v\\d|[^\\p{L}\\p{N}]|$)");
  private static final Pattern DASH_NUMBER = Pattern.compile(
      "(\\d{1,4}(?:\\.\\d{1,2})?)(?:\\.\\d)?(?:\\s?v\\d{1,2})?((?:(?:\\s?[~～]\\s?|-)\\d{1,4}(?:v\\d{1,2})?)*)(?![\\p{L}\\p{N}])");
  private static final Pattern ZERO_PADDED_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}.])(0\\d{1,3})\\s$");
  private static final Pattern BARE = Pattern.compile(
      "(?<![\\p{L}\\p{N}.,#'’/:;=+~])(\\d{1,4}(?:\\.\\d)?)(?:v\\d{1,2})?((?:[-~～]|\\s[~～]\\s)(\\d{1,4})(?:v\\d{1,2})?)?(?![\\p{L}\\p{N}])");
  private static final Pattern RANGE_END = Pattern.compile("\\d{1,4}");
  private static final Pattern BRACKET_EPISODE = Pattern.compile(
      "(?i)^\\s*(?:第\\s?)?(?:(?:TV|EP?|#)\\s?|(OVA|OAD|OVD|SP|PV|CM|NCOP|NCED)\\s?)?(\\d{1,4}(?:\\.\\d{1,2})?)(?:v\\d{1,2})?"
          + "(?:\\s*(?:[-~～]|to)\\s*(?:EP?|OVA|OAD|OVD|SP|PV|CM|NCOP|NCED)?(\\d{1,4})(?:v\\d{1,2})?)?(?:\\s*[话話集回])?(.*)$");
  /** Words that may stick to a bracket's number: "01Pre", "00-12Fin", "01-11END", "01-12合集". */
  private static final Pattern ATTACHED_AFTER = Pattern.compile("(?i)^(?:pre|fin|end|v\\d|合集|修正|完|_|$)");
  /** What may not follow a bracket's number after a space: "10 bit", "1.2 GB". */
  private static final Pattern SPACED_AFTER = Pattern.compile("(?i)^\\s+(?:bits?|fps|[kmgt]i?b)\\b");
  private static final Pattern SPECIAL_WORD_AT = Pattern.compile("(?i)(?:OVA|OAD|OVD|SP|Special|NCOP|NCED)(?![\\p{L}])");
  private static final Set<String> NOT_BEFORE_AN_EPISODE =
      Set.of("no", "no.", "vol", "vol.", "part", "lv", "lv.", "level", "cour", "chapter", "ch", "ch.", "tv");

  /** A bracket's episode numbers, and whether a special's keyword came with them. */
  record BracketEpisode(List<BigDecimal> numbers, boolean special) {}

  private EpisodeRules() {}

  /** "S02E05", "S01E01-02-03", "10x14". */
  static List<EpisodeMarker> seasonEpisodes(String scan) {
    List<EpisodeMarker> markers = new ArrayList<>();
    Matcher m = SEASON_EPISODE.matcher(scan);
    while (m.find()) {
      List<BigDecimal> numbers = new ArrayList<>();
      numbers.add(new BigDecimal(m.group(2)));
      Matcher more = RANGE_END.matcher(m.group(3));
      while (more.find()) {
        numbers.add(new BigDecimal(more.group()));
      }
      List<BigDecimal> episodes = numbers.size() == 1 ? numbers : range(numbers.get(0), numbers.get(numbers.size() - 1));
      if (episodes != null) {
        int season = Integer.parseInt(m.group(1));
        markers.add(new EpisodeMarker(Rule.SEASON_EPISODE, m.start(), m.end(), episodes, season, season == 0));
      }
    }
    m = CROSS.matcher(scan);
    while (m.find()) {
      int season = Integer.parseInt(m.group(1));
      markers.add(new EpisodeMarker(Rule.SEASON_EPISODE, m.start(), m.end(),
          List.of(new BigDecimal(m.group(2))), season, season == 0));
    }
    return markers;
  }

  /**
   * Every other marker.
   *
   * @param free the free-text parts of the title (bare numbers count only there)
   * @param episodeBrackets brackets holding an episode number
   * @param bareNumbers false for films, whose trailing number is part of the name ("Naruto 3")
   */
  static List<EpisodeMarker> others(String scan, List<Segment> free, List<Segment> episodeBrackets, boolean bareNumbers) {
    List<EpisodeMarker> markers = new ArrayList<>();
    specials(scan, markers);
    chinese(scan, markers);
    keywords(scan, markers);
    dashes(scan, markers);
    for (Segment bracket : episodeBrackets) {
      BracketEpisode episode = bracketEpisode(bracket.content(scan));
      if (episode != null) {
        markers.add(new EpisodeMarker(Rule.BRACKET, bracket.start(), bracket.end(), episode.numbers(), null,
            episode.special()));
      }
    }
    if (bareNumbers) {
      for (Segment segment : free) {
        bare(scan, segment, markers);
      }
    }
    return markers;
  }

  /** The episode numbers a bracket holds on its own: "05", "01-12合集", "OAD01", "06 of 12". */
  static BracketEpisode bracketEpisode(String content) {
    Matcher m = BRACKET_EPISODE.matcher(content);
    if (!m.matches()) {
      return null;
    }
    String rest = m.group(4);
    boolean spaced = !rest.isEmpty() && Character.isWhitespace(rest.charAt(0));
    if (spaced ? SPACED_AFTER.matcher(rest).find() : !ATTACHED_AFTER.matcher(rest).find()) {
      return null;
    }
    if (m.group(1) == null && m.group(3) == null && BracketKind.YEAR == yearKind(m.group(2)) && m.group(4).isBlank()) {
      return null;
    }
    List<BigDecimal> numbers = numbers(m.group(2), m.group(3));
    return numbers == null ? null : new BracketEpisode(numbers, m.group(1) != null);
  }

  private static BracketKind yearKind(String number) {
    return number.matches("(?:19[5-9]|20\\d)\\d") ? BracketKind.YEAR : null;
  }

  private static void specials(String scan, List<EpisodeMarker> markers) {
    Matcher m = SPECIAL_NUMBER.matcher(scan);
    while (m.find()) {
      List<BigDecimal> numbers = numbers(m.group(2), m.group(3));
      if (numbers != null) {
        markers.add(new EpisodeMarker(Rule.SPECIAL, m.start(), m.end(), numbers, null, true));
      }
    }
  }

  private static void chinese(String scan, List<EpisodeMarker> markers) {
    Matcher m = CHINESE.matcher(scan);
    while (m.find()) {
      BigDecimal first = BigDecimal.valueOf(SeasonMarkers.chineseNumber(m.group(1)));
      List<BigDecimal> numbers = m.group(2) == null ? List.of(first) : range(first, new BigDecimal(m.group(2)));
      if (numbers != null) {
        markers.add(new EpisodeMarker(Rule.CHINESE, m.start(), m.end(), numbers, null, false));
      }
    }
    m = CHINESE_ALL.matcher(scan);
    while (m.find()) {
      List<BigDecimal> numbers = range(BigDecimal.ONE, new BigDecimal(m.group(1)));
      if (numbers != null) {
        markers.add(new EpisodeMarker(Rule.CHINESE, m.start(), m.end(), numbers, null, false));
      }
    }
  }

  private static void keywords(String scan, List<EpisodeMarker> markers) {
    Matcher m = KEYWORD.matcher(scan);
    while (m.find()) {
      String first = m.group(1) != null ? m.group(1) : m.group(3);
      String last = m.group(1) != null ? m.group(2) : m.group(4);
      List<BigDecimal> numbers = numbers(first, last);
      if (numbers != null) {
        markers.add(new EpisodeMarker(Rule.KEYWORD, m.start(), m.end(), numbers, null, false));
      }
    }
  }

  /** " - 05", " - 01-12", " - 01 ~ 10", and "01 - 119" when the first number is zero-padded. */
  private static void dashes(String scan, List<EpisodeMarker> markers) {
    for (int i = 0; i < scan.length(); i++) {
      char c = scan.charAt(i);
      boolean spaceBefore = i > 0 && scan.charAt(i - 1) == ' ';
      boolean spaceAfter = i + 1 < scan.length() && scan.charAt(i + 1) == ' ';
      if ((c != '-' && c != '–') || (!spaceBefore && !spaceAfter)) {
        continue;
      }
      int j = i + 1;
      while (j < scan.length() && j <= i + 3 && scan.charAt(j) == ' ') {
        j++;
      }
      Matcher m = DASH_NUMBER.matcher(scan).region(j, scan.length());
      if (!m.lookingAt() || !endsEpisode(scan, m.end(), true)) {
        continue;
      }
      List<BigDecimal> numbers = dashNumbers(m);
      int start = i;
      if (numbers != null && numbers.size() == 1 && spaceBefore && spaceAfter) {
        Matcher before = ZERO_PADDED_BEFORE.matcher(scan.substring(0, i));
        if (before.find() && new BigDecimal(before.group(1)).compareTo(numbers.get(0)) < 0) {
          numbers = range(new BigDecimal(before.group(1)), numbers.get(0));
          start = before.start();
        }
      }
      if (numbers != null) {
        markers.add(new EpisodeMarker(Rule.DASH, start, m.end(), numbers, null, false));
      }
    }
  }

  private static List<BigDecimal> dashNumbers(Matcher m) {
    Matcher more = RANGE_END.matcher(m.group(2));
    String last = null;
    while (more.find()) {
      last = more.group();
    }
    return numbers(m.group(1), last);
  }

  private static void bare(String scan, Segment segment, List<EpisodeMarker> markers) {
    Matcher m = BARE.matcher(scan).region(segment.start(), segment.end());
    m.useTransparentBounds(true);
    while (m.find()) {
      int start = m.start();
      boolean attached = start > 0 && scan.charAt(start - 1) == '-' && start > 1
          && Character.isLetterOrDigit(scan.charAt(start - 2));
      if (attached ? !endsEpisode(scan, m.end(), false) || !atSegmentEnd(scan, m.end(), segment)
          : !bareEpisode(scan, m)) {
        continue;
      }
      if (NOT_BEFORE_AN_EPISODE.contains(wordBefore(scan, attached ? start - 1 : start))) {
        continue;
      }
      List<BigDecimal> numbers = numbers(m.group(1), m.group(3));
      EpisodeMarker marker = numbers == null ? null
          : new EpisodeMarker(Rule.BARE, attached ? start - 1 : start, m.end(), numbers, null, false);
      if (marker != null && !marker.yearLike() && !(numbers.size() == 1 && m.group(1).equals("0"))) {
        markers.add(marker);
      }
    }
  }

  /** Followed by nothing but metadata, or "01 Role Play": a zero-padded number before the episode's name. */
  private static boolean bareEpisode(String scan, Matcher m) {
    if (endsEpisode(scan, m.end(), false)) {
      return true;
    }
    int next = skipSpaces(scan, m.end());
    return m.group(1).length() >= 2 && m.group(1).charAt(0) == '0' && m.group(2) == null
        && next > m.end() && next < scan.length() && Character.isLetter(scan.charAt(next));
  }

  private static boolean atSegmentEnd(String scan, int from, Segment segment) {
    int next = skipSpaces(scan, from);
    return next >= segment.end() || scan.charAt(next) == MASK;
  }

  /** After an episode number: the end, a bracket, metadata, " - " and an episode name, or "OVA". */
  static boolean endsEpisode(String scan, int from, boolean dashAllowed) {
    int k = skipSpaces(scan, from);
    if (k >= scan.length()) {
      return true;
    }
    char c = scan.charAt(k);
    if (c == MASK || c == '[' || c == '(' || c == '{' || c == '|') {
      return true;
    }
    if (dashAllowed && (c == '-' || c == '–') && (k + 1 >= scan.length() || scan.charAt(k + 1) == ' ')) {
      return true;
    }
    return dashAllowed && k > from && SPECIAL_WORD_AT.matcher(scan).region(k, scan.length()).lookingAt();
  }

  private static int skipSpaces(String scan, int from) {
    int k = from;
    while (k < scan.length() && scan.charAt(k) == ' ') {
      k++;
    }
    return k;
  }

  private static String wordBefore(String scan, int at) {
    int end = at;
    while (end > 0 && scan.charAt(end - 1) == ' ') {
      end--;
    }
    int start = end;
    while (start > 0 && !Character.isWhitespace(scan.charAt(start - 1)) && scan.charAt(start - 1) != MASK) {
      start--;
    }
    return scan.substring(start, end).toLowerCase(Locale.ROOT);
  }

  /** One number, or a range "01-12" expanded; null for a range that runs backwards or too far. */
  static List<BigDecimal> numbers(String first, String last) {
    BigDecimal from = new BigDecimal(first);
    if (last == null) {
      return List.of(from);
    }
    return range(from, new BigDecimal(last));
  }

  static List<BigDecimal> range(BigDecimal from, BigDecimal to) {
    if (from.scale() > 0 || to.scale() > 0) {
      return from.compareTo(to) < 0 ? List.of(from, to) : null;
    }
    int first = from.intValueExact();
    int last = to.intValueExact();
    if (last <= first || last - first > 2000) {
      return null;
    }
    List<BigDecimal> numbers = new ArrayList<>();
    for (int n = first; n <= last; n++) {
      numbers.add(BigDecimal.valueOf(n));
    }
    return numbers;
  }
}
