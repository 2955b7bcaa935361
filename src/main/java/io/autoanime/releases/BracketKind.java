package io.autoanime.releases;

import java.util.List;
import java.util.regex.Pattern;

/** What a bracketed part of a release title holds. */
enum BracketKind {
  /** Words that may name a show or a group: "[SubsPlease]", "[Jikkyouchuu]", "(Anime, Title?)". */
  TEXT,
  /** File facts only: "[1080p]", "(BS11 1280x720 x264 AAC)", "[简繁内封字幕]", "[1.2 GiB]". */
  META,
  CRC,
  VERSION,
  YEAR,
  SEASON,
  /** "[ТВ-2]": the second TV adaptation, neither a season nor an episode. */
  TV_ADAPTATION,
  MOVIE,
  EPISODE,
  /** "[4月新番]", "(僅限港澳台地區)": notes of the uploader. */
  TAG,
  BATCH,
  SPECIAL;

  private static final Pattern CRC32 = Pattern.compile("[0-9A-Fa-f]{8}");
  private static final Pattern VERSION_ONLY = Pattern.compile("[vV]\\d{1,2}");
  private static final Pattern YEAR_ONLY = Pattern.compile("(?:19[5-9]|20\\d)\\d");
  private static final Pattern DATE_OR_SIZE = Pattern.compile(
      "(?:19|20)\\d\\d[-./]\\d{1,2}[-./]\\d{1,2}|\\d+(?:\\.\\d+)?\\s?[KMGT]i?B", Pattern.CASE_INSENSITIVE);
  private static final Pattern TV = Pattern.compile("(?i)(?:TV|ТВ)-?\\d{1,2}");
  private static final Pattern MOVIE_WORD = Pattern.compile("(?i)movie|the movie|劇場版|剧场版|電影版|电影版|gekijouban");
  private static final Pattern SEASON_EPISODE = Pattern.compile("(?i)S\\d{1,2}\\s?E\\d{1,4}.*|\\d{1,2}x\\d{2,3}");
  private static final Pattern TAG_WORDS = Pattern.compile(
      ".*(新番|招人|招募|国漫|國漫|僅限|仅限|港澳台|代理商|未完待续|未完待續|先行|搬运|搬運|检索|檢索|粤语|粵語|国语|國語).*");
  private static final Pattern BATCH_WORDS =
      Pattern.compile("(?i)batch|complete(?: series| season)?|(?:修正)?合集|全集|bd-?box"
          + "|.*\\bseasons?\\s?\\d{1,2}\\s?[-~+&]\\s?\\d{1,2}\\b.*|.*\\bS\\d{1,2}\\s?-\\s?S\\d{1,2}\\b.*");
  private static final Pattern SPECIAL_WORDS =
      Pattern.compile("(?i)ova|oad|ovd|sp|specials?|ncop|nced|特別篇|特别篇|番外篇|番外");

  static BracketKind of(String content) {
    String text = content.strip();
    if (text.isEmpty()) {
      return META;
    }
    if (CRC32.matcher(text).matches() && text.chars().anyMatch(Character::isDigit)) {
      return CRC;
    }
    if (VERSION_ONLY.matcher(text).matches()) {
      return VERSION;
    }
    if (YEAR_ONLY.matcher(text).matches()) {
      return YEAR;
    }
    if (DATE_OR_SIZE.matcher(text).matches() || Resolutions.isBareHeight(text)) {
      return META;
    }
    if (SeasonMarkers.inBracket(text) != null && !SEASON_EPISODE.matcher(text).matches()) {
      return SEASON;
    }
    if (TV.matcher(text).matches()) {
      return TV_ADAPTATION;
    }
    if (MOVIE_WORD.matcher(text).matches()) {
      return MOVIE;
    }
    List<String> tokens = Vocabulary.tokens(text);
    if (tokens.stream().allMatch(Vocabulary::isMetadata)) {
      return META;
    }
    if (SEASON_EPISODE.matcher(text).matches() || EpisodeRules.bracketEpisode(text) != null) {
      return EPISODE;
    }
    if (mostlyMetadata(tokens)) {
      return META;
    }
    if (TAG_WORDS.matcher(text).matches()) {
      return TAG;
    }
    if (BATCH_WORDS.matcher(text).matches()) {
      return BATCH;
    }
    if (SPECIAL_WORDS.matcher(text).matches()) {
      return SPECIAL;
    }
    return TEXT;
  }

  /** "(1080p WEB-DL x265 HEVC 10bit AAC 5.1 theincognito)": a strong word and half of them known. */
  private static boolean mostlyMetadata(List<String> tokens) {
    long known = tokens.stream().filter(Vocabulary::isMetadata).count();
    boolean strong = tokens.stream().anyMatch(t -> Vocabulary.strength(t) == Vocabulary.Strength.STRONG);
    return strong && known * 2 >= tokens.size();
  }

  /** A leading bracket of weak words only ("[CR]", "[TV]") is still a group. */
  static boolean onlyWeakWords(String content) {
    return Vocabulary.tokens(content).stream()
        .allMatch(t -> Vocabulary.strength(t) == Vocabulary.Strength.WEAK);
  }
}
