package io.autoanime.releases;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out what the free text says besides the name and the episode: season markers, metadata
 * words, "TV-2", "Vol.01", "Batch"/"合集", uploader notes ("★4月新番", "+SPx11") and lone "v2";
 * and notes what they tell.
 */
final class FreeTextMarks {
  /** What the free text told: where it states seasons, and whether it names a film or a pack. */
  record Findings(List<SeasonMarkers.Marker> seasons, boolean movieWord, boolean batchWord) {}

  private static final Pattern TV_ADAPTATION = Pattern.compile("(?i)(?<!\\p{L})(?:TV|ТВ)-\\d{1,2}(?!\\p{N})");
  private static final Pattern VOLUME = Pattern.compile("(?i)(?<!\\p{L})Vol(?:ume)?\\.?\\s?\\d{1,2}(?!\\p{N})");
  private static final Pattern BATCH_WORD = Pattern.compile(
      "(?i)(?<!\\p{L})(?:Batch|Complete)(?!\\p{L})|(?:修正)?(?:合集|全集)|总集篇|總集篇|特典|BD-?BOX");
  private static final Pattern MOVIE_WORD = Pattern.compile(
      "劇場版|剧场版|電影版|电影版|(?i:Gekij(?:ou|ō|o)ban)|(?i)(?<!\\p{L})movie\\s*$");
  private static final Pattern UPLOADER_NOTE = Pattern.compile("★\\S*|\\d{1,2}月新番|\\+\\s?(?:SP|OVA|OAD)s?\\s?[x×]\\s?\\d+");
  private static final Pattern LONE_VERSION = Pattern.compile("(?<![\\p{L}\\p{N}])[vV]\\d{1,2}(?![\\p{L}\\p{N}])");
  private static final Pattern WORD = Pattern.compile("\\S+");

  private FreeTextMarks() {}

  static Findings mark(MaskedTitle title) {
    List<SeasonMarkers.Marker> seasons = new ArrayList<>();
    boolean movieWord = false;
    boolean batchWord = false;
    for (Segment segment : title.freeSegments()) {
      String part = title.text.substring(segment.start(), segment.end());
      int at = segment.start();
      for (SeasonMarkers.Marker marker : SeasonMarkers.find(part)) {
        seasons.add(new SeasonMarkers.Marker(at + marker.start(), at + marker.end(), marker.season(), marker.form()));
        title.mask(at + marker.start(), at + marker.end());
      }
      String lower = Clues.lower(part);
      if (Clues.anyOf(lower, "tv-", "тв-")) {
        maskAll(title, at, TV_ADAPTATION.matcher(part));
      }
      if (lower.contains("vol")) {
        batchWord |= maskAll(title, at, VOLUME.matcher(part));
      }
      if (Clues.anyOf(lower, "batch", "complete", "合集", "全集", "总集篇", "總集篇", "特典", "box")) {
        batchWord |= maskAll(title, at, BATCH_WORD.matcher(part));
      }
      if (Clues.anyOf(lower, "★", "月新番", "+")) {
        maskAll(title, at, UPLOADER_NOTE.matcher(part));
      }
      if (Clues.letterBeforeDigit(part, "vV")) {
        maskAll(title, at, LONE_VERSION.matcher(part));
      }
      if (Clues.anyOf(lower, "劇場版", "剧场版", "電影版", "电影版", "gekij", "movie")) {
        movieWord |= MOVIE_WORD.matcher(part).find();
      }
      maskMetadataWords(title, segment);
    }
    return new Findings(seasons, movieWord, batchWord);
  }

  private static void maskMetadataWords(MaskedTitle title, Segment segment) {
    Matcher word = WORD.matcher(title.scanned().substring(segment.start(), segment.end()));
    while (word.find()) {
      Vocabulary.Strength strength =
          word.group().indexOf(MaskedTitle.MASK) < 0 ? Vocabulary.strength(word.group()) : null;
      if (strength != null) {
        title.maskMetadata(segment.start() + word.start(), segment.start() + word.end(),
            strength == Vocabulary.Strength.STRONG);
      }
    }
  }

  private static boolean maskAll(MaskedTitle title, int offset, Matcher m) {
    boolean found = false;
    while (m.find()) {
      title.mask(offset + m.start(), offset + m.end());
      found = true;
    }
    return found;
  }
}
