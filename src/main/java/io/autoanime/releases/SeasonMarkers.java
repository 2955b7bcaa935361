package io.autoanime.releases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways a title states a season: "S2", "-S2", "Season 2", "(Season 2)", "2nd Season", "Third
 * Season", "第二季", "第2期", "∬". Roman numerals and a bare trailing digit are read by
 * {@link TitleVariants}, where the name around them is known.
 */
final class SeasonMarkers {
  enum Form {
    /** "S2", "S02", "-S2": Sonarr keeps this form in the series name, so we keep a variant with it. */
    LETTER,
    WORDS,
    CJK
  }

  record Marker(int start, int end, int season, Form form) {}

  private static final Pattern LETTER = Pattern.compile("(?<![\\p{L}\\p{N}])-?S(\\d{1,2})(?![\\p{L}\\p{N}])");
  private static final Pattern SEASON_NUMBER =
      Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(?:Season|Saison)[\\s.]?(\\d{1,2})(?![\\p{N}])");
  private static final Pattern NUMBER_SEASON =
      Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th)[\\s.](?:Season|Saison)(?![\\p{L}])");
  private static final Pattern WORD_SEASON = Pattern.compile(
      "(?i)(?<![\\p{L}\\p{N}])(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[\\s.]Season(?![\\p{L}])");
  private static final Pattern CJK =
      Pattern.compile("第\\s?([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\\s?[季期]");
  private static final Pattern INTEGRAL = Pattern.compile("[∬∭]");
  private static final List<String> ORDINALS = List.of(
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth");

  private SeasonMarkers() {}

  /** Every marker in {@code text}, in order of position. */
  static List<Marker> find(String text) {
    List<Marker> markers = new ArrayList<>();
    collect(markers, LETTER.matcher(text), Form.LETTER, m -> Integer.parseInt(m.group(1)));
    collect(markers, SEASON_NUMBER.matcher(text), Form.WORDS, m -> Integer.parseInt(m.group(1)));
    collect(markers, NUMBER_SEASON.matcher(text), Form.WORDS, m -> Integer.parseInt(m.group(1)));
    collect(markers, WORD_SEASON.matcher(text), Form.WORDS,
        m -> ORDINALS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1);
    collect(markers, CJK.matcher(text), Form.CJK, m -> chineseNumber(m.group(1)));
    collect(markers, INTEGRAL.matcher(text), Form.CJK, m -> m.group().equals("∬") ? 2 : 3);
    markers.sort(Comparator.comparingInt(Marker::start));
    return markers;
  }

  /** The season a bracket such as "(Season 2)" or "[Season 1 + EXTRA]" states, or null. */
  static Integer inBracket(String content) {
    List<Marker> markers = find(content);
    if (markers.isEmpty() || markers.get(0).start() > 1 || markers.size() > 1) {
      return null;
    }
    String rest = content.substring(markers.get(0).end());
    return rest.matches(".*\\d.*") ? null : markers.get(0).season();
  }

  /** 2, "２", "二", "十二". */
  static int chineseNumber(String digits) {
    String ascii = java.text.Normalizer.normalize(digits, java.text.Normalizer.Form.NFKC);
    if (ascii.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(ascii);
    }
    String units = "零一二三四五六七八九";
    int value = 0;
    int current = 0;
    for (char c : digits.toCharArray()) {
      if (c == '十') {
        value += (current == 0 ? 1 : current) * 10;
        current = 0;
      } else if (c == '百') {
        value += (current == 0 ? 1 : current) * 100;
        current = 0;
      } else {
        current = c == '〇' ? 0 : units.indexOf(c);
      }
    }
    return value + current;
  }

  private interface Number {
    int of(Matcher m);
  }

  private static void collect(List<Marker> markers, Matcher m, Form form, Number number) {
    while (m.find()) {
      int season = number.of(m);
      if (season > 0 && markers.stream().noneMatch(k -> k.start() < m.end() && m.start() < k.end())) {
        markers.add(new Marker(m.start(), m.end(), season, form));
      }
    }
  }
}
