package io.autoanime.releases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the video height a title states and writes it "1080p", snapped to the standard ladder. */
final class Resolutions {
  private static final int[] LADDER = {240, 360, 480, 540, 576, 720, 1080, 1440, 2160, 4320};
  private static final Pattern WIDTH_BY_HEIGHT =
      Pattern.compile("(?<![\\p{L}\\p{N}])\\d{3,4}\\s?[x×X*]\\s?(\\d{3,4})[pP]?(?!\\p{N})");
  /** "1080p", "720P", "1080p10" (10-bit), "1080i"; not "Hi10P". */
  private static final Pattern HEIGHT_P =
      Pattern.compile("(?:(?<![\\p{L}\\p{N}])|(?<=(?:^|[^\\p{L}\\p{N}])(?:BD|WEB|TV|HD)))(\\d{3,4})[pPiI](?:\\d{1,2})?(?![\\p{L}\\p{N}])");
  private static final Pattern NAMED = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(FHD|UHD|QHD|4K)(?![\\p{L}\\p{N}])");
  /** "[1080]": a bare height in brackets, read only when nothing else states one. */
  private static final Pattern BRACKETED_HEIGHT =
      Pattern.compile("[\\[(](360|480|540|576|720|1080|1440|2160)[\\])]");
  private static final Pattern WORD = Pattern.compile(
      "(?i)(?:bd|web|tv|hd)?\\d{3,4}[pi](?:\\d{1,2})?|\\d{3,4}\\s?[x×*]\\s?\\d{3,4}p?|fhd|uhd|qhd|4k");

  private Resolutions() {}

  /** The resolution of a title, or null. */
  static String find(String text) {
    Integer height = null;
    int at = Integer.MAX_VALUE;
    Matcher m = WIDTH_BY_HEIGHT.matcher(text);
    if (m.find()) {
      height = Integer.parseInt(m.group(1));
      at = m.start();
    }
    m = HEIGHT_P.matcher(text);
    while (m.find() && m.start() < at) {
      int h = Integer.parseInt(m.group(1));
      if (plausible(h)) {
        height = h;
        at = m.start();
        break;
      }
    }
    m = NAMED.matcher(text);
    if (m.find() && m.start() < at) {
      height = switch (m.group(1).toUpperCase()) {
        case "FHD" -> 1080;
        case "QHD" -> 1440;
        default -> 2160;
      };
    }
    if (height == null) {
      m = BRACKETED_HEIGHT.matcher(text);
      if (m.find()) {
        height = Integer.parseInt(m.group(1));
      }
    }
    return height == null || !plausible(height) ? null : snap(height) + "p";
  }

  /** One word that is a resolution: "1080p", "1920x1080", "FHD". */
  static boolean isResolutionWord(String word) {
    return WORD.matcher(word).matches();
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
