package io.autoanime.releases;

import io.autoanime.releases.EpisodeMarker.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of one release title, in the order anitomy reads: split on brackets, recognise what
 * is known (group, metadata, CRC, seasons), blank it out, then find the episode number by rules in
 * order of trust; the name of the show is the first free text that is left.
 */
final class TitleReading {
  private static final Pattern VERSION = Pattern.compile(
      "(?<![A-Za-z])[vV](\\d{1,2})(?![\\p{N}A-Za-z])|(?<=NCOP|NCED|OVA|OAD|OVD|SP|PV|CM)v(\\d{1,2})(?!\\p{N})");
  private static final Pattern WORD = Pattern.compile("\\S+");
  private static final Pattern SPECIAL_AFTER_NUMBER =
      Pattern.compile("(?i)[\\s\\-–]*(?:OVA|OAD|OVD|Special|SP)(?!\\p{L})");
  private static final Pattern NOT_VIDEO = Pattern.compile("(?i)(?<!\\p{L})(?:OST|Original Soundtrack|Soundtrack"
      + "|Drama CD|Character Songs?|Light Novel|Artbook|Chapter\\s?\\d+|Ch\\.\\s?\\d+)(?!\\p{L})");
  private static final Pattern BARE_YEAR_AT_END = Pattern.compile(".*\\S\\s+(?:19|20)\\d\\d\\s*");
  /** Past two cours a stated season's number is the show's count, not the season's. */
  private static final int LONGEST_SEASON = 26;

  private final MaskedTitle title;
  private final String text;

  TitleReading(PreparedTitle prepared) {
    this.title = new MaskedTitle(prepared);
    this.text = prepared.text;
  }

  ParsedRelease read() {
    String group = ReleaseGroups.leading(title);
    maskBrackets();
    FreeTextMarks.Findings free = FreeTextMarks.mark(title);
    List<EpisodeMarker> markers = new ArrayList<>(EpisodeRules.seasonEpisodes(title.scanned()));
    markers.forEach(m -> title.mask(m.start(), m.end()));
    markers.addAll(EpisodeRules.others(title.scanned(), title.freeSegments(), title.brackets(BracketKind.EPISODE),
        !free.movieWord()));
    EpisodeMarker episode = choose(markers);
    EpisodeMarker dual = dualMarker(episode, markers);
    NameRegion region = NameRegion.find(title, dual != null && dual.start() < episode.start() ? dual.start()
        : episode == null ? Integer.MAX_VALUE : episode.start());

    boolean movieByYear = episode == null && region.parts().size() == 1
        && BARE_YEAR_AT_END.matcher(region.parts().get(0)).matches() && title.brackets(BracketKind.SEASON).isEmpty();
    TitleVariants.Result names = TitleVariants.read(region.parts(),
        episode != null && episode.rule() != Rule.SEASON_EPISODE && !episode.special(),
        free.movieWord() || movieByYear || !title.brackets(BracketKind.MOVIE).isEmpty());
    if (group == null) {
      group = ReleaseGroups.trailing(title, Math.max(region.end(), episode == null ? 0 : episode.end()));
    }
    return assemble(group, episode, dual, region, names, free);
  }

  private ParsedRelease assemble(String group, EpisodeMarker episode, EpisodeMarker dual, NameRegion region,
      TitleVariants.Result names, FreeTextMarks.Findings free) {
    List<BigDecimal> numbers = episode == null ? List.of() : episode.numbers();
    List<BigDecimal> absoluteNumbers = dual == null ? List.of() : dual.numbers();
    boolean decimal = numbers.stream().anyMatch(n -> n.stripTrailingZeros().scale() > 0);
    boolean batchWord = free.batchWord() || names.batch();
    boolean special = names.special() || decimal || !title.brackets(BracketKind.SPECIAL).isEmpty()
        || (episode != null && (episode.special() || specialAfter(episode)));
    boolean movie = !special && (names.movie() || (numbers.isEmpty() && title.title.isVideoFile() && !batchWord));
    ReleaseType type = names.names().isEmpty() || title.title.isNotVideo() || notVideo() ? ReleaseType.NONE
        : special ? ReleaseType.SPECIAL : movie ? ReleaseType.MOVIE : ReleaseType.EPISODE;

    Integer season = switch (type) {
      case NONE -> null;
      case SPECIAL -> 0;
      default -> season(episode, names, free);
    };
    if (type == ReleaseType.MOVIE || type == ReleaseType.NONE) {
      numbers = List.of();
      absoluteNumbers = List.of();
    }
    boolean absolute = !numbers.isEmpty() && episode.rule() != Rule.SEASON_EPISODE && !episode.special()
        && !(type == ReleaseType.SPECIAL && !decimal)
        && (season == null || season == 0 || (season >= 2 && max(numbers) > LONGEST_SEASON));
    boolean batch = switch (type) {
      case NONE -> false;
      case MOVIE -> batchWord;
      case SPECIAL -> numbers.size() > 1 || batchWord;
      case EPISODE -> numbers.size() != 1 || batchWord || !title.brackets(BracketKind.BATCH).isEmpty();
    };
    return new ParsedRelease(group, names.names(), season, numbers, absoluteNumbers, absolute,
        version(region), Resolutions.find(text.substring(title.bodyStart())), batch, type, crc(), tags(region));
  }

  private void maskBrackets() {
    for (int i = 0; i < title.segments.size(); i++) {
      BracketKind kind = title.kind(i);
      if (kind != null && kind != BracketKind.TEXT && kind != BracketKind.EPISODE) {
        title.mask(title.segments.get(i).start(), title.segments.get(i).end());
      }
    }
  }

  /** The marker of the most trusted rule, leftmost; a year only when nothing else is found. */
  private static EpisodeMarker choose(List<EpisodeMarker> markers) {
    Comparator<EpisodeMarker> trust = Comparator.comparing(EpisodeMarker::rule).thenComparingInt(EpisodeMarker::start);
    return markers.stream().filter(m -> !m.yearLike()).min(trust)
        .orElse(markers.stream().min(trust).orElse(null));
  }

  /**
   * "S01E05 - 05", "05 - S01E05", "S01E01-02 (001-002)", "S10E14 214": the count beside SxxEyy. A bare
   * number just before it belongs to the name ("Mob Psycho 100 S03E12").
   */
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
    return m.lookingAt() && EpisodeRules.endsEpisode(title.scanned(), m.end(), false);
  }

  /** Soundtracks, drama CDs, books, chapters of a manga. */
  private boolean notVideo() {
    return Clues.anyOf(Clues.lower(text), "ost", "soundtrack", "drama cd", "character song", "light novel", "artbook",
        "chapter", "ch.") && NOT_VIDEO.matcher(text).find();
  }

  /** SxxEyy first, then the names ("2nd Season", "第二季", "III"), a season bracket, other free text. */
  private Integer season(EpisodeMarker episode, TitleVariants.Result names, FreeTextMarks.Findings free) {
    if (episode != null && episode.season() != null) {
      return episode.season();
    }
    if (names.season() != null) {
      return names.season();
    }
    for (Segment bracket : title.brackets(BracketKind.SEASON)) {
      return SeasonMarkers.inBracket(bracket.content(text));
    }
    int limit = episode == null ? text.length() : episode.start();
    return free.seasons().stream().filter(m -> m.start() < limit).map(SeasonMarkers.Marker::season)
        .findFirst().orElse(null);
  }

  /** "v2", "[V2]", "09v2", "NCOPv2", "修正合集v2"; not "HEVC2", "Ver1.1a" or a "v2" in the name. */
  private Integer version(NameRegion region) {
    if (!Clues.letterBeforeDigit(text, "vV")) {
      return null;
    }
    Matcher m = VERSION.matcher(text).region(title.bodyStart(), text.length());
    while (m.find()) {
      boolean inName = m.start() >= region.start() && m.start() < region.end() && m.group(2) == null;
      if (!inName) {
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    return null;
  }

  private String crc() {
    for (Segment bracket : title.brackets(BracketKind.CRC)) {
      return title.original(bracket);
    }
    return null;
  }

  /** Codec, source, audio, language and subtitle words, as written, outside the name. */
  private List<String> tags(NameRegion region) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < title.segments.size(); i++) {
      Segment segment = title.segments.get(i);
      if (segment.start() < title.bodyStart() || (segment.start() >= region.start() && segment.end() <= region.end())) {
        continue;
      }
      if (segment.bracket() && title.kind(i) == BracketKind.META) {
        for (String token : Vocabulary.tokens(segment.content(title.title.original))) {
          addTag(tags, token);
        }
      } else if (!segment.bracket()) {
        Matcher word = WORD.matcher(title.title.original.substring(segment.start(), segment.end()));
        while (word.find()) {
          int at = segment.start() + word.start();
          if ((at < region.start() || at >= region.end()) && title.masked(at)) {
            addTag(tags, word.group());
          }
        }
      }
    }
    return List.copyOf(tags);
  }

  private static void addTag(LinkedHashSet<String> tags, String token) {
    if (Vocabulary.isMetadata(token) && !Resolutions.isResolutionWord(token)) {
      tags.add(token);
    }
  }

  private static int max(List<BigDecimal> numbers) {
    return numbers.stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO).intValue();
  }
}
