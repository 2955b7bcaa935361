package io.autoanime.releases;

import static io.autoanime.releases.EpisodeRules.MASK;

import io.autoanime.releases.EpisodeMarker.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of one release title, in the order anitomy reads: split on brackets, recognise what
 * is known (group, metadata, CRC, seasons), blank it out, then find the episode number by rules in
 * order of trust; the name of the show is the first free text that is left.
 */
final class TitleReading {
  private static final Pattern TV_ADAPTATION = Pattern.compile("(?i)(?<!\\p{L})(?:TV|ТВ)-\\d{1,2}(?!\\p{N})");
  private static final Pattern VOLUME = Pattern.compile("(?i)(?<!\\p{L})Vol(?:ume)?\\.?\\s?\\d{1,2}(?!\\p{N})");
  private static final Pattern BATCH_WORD = Pattern.compile(
      "(?i)(?<!\\p{L})(?:Batch|Complete)(?!\\p{L})|(?:修正)?(?:合集|全集)|总集篇|總集篇|特典|BD-?BOX");
  private static final Pattern MOVIE_WORD = Pattern.compile(
      "劇場版|剧场版|電影版|电影版|(?i:Gekij(?:ou|ō|o)ban)|(?i)(?<!\\p{L})movie\\s*$");
  private static final Pattern UPLOADER_NOTE = Pattern.compile("★\\S*|\\d{1,2}月新番|\\+\\s?(?:SP|OVA|OAD)s?\\s?[x×]\\s?\\d+");
  private static final Pattern LONE_VERSION = Pattern.compile("(?<![\\p{L}\\p{N}])[vV]\\d{1,2}(?![\\p{L}\\p{N}])");
  private static final Pattern VERSION = Pattern.compile(
      "(?<![A-Za-z])[vV](\\d{1,2})(?![\\p{N}A-Za-z])|(?<=NCOP|NCED|OVA|OAD|OVD|SP|PV|CM)v(\\d{1,2})(?!\\p{N})");
  private static final Pattern WORD = Pattern.compile("\\S+");
  private static final Pattern SPECIAL_AFTER_NUMBER =
      Pattern.compile("(?i)[\\s\\-–]*(?:OVA|OAD|OVD|Special|SP)(?!\\p{L})");
  private static final Pattern NOT_VIDEO = Pattern.compile(
      "(?i)(?<!\\p{L})(?:OST|Original Soundtrack|Soundtrack|Drama CD|Character Songs?|Light Novel|Artbook|Chapter\\s?\\d+|Ch\\.\\s?\\d+)(?!\\p{L})");
  private static final Pattern BARE_YEAR_AT_END = Pattern.compile(".*\\S\\s+(?:19|20)\\d\\d\\s*");
  /** Past two cours a stated season's number is the show's count, not the season's. */
  private static final int LONGEST_SEASON = 26;

  private final PreparedTitle title;
  private final String text;
  private final char[] scan;
  private final boolean[] strongMetadata;
  private final List<Segment> segments;
  private final List<BracketKind> kinds = new ArrayList<>();
  private final List<SeasonMarkers.Marker> freeSeasons = new ArrayList<>();
  private final List<String> tags = new ArrayList<>();
  private String group;
  private int bodyStart;
  private boolean movieWord;
  private boolean batchWord;

  TitleReading(PreparedTitle title) {
    this.title = title;
    this.text = title.text;
    this.scan = title.text.toCharArray();
    this.strongMetadata = new boolean[scan.length];
    this.segments = Segment.split(title.text);
    for (Segment segment : segments) {
      kinds.add(segment.bracket() ? BracketKind.of(segment.content(text)) : null);
    }
  }

  ParsedRelease read() {
    leadingGroup();
    maskBrackets();
    maskFreeText();
    List<EpisodeMarker> markers = new ArrayList<>(EpisodeRules.seasonEpisodes(scanned()));
    markers.forEach(m -> mask(m.start(), m.end()));
    markers.addAll(EpisodeRules.others(scanned(), freeSegments(), brackets(BracketKind.EPISODE), !movieWord));
    EpisodeMarker episode = choose(markers);
    EpisodeMarker dual = dualMarker(episode, markers);
    Region region = region(dual != null && dual.start() < episode.start() ? dual : episode);

    boolean movieByYear = episode == null && region.parts().size() == 1
        && BARE_YEAR_AT_END.matcher(region.parts().get(0)).matches() && brackets(BracketKind.SEASON).isEmpty();
    TitleVariants.Result names = TitleVariants.read(region.parts(),
        episode != null && episode.rule() != Rule.SEASON_EPISODE && !episode.special(),
        movieWord || movieByYear || !brackets(BracketKind.MOVIE).isEmpty());
    if (group == null) {
      group = trailingGroup(episode, region);
    }
    collectTags(region);
    return assemble(episode, dual, region, names);
  }

  private ParsedRelease assemble(EpisodeMarker episode, EpisodeMarker dual, Region region,
      TitleVariants.Result names) {
    List<BigDecimal> numbers = episode == null ? List.of() : episode.numbers();
    boolean decimal = numbers.stream().anyMatch(n -> n.stripTrailingZeros().scale() > 0);
    boolean special = names.special() || decimal || !brackets(BracketKind.SPECIAL).isEmpty()
        || (episode != null && (episode.special() || specialAfter(episode)));
    boolean movie = !special && (names.movie()
        || (numbers.isEmpty() && title.isVideoFile() && !batchWord && !names.batch()));
    ReleaseType type = names.names().isEmpty() || title.isNotVideo() || NOT_VIDEO.matcher(text).find()
        ? ReleaseType.NONE
        : special ? ReleaseType.SPECIAL : movie ? ReleaseType.MOVIE : ReleaseType.EPISODE;

    Integer season = season(episode, names, region);
    List<BigDecimal> absoluteNumbers = dual == null ? List.of() : dual.numbers();
    if (type == ReleaseType.SPECIAL) {
      season = 0;
    }
    if (type == ReleaseType.MOVIE || type == ReleaseType.NONE) {
      numbers = List.of();
      absoluteNumbers = List.of();
    }
    boolean absolute = !numbers.isEmpty() && episode.rule() != Rule.SEASON_EPISODE && !episode.special()
        && !(type == ReleaseType.SPECIAL && !decimal)
        && (season == null || season == 0 || (season >= 2 && max(numbers) > LONGEST_SEASON));
    boolean batch = switch (type) {
      case NONE -> false;
      case MOVIE -> batchWord || names.batch();
      case SPECIAL -> numbers.size() > 1 || batchWord || names.batch();
      case EPISODE -> numbers.size() != 1 || batchWord || names.batch() || !brackets(BracketKind.BATCH).isEmpty();
    };
    if (type == ReleaseType.NONE) {
      season = null;
    }
    return new ParsedRelease(group, names.names(), season, numbers, absoluteNumbers, absolute,
        version(region), Resolutions.find(text.substring(bodyStart)), batch, type, crc(),
        List.copyOf(new LinkedHashSet<>(tags)));
  }

  // ---- group -------------------------------------------------------------------------------

  /** "[Group] ...": a leading bracket that is not metadata, an episode, a season... */
  private void leadingGroup() {
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (!segment.bracket()) {
        if (!segment.content(text).isBlank()) {
          return;
        }
        continue;
      }
      BracketKind kind = kinds.get(i);
      String content = segment.content(title.original).strip();
      if (segment.open() == '[' && (kind == BracketKind.TEXT || (kind == BracketKind.META && BracketKind.onlyWeakWords(content)))
          && !content.isEmpty()) {
        group = content;
        bodyStart = segment.end();
        kinds.set(i, null);
        mask(segment.start(), segment.end());
      }
      return;
    }
  }

  /** "Title - 05 [Group]", "Title - 05 (Group)", "...XviD-Group", "Title - 01 DVD - Group". */
  private String trailingGroup(EpisodeMarker episode, Region region) {
    int after = Math.max(region.end(), episode == null ? 0 : episode.end());
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment.bracket() && segment.start() >= after && kinds.get(i) == BracketKind.TEXT) {
        return segment.content(title.original).strip();
      }
    }
    for (int dash = text.lastIndexOf('-'); dash > after; dash = text.lastIndexOf('-', dash - 1)) {
      String name = title.original.substring(dash + 1).strip();
      char before = text.charAt(dash - 1);
      boolean afterMetadata = before == ']' || before == ')' || Vocabulary.isMetadata(wordEndingAt(dash));
      if (afterMetadata && before != ' ' && !name.isEmpty() && name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._&'-]*")
          && !Vocabulary.isMetadata(name) && !name.matches("\\d+")) {
        return name;
      }
    }
    int spaced = text.lastIndexOf(" - ");
    if (spaced > after) {
      String between = new String(scan, after, spaced - after);
      String name = title.original.substring(spaced + 3).strip();
      boolean onlyMetadata = !between.isBlank() && between.chars().allMatch(c -> c == MASK || c == ' ');
      if (onlyMetadata && name.matches("[\\p{L}][\\p{L}\\p{N} ._&'-]*") && !Vocabulary.isMetadata(name)) {
        return name;
      }
    }
    return null;
  }

  private String wordEndingAt(int end) {
    int start = end;
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && "[](){}".indexOf(text.charAt(start - 1)) < 0) {
      start--;
    }
    return text.substring(start, end);
  }

  // ---- masking -----------------------------------------------------------------------------

  private void maskBrackets() {
    for (int i = 0; i < segments.size(); i++) {
      BracketKind kind = kinds.get(i);
      if (kind != null && kind != BracketKind.TEXT && kind != BracketKind.EPISODE) {
        mask(segments.get(i).start(), segments.get(i).end());
      }
    }
  }

  /** Seasons, metadata words, volumes, batch words and uploader notes in the free text. */
  private void maskFreeText() {
    for (Segment segment : freeSegments()) {
      String part = text.substring(segment.start(), segment.end());
      for (SeasonMarkers.Marker marker : SeasonMarkers.find(part)) {
        freeSeasons.add(new SeasonMarkers.Marker(segment.start() + marker.start(), segment.start() + marker.end(),
            marker.season(), marker.form()));
        mask(segment.start() + marker.start(), segment.start() + marker.end());
      }
      maskAll(segment, TV_ADAPTATION.matcher(part));
      batchWord |= maskAll(segment, VOLUME.matcher(part));
      batchWord |= maskAll(segment, BATCH_WORD.matcher(part));
      maskAll(segment, UPLOADER_NOTE.matcher(part));
      maskAll(segment, LONE_VERSION.matcher(part));
      movieWord |= MOVIE_WORD.matcher(part).find();
      Matcher word = WORD.matcher(scanned().substring(segment.start(), segment.end()));
      while (word.find()) {
        Vocabulary.Strength strength = word.group().indexOf(MASK) < 0 ? Vocabulary.strength(word.group()) : null;
        if (strength != null) {
          int start = segment.start() + word.start();
          int end = segment.start() + word.end();
          mask(start, end);
          for (int k = start; k < end; k++) {
            strongMetadata[k] = strength == Vocabulary.Strength.STRONG;
          }
        }
      }
    }
  }

  private boolean maskAll(Segment segment, Matcher m) {
    boolean found = false;
    while (m.find()) {
      mask(segment.start() + m.start(), segment.start() + m.end());
      found = true;
    }
    return found;
  }

  private void mask(int start, int end) {
    for (int i = start; i < end; i++) {
      scan[i] = MASK;
    }
  }

  private String scanned() {
    return new String(scan);
  }

  // ---- episode -----------------------------------------------------------------------------

  /** The marker of the most trusted rule, leftmost; a year only when nothing else is found. */
  private static EpisodeMarker choose(List<EpisodeMarker> markers) {
    Comparator<EpisodeMarker> trust = Comparator.comparing(EpisodeMarker::rule).thenComparingInt(EpisodeMarker::start);
    return markers.stream().filter(m -> !m.yearLike()).min(trust)
        .orElse(markers.stream().min(trust).orElse(null));
  }

  /** "S01E05 - 05", "05 - S01E05", "S01E01-02 (001-002)", "214 10x14": the number beside SxxEyy. */
  private EpisodeMarker dualMarker(EpisodeMarker episode, List<EpisodeMarker> markers) {
    if (episode == null || episode.rule() != Rule.SEASON_EPISODE) {
      return null;
    }
    for (EpisodeMarker other : markers) {
      boolean nameBefore = other.rule() == Rule.BARE && other.end() <= episode.start();
      if (other.rule() == Rule.SEASON_EPISODE || other.rule() == Rule.SPECIAL || other.yearLike() || nameBefore) {
        continue;
      }
      String gap = other.end() <= episode.start() ? text.substring(other.end(), episode.start())
          : other.start() >= episode.end() ? text.substring(episode.end(), other.start()) : null;
      if (gap != null && gap.length() <= 4 && gap.chars().allMatch(c -> " -–()[]".indexOf(c) >= 0)) {
        return other;
      }
    }
    return null;
  }

  /** "01 - Special [BD]", "01 - OVA": the keyword right after the number. */
  private boolean specialAfter(EpisodeMarker episode) {
    Matcher m = SPECIAL_AFTER_NUMBER.matcher(text).region(episode.end(), text.length());
    return m.lookingAt() && EpisodeRules.endsEpisode(scanned(), m.end(), false);
  }

  // ---- the name ----------------------------------------------------------------------------

  /** The text that names the show, and where it ends. */
  private record Region(List<String> parts, int start, int end) {}

  private Region region(EpisodeMarker episode) {
    int markerStart = episode == null ? Integer.MAX_VALUE : episode.start();
    int freeStart = firstFree(true);
    boolean textBracketBeforeMarker = firstTextBracket(markerStart) >= 0;
    if (freeStart >= 0 && !(freeStart > markerStart && textBracketBeforeMarker)) {
      return freeRegion(withNameBracketBefore(freeStart), markerStart);
    }
    int bracket = firstTextBracket(markerStart);
    if (bracket >= 0) {
      List<String> parts = new ArrayList<>();
      int last = bracket;
      parts.add(segments.get(bracket).content(text));
      for (int i = bracket + 1; i < segments.size() && adjacentTextBracket(i); i++) {
        if (segments.get(i).bracket()) {
          parts.add(segments.get(i).content(text));
          last = i;
        }
      }
      return new Region(parts, segments.get(bracket).start(), segments.get(last).end());
    }
    int digits = firstFree(false);
    if (digits >= 0 && digits < markerStart) {
      return freeRegion(digits, markerStart);
    }
    return new Region(List.of(), bodyStart, bodyStart);
  }

  private Region freeRegion(int start, int markerStart) {
    int end = markerStart > start && markerStart < text.length() ? markerStart : text.length();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment.end() <= start || segment.start() >= end) {
        continue;
      }
      BracketKind kind = kinds.get(i);
      if (segment.bracket() && segment.start() >= start && kind != BracketKind.TEXT && kind != BracketKind.YEAR
          && kind != BracketKind.TV_ADAPTATION) {
        end = segment.start();
        break;
      }
      if (!segment.bracket()) {
        for (int k = Math.max(start, segment.start()); k < Math.min(end, segment.end()); k++) {
          if (strongMetadata[k]) {
            end = k;
            break;
          }
        }
      }
    }
    return new Region(List.of(text.substring(start, end)), start, end);
  }

  /** The first letter (or, failing letters, digit) of free text after the group that is not blanked. */
  private int firstFree(boolean letters) {
    for (Segment segment : freeSegments()) {
      int firstLetterOrDigit = -1;
      boolean hasLetter = false;
      for (int k = segment.start(); k < segment.end(); k++) {
        char c = scan[k];
        if (c != MASK && Character.isLetterOrDigit(c)) {
          firstLetterOrDigit = firstLetterOrDigit < 0 ? k : firstLetterOrDigit;
          hasLetter |= Character.isLetter(c);
        }
      }
      if (firstLetterOrDigit >= 0 && (hasLetter || !letters)) {
        return firstLetterOrDigit;
      }
    }
    return -1;
  }

  /** "【我推的孩子】 (2024) / Oshi no Ko": a name in brackets just before " / other name". */
  private int withNameBracketBefore(int freeStart) {
    int index = segmentAt(freeStart);
    if (!text.substring(segments.get(index).start(), freeStart).strip().matches("[/|｜／]?")
        || !text.substring(segments.get(index).start()).strip().matches("^[/|｜／].*")) {
      return freeStart;
    }
    for (int i = index - 1; i >= 0 && segments.get(i).start() >= bodyStart; i--) {
      Segment segment = segments.get(i);
      if (!segment.bracket() && segment.content(text).isBlank() || kinds.get(i) == BracketKind.YEAR) {
        continue;
      }
      return kinds.get(i) == BracketKind.TEXT ? segment.start() : freeStart;
    }
    return freeStart;
  }

  private int firstTextBracket(int before) {
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment.start() >= before) {
        return -1;
      }
      if (segment.start() >= bodyStart && kinds.get(i) == BracketKind.TEXT) {
        return i;
      }
    }
    return -1;
  }

  private boolean adjacentTextBracket(int i) {
    Segment segment = segments.get(i);
    return segment.bracket() ? kinds.get(i) == BracketKind.TEXT : segment.content(text).isBlank();
  }

  private int segmentAt(int position) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).start() <= position && position < segments.get(i).end()) {
        return i;
      }
    }
    return segments.size() - 1;
  }

  // ---- the rest ----------------------------------------------------------------------------

  private Integer season(EpisodeMarker episode, TitleVariants.Result names, Region region) {
    if (episode != null && episode.season() != null) {
      return episode.season();
    }
    if (names.season() != null) {
      return names.season();
    }
    for (Segment bracket : brackets(BracketKind.SEASON)) {
      return SeasonMarkers.inBracket(bracket.content(text));
    }
    int limit = episode == null ? text.length() : episode.start();
    return freeSeasons.stream().filter(m -> m.start() < limit && m.start() >= bodyStart)
        .map(SeasonMarkers.Marker::season).findFirst().orElse(null);
  }

  /** "v2", "[V2]", "09v2", "NCOPv2", "修正合集v2"; not "HEVC2", "Ver1.1a" or the name. */
  private Integer version(Region region) {
    Matcher m = VERSION.matcher(text).region(bodyStart, text.length());
    while (m.find()) {
      boolean inName = m.start() >= region.start() && m.start() < region.end() && m.group(2) == null;
      if (!inName) {
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    return null;
  }

  private String crc() {
    for (Segment bracket : brackets(BracketKind.CRC)) {
      return bracket.content(title.original).strip();
    }
    return null;
  }

  /** Codec, source, audio, language and subtitle words, as written, outside the name. */
  private void collectTags(Region region) {
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment.start() < bodyStart || (segment.start() >= region.start() && segment.end() <= region.end())) {
        continue;
      }
      if (segment.bracket() && kinds.get(i) == BracketKind.META) {
        for (String token : Vocabulary.tokens(segment.content(title.original))) {
          addTag(token);
        }
      } else if (!segment.bracket()) {
        Matcher word = WORD.matcher(title.original.substring(segment.start(), segment.end()));
        while (word.find()) {
          int at = segment.start() + word.start();
          if ((at < region.start() || at >= region.end()) && scan[at] == MASK) {
            addTag(word.group());
          }
        }
      }
    }
  }

  private void addTag(String token) {
    if (Vocabulary.isMetadata(token) && !Resolutions.isResolutionWord(token)) {
      tags.add(token);
    }
  }

  private List<Segment> freeSegments() {
    return segments.stream().filter(s -> !s.bracket() && s.start() >= bodyStart).toList();
  }

  private List<Segment> brackets(BracketKind kind) {
    List<Segment> found = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      if (kinds.get(i) == kind && segments.get(i).start() >= bodyStart) {
        found.add(segments.get(i));
      }
    }
    return found;
  }

  private static int max(List<BigDecimal> numbers) {
    return numbers.stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO).intValue();
  }

}
