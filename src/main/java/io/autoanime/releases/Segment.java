package io.autoanime.releases;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of a release title: a bracketed part ("[1080p]", "(Season 2)", "{01}") or the free text
 * between brackets. {@code open} is the opening bracket, or 0 for free text.
 */
record Segment(int start, int end, char open) {

  boolean bracket() {
    return open != 0;
  }

  /** Where the content starts: after the opening bracket. */
  int innerStart() {
    return bracket() ? start + 1 : start;
  }

  int innerEnd() {
    return bracket() ? end - 1 : end;
  }

  String content(String text) {
    return text.substring(innerStart(), innerEnd());
  }

  /** Splits on balanced brackets; an opening bracket without its closing one is plain text. */
  static List<Segment> split(String text) {
    List<Segment> segments = new ArrayList<>();
    int freeStart = 0;
    int i = 0;
    while (i < text.length()) {
      char open = text.charAt(i);
      char close = closing(open);
      int end = close == 0 ? -1 : matching(text, i, open, close);
      if (end < 0) {
        i++;
        continue;
      }
      if (freeStart < i) {
        segments.add(new Segment(freeStart, i, (char) 0));
      }
      segments.add(new Segment(i, end + 1, open));
      i = end + 1;
      freeStart = i;
    }
    if (freeStart < text.length()) {
      segments.add(new Segment(freeStart, text.length(), (char) 0));
    }
    return segments;
  }

  private static char closing(char open) {
    return switch (open) {
      case '[' -> ']';
      case '(' -> ')';
      case '{' -> '}';
      default -> 0;
    };
  }

  private static int matching(String text, int from, char open, char close) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
