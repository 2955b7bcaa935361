package io.autoanime.releases;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the part of a release title that names the show into its names: "葬送的芙莉莲 第二季 /
 * Sousou no Frieren 2nd Season" gives "Sousou no Frieren" and "葬送的芙莉莲" with season 2. Season
 * markers, years that only tell seasons apart, "Batch", "Movie", "OVA" and such come off the
 * names and become facts.
 */
final class TitleVariants {
  /** What the names said besides the names. */
  record Result(List<String> names, Integer season, boolean special, boolean movie, boolean batch) {}

  private static final Pattern BAR = Pattern.compile("\\s*[|｜]\\s*");
  private static final Pattern NOISE = Pattern.compile(
      "(?i)(?<!\\p{L})[\\[(]?(?:TV|ТВ)-\\d{1,2}[\\])]?"
          + "|\\[(?:19|20)\\d\\d]"
          + "|★\\S*"
          + "|\\d{1,2}月新番"
          + "|\\([^()]*(?:僅限|仅限|港澳台)[^()]*\\)");
  private static final Pattern MOVIE_PREFIX = Pattern.compile(
      "^(?:劇場版|剧场版|電影版|电影版|(?i:Gekij(?:ou|ō|o)ban))\\s*(合集)?\\s*(?:[-:：]\\s+)?");
  private static final Pattern MOVIE_SUFFIX = Pattern.compile("(?i)(?<=\\S)\\s*(?:-\\s*)?(?:the\\s)?movie\\s*$");
  private static final Pattern BATCH_SUFFIX = Pattern.compile(
      "(?i)(?<=\\S)\\s*(?:-\\s*)?(?:Complete(?:\\s(?:Series|Season))?(?:\\s+Batch)?|Batch|Vol(?:ume)?\\.?\\s?\\d{1,2}|BD-?BOX)\\s*$"
          + "|(?<=\\S)\\s*(?:修正)?(?:合集|全集|总集篇|總集篇|特典)\\s*$");
  private static final Pattern SPECIAL_SUFFIX = Pattern.compile(
      "(?:\\s*-\\s*|\\s+|(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]))"
          + "(?:OVA|OAD|OVD|NCOP|NCED|SP|PV|CM|(?i:Specials?)|特別篇|特别篇|番外篇|番外)(?:v\\d{1,2})?\\s*$");
  /** "Kimetsu no Yaiba Movie - Mugen Ressha-hen": the film's own name follows the keyword. */
  private static final Pattern MOVIE_WITH_NAME = Pattern.compile("(?i)\\s+(?:the\\s)?movie(?:\\s\\d{1,2})?\\s*[-:]\\s+.*$");
  /** "Another OVA - The Other -Karma-": the special's own name follows the keyword. */
  private static final Pattern SPECIAL_WITH_NAME = Pattern.compile("\\s+(?:OVA|OAD|OVD|(?i:Special))\\s+-\\s+.*$");
  private static final Pattern YEAR_IN_PARENS = Pattern.compile("\\s*[(\\[](?:19|20)\\d\\d[)\\]]");
  private static final Pattern TRAILING_YEAR = Pattern.compile("\\s+(?:19|20)\\d\\d$");
  private static final Pattern DASHED_YEAR = Pattern.compile("\\s+-\\s+((?:19|20)\\d\\d)$");
  private static final Pattern ROMAN = Pattern.compile("^(.*\\S)\\s+(II|III|IV|VI|VII|VIII|IX)$");
  private static final List<String> ROMANS = List.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX");
  /** In Chinese releases "心理测量者 3" and "在地下城...什么2" are the third and second seasons. */
  private static final Pattern TRAILING_DIGIT =
      Pattern.compile("^(.*?)(?:\\s+|(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]))([2-9])$");
  private static final Pattern ALIAS_IN_PARENS = Pattern.compile("^(.*\\S)\\s+\\(([^()]*\\p{L}[^()]*)\\)$");
  private static final Pattern ENCLOSED = Pattern.compile("^\\[([^\\[\\]]+)]$");
  private static final Pattern LEADING_JUNK = Pattern.compile("^(?:[\\s|/~:,]+|-\\s+)+");
  private static final Pattern LATIN_LETTER = Pattern.compile("[A-Za-z]");

  private final boolean chineseRelease;
  private final boolean keepLetterVariant;
  private boolean movie;
  private boolean special;
  private boolean batch;
  private Integer season;
  private final List<String> names = new ArrayList<>();
  private final List<String> withMarkers = new ArrayList<>();

  private TitleVariants(boolean chineseRelease, boolean keepLetterVariant, boolean movie) {
    this.chineseRelease = chineseRelease;
    this.keepLetterVariant = keepLetterVariant;
    this.movie = movie;
  }

  /**
   * @param parts the text that names the show (one part, or one per bracket)
   * @param absoluteNumbered the episode is numbered "- 07" style: "Title S2" is then also kept whole
   * @param movie the title says elsewhere that it is a film
   */
  static Result read(List<String> parts, boolean absoluteNumbered, boolean movie) {
    boolean chinese = parts.stream().anyMatch(Clues::hasCjk);
    TitleVariants variants = new TitleVariants(chinese, absoluteNumbered && !chinese, movie);
    Deque<String> pieces = new ArrayDeque<>();
    for (String part : parts) {
      pieces.addAll(splitNames(part));
    }
    while (!pieces.isEmpty()) {
      variants.readPiece(pieces.removeFirst(), pieces);
    }
    return variants.result();
  }

  private void readPiece(String piece, Deque<String> more) {
    String name = tidy(mayHoldNoise(piece) ? NOISE.matcher(piece).replaceAll(" ") : piece);
    name = tidy(keywords(name));
    name = tidy(seasons(name, more));
    name = tidy(keywords(name));
    name = tidy(years(name));
    name = romanSeason(name);
    if (chineseRelease) {
      Matcher digit = TRAILING_DIGIT.matcher(name);
      if (digit.matches() && !digit.group(1).isBlank()) {
        noteSeason(Integer.parseInt(digit.group(2)));
        name = digit.group(1);
      }
    }
    Matcher alias = ALIAS_IN_PARENS.matcher(name);
    if (!Clues.hasCjk(name) && alias.matches() && !alias.group(2).matches("(?:19|20)\\d\\d")) {
      add(alias.group(1));
      add(alias.group(2));
      return;
    }
    for (String script : splitScripts(name)) {
      add(script);
    }
  }

  private static boolean mayHoldNoise(String piece) {
    return Clues.anyOf(Clues.lower(piece), "[", "(", "★", "月新番", "tv-", "тв-");
  }

  private String keywords(String name) {
    Matcher prefix = MOVIE_PREFIX.matcher(name);
    if (prefix.find() && prefix.end() < name.length()) {
      movie = true;
      batch |= prefix.group(1) != null;
      name = name.substring(prefix.end());
    }
    String lower = Clues.lower(name);
    boolean movieWord = lower.contains("movie");
    boolean batchWord = Clues.anyOf(lower, "batch", "complete", "vol", "box", "合集", "全集", "总集篇", "總集篇", "特典");
    boolean specialWord = Clues.anyOf(lower, "ova", "oad", "ovd", "ncop", "nced", "sp", "pv", "cm", "special",
        "特別篇", "特别篇", "番外");
    String before;
    do {
      before = name;
      if (movieWord) {
        name = strip(name, MOVIE_SUFFIX, () -> movie = true);
        name = strip(name, MOVIE_WITH_NAME, () -> movie = true);
      }
      if (batchWord) {
        name = strip(name, BATCH_SUFFIX, () -> batch = true);
      }
      if (specialWord) {
        name = strip(name, SPECIAL_WITH_NAME, () -> special = true);
        name = strip(name, SPECIAL_SUFFIX, () -> special = true);
      }
    } while (!name.equals(before));
    return name;
  }

  private static String strip(String name, Pattern suffix, Runnable flag) {
    Matcher m = suffix.matcher(name);
    if (m.find() && m.start() > 0) {
      flag.run();
      return name.substring(0, m.start()).stripTrailing();
    }
    return name;
  }

  /** Takes the season markers out; after "第二季" a Latin name starts, Chinese words are a subtitle. */
  private String seasons(String name, Deque<String> more) {
    List<SeasonMarkers.Marker> markers = SeasonMarkers.find(name);
    for (SeasonMarkers.Marker marker : markers) {
      if (marker.form() == SeasonMarkers.Form.CJK && !name.substring(marker.end()).strip().isEmpty()) {
        noteSeason(marker.season());
        String rest = name.substring(marker.end()).strip();
        if (LATIN_LETTER.matcher(rest).find() && !Clues.hasCjk(rest)) {
          more.addFirst(rest);
        }
        return seasons(name.substring(0, marker.start()), more);
      }
    }
    StringBuilder bare = new StringBuilder(name);
    for (int i = markers.size() - 1; i >= 0; i--) {
      SeasonMarkers.Marker marker = markers.get(i);
      noteSeasonFirst(marker.season(), i == 0);
      boolean last = name.substring(marker.end()).isBlank();
      if (marker.form() == SeasonMarkers.Form.LETTER && last && keepLetterVariant) {
        withMarkers.add(name.substring(0, marker.end()).strip());
      }
      bare.replace(marker.start(), marker.end(), " ");
    }
    return Clues.collapseSpaces(bare.toString());
  }

  private String years(String name) {
    if (movie || chineseRelease) {
      String bare = TRAILING_YEAR.matcher(YEAR_IN_PARENS.matcher(name).replaceAll("")).replaceAll("");
      return bare.isBlank() ? name : bare;
    }
    return DASHED_YEAR.matcher(name).replaceAll(" $1");
  }

  private String romanSeason(String name) {
    Matcher roman = ROMAN.matcher(name);
    if (roman.matches() && !Clues.hasCjk(name)) {
      noteSeason(ROMANS.indexOf(roman.group(2)) + 1);
      withMarkers.add(name);
      return roman.group(1);
    }
    return name;
  }

  private void noteSeason(int number) {
    if (season == null) {
      season = number;
    }
  }

  private void noteSeasonFirst(int number, boolean first) {
    if (first) {
      noteSeason(number);
    }
  }

  /** Spaces collapsed, no separator left hanging at either end: "Steins;Gate 0 -" is "Steins;Gate 0". */
  private static String tidy(String name) {
    String collapsed = Clues.collapseSpaces(name);
    Matcher leading = LEADING_JUNK.matcher(collapsed);
    return withoutTrailingSeparators(leading.lookingAt() ? collapsed.substring(leading.end()) : collapsed);
  }

  /** "Title -", "Title |", "Title /": cut; "ATRI -My Dear Moments-" keeps its dash (no space before it). */
  private static String withoutTrailingSeparators(String name) {
    int end = name.length();
    while (end > 0) {
      char c = name.charAt(end - 1);
      if (Character.isWhitespace(c) || c == '|' || c == '/') {
        end--;
        continue;
      }
      int run = end - 1;
      while (run > 0 && "-–~|/".indexOf(name.charAt(run - 1)) >= 0) {
        run--;
      }
      if ("-–~".indexOf(c) >= 0 && run > 0 && Character.isWhitespace(name.charAt(run - 1))) {
        end = run;
        continue;
      }
      break;
    }
    return name.substring(0, end);
  }

  private void add(String name) {
    String clean = tidy(name);
    Matcher enclosed = ENCLOSED.matcher(clean);
    if (enclosed.matches()) {
      clean = enclosed.group(1).strip();
    }
    if (clean.codePoints().anyMatch(Character::isLetterOrDigit)) {
      names.add(clean);
    }
  }

  private Result result() {
    List<String> ordered = new ArrayList<>(names);
    ordered.sort(Comparator.comparingInt(TitleVariants::scriptRank));
    ordered.addAll(withMarkers);
    Map<String, String> unique = new LinkedHashMap<>();
    for (String name : ordered) {
      String key = CleanTitle.of(name);
      if (!key.isEmpty()) {
        unique.putIfAbsent(key, name);
      }
    }
    return new Result(List.copyOf(unique.values()), season, special, movie, batch);
  }

  /** Romaji and English first, then other scripts, Chinese and Japanese last. */
  private static int scriptRank(String name) {
    if (Clues.hasCjk(name)) {
      return 2;
    }
    return LATIN_LETTER.matcher(name).find() ? 0 : 1;
  }

  /** "A | B" always; "A / B" when spaced or next to Chinese ("葬送的芙莉莲/Sousou"), not "22/7". */
  static List<String> splitNames(String text) {
    List<String> names = new ArrayList<>();
    for (String part : BAR.split(text)) {
      int from = 0;
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if ((c == '/' || c == '／') && slashSeparates(part, i)) {
          names.add(part.substring(from, i));
          from = i + 1;
        }
      }
      names.add(part.substring(from));
    }
    names.removeIf(String::isBlank);
    return names;
  }

  private static boolean slashSeparates(String text, int i) {
    char before = i > 0 ? text.charAt(i - 1) : ' ';
    char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
    return Character.isWhitespace(before) || Character.isWhitespace(after)
        || Clues.isCjk(before) || Clues.isCjk(after);
  }

  /**
   * "天国大魔境 Tengoku Daimakyou" is two names; "16bit 的感動 ANOTHER LAYER" and "卡片戰鬥!! 先導者
   * will+Dress" are one: split only one Chinese run from one Latin run of two words or more.
   */
  static List<String> splitScripts(String name) {
    String[] words = name.split(" ");
    List<StringBuilder> runs = new ArrayList<>();
    List<Boolean> chinese = new ArrayList<>();
    List<Integer> latinWords = new ArrayList<>();
    for (String word : words) {
      boolean isChinese = Clues.hasCjk(word);
      boolean isLatin = !isChinese && word.codePoints().anyMatch(Character::isLetter);
      boolean neutral = !isChinese && !isLatin;
      if (runs.isEmpty() || (!neutral && chinese.get(chinese.size() - 1) != isChinese)) {
        runs.add(new StringBuilder(word));
        chinese.add(isChinese);
        latinWords.add(isLatin ? 1 : 0);
      } else {
        int last = runs.size() - 1;
        runs.get(last).append(' ').append(word);
        latinWords.set(last, latinWords.get(last) + (isLatin ? 1 : 0));
      }
    }
    if (runs.size() == 2) {
      int latin = chinese.get(0) ? 1 : 0;
      if (latinWords.get(latin) >= 2) {
        return List.of(runs.get(latin).toString(), runs.get(1 - latin).toString());
      }
    }
    return List.of(name);
  }
}
