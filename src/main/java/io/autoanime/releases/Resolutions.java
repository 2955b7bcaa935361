package io.autoanime.releases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the video height a title states and writes it "1080p", snapped to the standard ladder. */
final class Resolutions {
  private static final int[] LADDER = {240, 360, 480, 540, 576, 720, 1080, 1440, 2160, 4320};
  private static final String[] SOURCE_PREFIXES = {"BD", "WEB", "TV", "HD"};
  private static final Pattern NAMED = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(FHD|UHD|QHD|4K)(?![\\p{L}\\p{N}])");
  /** "[1080]": a bare height in brackets, read only when nothing else states one. */
  private static final Pattern BRACKETED_HEIGHT =
      Pattern.compile("[\\[(](360|480|540|576|720|1080|1440|2160)[\\])]");
  private static final Pattern WORD = Pattern.compile(
      "(?i)(?:bd|web|tv|hd)?\\d{3,4}[pi](?:\\d{1,2})?|\\d{3,4}\\s?[x×*]\\s?\\d{3,4}p?|fhd|uhd|qhd|4k");

  private Resolutions() {}

  /** The resolution of a title, or null. */
  static String find(String text) {
    int height = stated(text);
    if (height < 0) {
      String lower = Clues.lower(text);
      if (Clues.anyOf(lower, "hd", "4k")) {
        Matcher m = NAMED.matcher(text);
        if (m.find()) {
          height = switch (m.group(1).toUpperCase()) {
            case "FHD" -> 1080;
            case "QHD" -> 1440;
            default -> 2160;
          };
        }
      }
    }
    if (height < 0) {
      Matcher m = BRACKETED_HEIGHT.matcher(text);
      if (m.find()) {
        height = Integer.parseInt(m.group(1));
      }
    }
    return height < 0 ? null : snap(height) + "p";
  }

  /**
   * The first "1920x1080", "1280*720", "1080p", "1080P", "1080p10", "1080i" or "BD1080p" in the text,
   * or -1; not "Hi10P" or "x264".
   */
  private static int stated(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!Clues.isDigit(text.charAt(i)) || (i > 0 && Clues.isDigit(text.charAt(i - 1)))) {
        continue;
      }
      int end = digitsEnd(text, i);
      if (end - i < 3 || end - i > 4 || !(i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) || afterSource(text, i))) {
        continue;
      }
      int k = end < n && text.charAt(end) == ' ' ? end + 1 : end;
      if (k < n && "x×X*".indexOf(text.charAt(k)) >= 0) {
        int h = k + 1 < n && text.charAt(k + 1) == ' ' ? k + 2 : k + 1;
        int hEnd = digitsEnd(text, h);
        if (hEnd - h >= 3 && hEnd - h <= 4) {
          int height = Integer.parseInt(text, h, hEnd, 10);
          if (plausible(height)) {
            return height;
          }
        }
      } else if (end < n && "pPiI".indexOf(text.charAt(end)) >= 0) {
        int after = end + 1;
        int bits = digitsEnd(text, after);
        if (bits - after <= 2) {
          after = bits;
        }
        int height = Integer.parseInt(text, i, end, 10);
        if ((after >= n || !Character.isLetterOrDigit(text.charAt(after))) && plausible(height)) {
          return height;
        }
      }
    }
    return -1;
  }

  private static boolean afterSource(String text, int at) {
    for (String prefix : SOURCE_PREFIXES) {
      int start = at - prefix.length();
      if (start >= 0 && text.startsWith(prefix, start) && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static int digitsEnd(String text, int from) {
    int end = from;
    while (end < text.length() && Clues.isDigit(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** One word that is a resolution: "1080p", "1920x1080", "FHD". */
  static boolean isResolutionWord(String word) {
    return word.length() >= 2 && word.length() <= 16 && WORD.matcher(word).matches();
  }

  /** A bracket holding only a standard height, "[1080]". */
  static boolean isBareHeight(String content) {
    return BRACKETED_HEIGHT.matcher("[" + content.strip() + "]").matches();
  }

  /** Heights within 4% of a standard one are that one: 1072 is 1080, 692 is 720; 804 stays. */
  static int snap(int height) {
    for (int standard : LADDER) {
      if (Math.abs(height - standard) <= standard * 0.04) {
        return standard;
      }
    }
    return height;
  }

  private static boolean plausible(int height) {
    return height >= 144 && height <= 4320;
  }
}
