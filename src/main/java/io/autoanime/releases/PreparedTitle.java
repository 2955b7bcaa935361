package io.autoanime.releases;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release title made ready to be taken apart: the file extension cut off, and a working copy in
 * which full-width brackets are ASCII ones, line breaks are spaces and, in titles that use them
 * instead of spaces, "_" or "." are spaces too. Every change is one character for one, so a
 * position in {@link #text} is the same position in {@link #original}.
 */
final class PreparedTitle {
  private static final Pattern EXTENSION = Pattern.compile(
      "(?i)\\.(mkv|mp4|avi|m4v|ts|m2ts|wmv|flv|webm|rmvb|mov|mpg|ogm|ass|ssa|srt|sup|cbz|cbr|epub|pdf|mp3|flac|m4a)$");
  private static final Set<String> VIDEO = Set.of(
      "mkv", "mp4", "avi", "m4v", "ts", "m2ts", "wmv", "flv", "webm", "rmvb", "mov", "mpg", "ogm");
  private static final Set<String> NOT_VIDEO = Set.of("cbz", "cbr", "epub", "pdf", "mp3", "flac", "m4a");

  /** The title as written, trimmed, without its extension. */
  final String original;
  /** {@link #original} with brackets and delimiters normalised, same length. */
  final String text;
  /** The extension that was cut off, lower case, or null. */
  final String extension;

  private PreparedTitle(String original, String text, String extension) {
    this.original = original;
    this.text = text;
    this.extension = extension;
  }

  static PreparedTitle of(String title) {
    String original = title.strip();
    String extension = null;
    Matcher ext = EXTENSION.matcher(original);
    if (ext.find() && ext.start() > 0) {
      extension = ext.group(1).toLowerCase(Locale.ROOT);
      original = original.substring(0, ext.start()).stripTrailing();
    }
    char[] text = original.toCharArray();
    for (int i = 0; i < text.length; i++) {
      text[i] = ascii(text[i]);
    }
    replaceDelimiters(text);
    return new PreparedTitle(original, new String(text), extension);
  }

  /** One video file (not a folder of them, not a batch): "Title (540p).mkv". */
  boolean isVideoFile() {
    return extension != null && VIDEO.contains(extension);
  }

  /** A book, a comic or music, by its extension. */
  boolean isNotVideo() {
    return extension != null && NOT_VIDEO.contains(extension);
  }

  private static char ascii(char c) {
    return switch (c) {
      case '【', '［', '〔' -> '[';
      case '】', '］', '〕' -> ']';
      case '（' -> '(';
      case '）' -> ')';
      case '｛' -> '{';
      case '｝' -> '}';
      case '\n', '\r', '\t', '\u3000' -> ' ';
      default -> c;
    };
  }

  /** "High_School_DxD_07" and "No.Game.No.Life.-.09" use "_" or "." where others put spaces. */
  private static void replaceDelimiters(char[] text) {
    int spaces = 0;
    int underscores = 0;
    int dots = 0;
    for (char c : text) {
      if (c == ' ') {
        spaces++;
      } else if (c == '_') {
        underscores++;
      } else if (c == '.') {
        dots++;
      }
    }
    if (underscores > spaces) {
      for (int i = 0; i < text.length; i++) {
        if (text[i] == '_') {
          text[i] = ' ';
        }
      }
    } else if (dots >= 2 && dots > spaces) {
      for (int i = 0; i < text.length; i++) {
        if (text[i] == '.' && !isDecimalPoint(text, i)) {
          text[i] = ' ';
        }
      }
    }
  }

  /** "5.1", "12.5" and "H.264" keep their dot; "S01E01.001" and "Cure.5.Go" do not. */
  private static boolean isDecimalPoint(char[] text, int i) {
    boolean digitBefore = i > 0 && Character.isDigit(text[i - 1]);
    boolean oneDigitAfter = i + 1 < text.length && Character.isDigit(text[i + 1])
        && (i + 2 == text.length || !Character.isDigit(text[i + 2]));
    boolean codec = i > 0 && (text[i - 1] == 'H' || text[i - 1] == 'h')
        && i + 3 < text.length && text[i + 1] == '2' && text[i + 2] == '6';
    return (digitBefore && oneDigitAfter) || codec;
  }
}
