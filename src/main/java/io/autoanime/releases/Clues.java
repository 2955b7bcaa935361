package io.autoanime.releases;

import java.util.Locale;

/**
 * Cheap tests run before a costly pattern: most titles hold none of the words a pattern looks
 * for, and a {@code contains} is far cheaper than a regular expression tried at every position.
 */
final class Clues {
  private Clues() {}

  /** Whether the lower-cased text contains one of the lower-case words. */
  static boolean anyOf(String lowerCased, String... words) {
    for (String word : words) {
      if (lowerCased.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** A letter (any case) from {@code letters} directly followed by an ASCII digit: "v2", "S02", "E05". */
  static boolean letterBeforeDigit(String text, String letters) {
    for (int i = 0; i + 1 < text.length(); i++) {
      if (letters.indexOf(text.charAt(i)) >= 0 && isDigit(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text holds a Chinese, Japanese or Korean letter. */
  static boolean hasCjk(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (isCjk(c)) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  static boolean isCjk(int codePoint) {
    if (codePoint < 0x1100) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }

  /** Spaces, tabs and line breaks collapsed to single spaces, ends trimmed. */
  static String collapseSpaces(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u3000') {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
