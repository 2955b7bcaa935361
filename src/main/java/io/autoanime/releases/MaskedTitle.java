package io.autoanime.releases;

import java.util.ArrayList;
import java.util.List;

/**
 * A title split into brackets and free text, with a working copy in which every part already
 * recognised (the group, metadata, seasons, CRC...) is blanked out as {@link #MASK}, so that the
 * rules that come later see only what is still unexplained.
 */
final class MaskedTitle {
  static final char MASK = '\0';

  final PreparedTitle title;
  /** {@link PreparedTitle#text}: brackets and delimiters normalised. */
  final String text;
  final List<Segment> segments;
  private final List<BracketKind> kinds = new ArrayList<>();
  private final char[] scan;
  private final boolean[] strongMetadata;
  private int bodyStart;
  private List<Segment> freeSegments;

  MaskedTitle(PreparedTitle title) {
    this.title = title;
    this.text = title.text;
    this.scan = title.text.toCharArray();
    this.strongMetadata = new boolean[scan.length];
    this.segments = Segment.split(title.text);
    for (Segment segment : segments) {
      kinds.add(segment.bracket() ? BracketKind.of(segment.content(text)) : null);
    }
  }

  /** The kind of the i-th segment; null for free text and for the group. */
  BracketKind kind(int i) {
    return kinds.get(i);
  }

  /** The i-th segment is the group: not a bracket to read any more, and the body starts after it. */
  void takeAsGroup(int i) {
    kinds.set(i, null);
    bodyStart = segments.get(i).end();
    mask(segments.get(i).start(), segments.get(i).end());
  }

  /** Where the title proper starts: after the group. */
  int bodyStart() {
    return bodyStart;
  }

  void mask(int start, int end) {
    for (int i = start; i < end; i++) {
      scan[i] = MASK;
    }
  }

  /** Blanks out a word that describes the file; a strong one ("1080p", "x264") ends a name. */
  void maskMetadata(int start, int end, boolean strong) {
    mask(start, end);
    for (int i = start; i < end; i++) {
      strongMetadata[i] = strong;
    }
  }

  boolean masked(int position) {
    return scan[position] == MASK;
  }

  boolean strongMetadata(int position) {
    return strongMetadata[position];
  }

  /** The working copy, with {@link #MASK} where something was recognised. */
  String scanned() {
    return new String(scan);
  }

  String original(Segment segment) {
    return segment.content(title.original).strip();
  }

  List<Segment> freeSegments() {
    if (freeSegments == null) {
      freeSegments = segments.stream().filter(s -> !s.bracket() && s.start() >= bodyStart).toList();
    }
    return freeSegments;
  }

  /** The brackets of one kind after the group. */
  List<Segment> brackets(BracketKind kind) {
    List<Segment> found = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      if (kinds.get(i) == kind && segments.get(i).start() >= bodyStart) {
        found.add(segments.get(i));
      }
    }
    return found;
  }

  int segmentAt(int position) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).start() <= position && position < segments.get(i).end()) {
        return i;
      }
    }
    return segments.size() - 1;
  }
}
