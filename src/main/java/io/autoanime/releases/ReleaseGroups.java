package io.autoanime.releases;

/**
 * Where the release group stands: "[Group] Title - 05", or for titles without one in front,
 * "Title - 05 [Group]", "Title - 05 (Group)", "Title.S01E05.1080p.x264-GROUP", "Title - 01 DVD - Group".
 */
final class ReleaseGroups {
  private static final String NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._&'-]*";

  private ReleaseGroups() {}

  /**
   * The group in the first bracket, which is then taken out of the title; null when the first
   * bracket is metadata, an episode, a season... A bracket of weak words only ("[CR]") is a group.
   */
  static String leading(MaskedTitle title) {
    for (int i = 0; i < title.segments.size(); i++) {
      Segment segment = title.segments.get(i);
      if (!segment.bracket()) {
        if (!segment.content(title.text).isBlank()) {
          return null;
        }
        continue;
      }
      BracketKind kind = title.kind(i);
      String content = title.original(segment);
      boolean named = kind == BracketKind.TEXT || (kind == BracketKind.META && BracketKind.onlyWeakWords(content));
      if (segment.open() != '[' || !named || content.isEmpty()) {
        return null;
      }
      title.takeAsGroup(i);
      return content;
    }
    return null;
  }

  /** The group after the episode (or the name), for titles without a leading one; null when none. */
  static String trailing(MaskedTitle title, int after) {
    for (int i = 0; i < title.segments.size(); i++) {
      Segment segment = title.segments.get(i);
      if (segment.bracket() && segment.start() >= after && title.kind(i) == BracketKind.TEXT) {
        return title.original(segment);
      }
    }
    String text = title.text;
    for (int dash = text.lastIndexOf('-'); dash > after; dash = text.lastIndexOf('-', dash - 1)) {
      String name = title.title.original.substring(dash + 1).strip();
      char before = text.charAt(dash - 1);
      boolean afterMetadata = before == ']' || before == ')' || Vocabulary.isMetadata(wordEndingAt(text, dash));
      if (afterMetadata && before != ' ' && name.matches(NAME) && !Vocabulary.isMetadata(name) && !name.matches("\\d+")) {
        return name;
      }
    }
    int spaced = text.lastIndexOf(" - ");
    if (spaced > after) {
      boolean onlyMetadataBetween = false;
      for (int k = after; k < spaced; k++) {
        if (title.masked(k)) {
          onlyMetadataBetween = true;
        } else if (text.charAt(k) != ' ') {
          return null;
        }
      }
      String name = title.title.original.substring(spaced + 3).strip();
      if (onlyMetadataBetween && name.matches(NAME) && Character.isLetter(name.charAt(0)) && !Vocabulary.isMetadata(name)) {
        return name;
      }
    }
    return null;
  }

  private static String wordEndingAt(String text, int end) {
    int start = end;
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && "[](){}".indexOf(text.charAt(start - 1)) < 0) {
      start--;
    }
    return text.substring(start, end);
  }
}
