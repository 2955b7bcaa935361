package io.autoanime.releases;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a title that names the show: the first free text after the group (up to the episode
 * marker, a bracket of metadata or a strong metadata word), or, in titles made only of brackets,
 * the first brackets of words ("[Group][中文名][Romaji][01]").
 *
 * @param parts the text of the name: one part, or one per bracket
 */
record NameRegion(List<String> parts, int start, int end) {

  /** @param markerStart where the episode marker starts, or {@link Integer#MAX_VALUE} when none */
  static NameRegion find(MaskedTitle title, int markerStart) {
    int freeStart = firstFree(title, true);
    int bracket = firstTextBracket(title, markerStart);
    if (freeStart >= 0 && !(freeStart > markerStart && bracket >= 0)) {
      return freeText(title, withNameBracketBefore(title, freeStart), markerStart);
    }
    if (bracket >= 0) {
      return brackets(title, bracket);
    }
    int digits = firstFree(title, false);
    if (digits >= 0 && digits < markerStart) {
      return freeText(title, digits, markerStart);
    }
    return new NameRegion(List.of(), title.bodyStart(), title.bodyStart());
  }

  private static NameRegion freeText(MaskedTitle title, int start, int markerStart) {
    String text = title.text;
    int end = markerStart > start && markerStart < text.length() ? markerStart : text.length();
    for (int i = 0; i < title.segments.size(); i++) {
      Segment segment = title.segments.get(i);
      if (segment.end() <= start || segment.start() >= end) {
        continue;
      }
      BracketKind kind = title.kind(i);
      if (segment.bracket() && segment.start() >= start && kind != BracketKind.TEXT && kind != BracketKind.YEAR
          && kind != BracketKind.TV_ADAPTATION) {
        end = segment.start();
        break;
      }
      if (!segment.bracket()) {
        for (int k = Math.max(start, segment.start()); k < Math.min(end, segment.end()); k++) {
          if (title.strongMetadata(k)) {
            end = k;
            break;
          }
        }
      }
    }
    return new NameRegion(List.of(text.substring(start, end)), start, end);
  }

  /** "[Zzz睡不醒][葬送的芙莉莲 第二季][Sousou no Frieren 2nd Season][01-10]": adjacent brackets of words. */
  private static NameRegion brackets(MaskedTitle title, int first) {
    List<String> parts = new ArrayList<>();
    int last = first;
    parts.add(title.segments.get(first).content(title.text));
    for (int i = first + 1; i < title.segments.size() && adjacentTextBracket(title, i); i++) {
      if (title.segments.get(i).bracket()) {
        parts.add(title.segments.get(i).content(title.text));
        last = i;
      }
    }
    return new NameRegion(parts, title.segments.get(first).start(), title.segments.get(last).end());
  }

  /** The first letter (or, failing letters, digit) of free text after the group that is not blanked. */
  private static int firstFree(MaskedTitle title, boolean letters) {
    for (Segment segment : title.freeSegments()) {
      int first = -1;
      boolean hasLetter = false;
      for (int k = segment.start(); k < segment.end(); k++) {
        char c = title.text.charAt(k);
        if (!title.masked(k) && Character.isLetterOrDigit(c)) {
          first = first < 0 ? k : first;
          hasLetter |= Character.isLetter(c);
        }
      }
      if (first >= 0 && (hasLetter || !letters)) {
        return first;
      }
    }
    return -1;
  }

  /** "【我推的孩子】 (2024) / Oshi no Ko": a name in brackets just before " / other name". */
  private static int withNameBracketBefore(MaskedTitle title, int freeStart) {
    int index = title.segmentAt(freeStart);
    String lead = title.text.substring(title.segments.get(index).start(), freeStart).strip();
    if (lead.length() != 1 || "/|｜／".indexOf(lead.charAt(0)) < 0) {
      return freeStart;
    }
    for (int i = index - 1; i >= 0 && title.segments.get(i).start() >= title.bodyStart(); i--) {
      Segment segment = title.segments.get(i);
      if (!segment.bracket() && segment.content(title.text).isBlank() || title.kind(i) == BracketKind.YEAR) {
        continue;
      }
      return title.kind(i) == BracketKind.TEXT ? segment.start() : freeStart;
    }
    return freeStart;
  }

  private static int firstTextBracket(MaskedTitle title, int before) {
    for (int i = 0; i < title.segments.size(); i++) {
      Segment segment = title.segments.get(i);
      if (segment.start() >= before) {
        return -1;
      }
      if (segment.start() >= title.bodyStart() && title.kind(i) == BracketKind.TEXT) {
        return i;
      }
    }
    return -1;
  }

  private static boolean adjacentTextBracket(MaskedTitle title, int i) {
    Segment segment = title.segments.get(i);
    return segment.bracket() ? title.kind(i) == BracketKind.TEXT : segment.content(title.text).isBlank();
  }
}
