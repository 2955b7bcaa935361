package io.autoanime.feeds;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BitTorrent v1 info hashes, from wherever a feed puts them, as 40 lower-case hex digits. */
final class InfoHashes {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{32}");
  private static final Pattern HASH_SEGMENT = Pattern.compile("([0-9a-fA-F]{40})(?:\\.torrent)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");
  private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*$");
  private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private InfoHashes() {}

  /** 40 hex digits (any case) or 32 base32 characters (as magnets carry them); else null. */
  static String normalize(String value) {
    if (value == null) {
      return null;
    }
    String text = value.strip();
    if (HEX.matcher(text).matches()) {
      return text.toLowerCase(Locale.ROOT);
    }
    if (BASE32.matcher(text).matches()) {
      return base32ToHex(text.toUpperCase(Locale.ROOT));
    }
    return null;
  }

  /** The {@code xt=urn:btih:...} of a magnet link, or null. */
  static String fromMagnet(String magnet) {
    if (magnet == null || !magnet.regionMatches(true, 0, "magnet:?", 0, 8)) {
      return null;
    }
    for (String parameter : magnet.substring(8).split("&")) {
      int equals = parameter.indexOf('=');
      if (equals < 0 || !parameter.substring(0, equals).toLowerCase(Locale.ROOT).startsWith("xt")) {
        continue;
      }
      String value = decode(parameter.substring(equals + 1));
      if (value.regionMatches(true, 0, "urn:btih:", 0, 9)) {
        String hash = normalize(value.substring(9));
        if (hash != null) {
          return hash;
        }
      }
    }
    return null;
  }

  /**
   * A hash that names a segment of a .torrent URL's path, as Mikan ({@code /Download/<date>/<hash>.torrent})
   * and AnimeTosho ({@code /torrents/<hash>/<name>.torrent}) do; else null.
   */
  static String fromTorrentUrl(String url) {
    if (url == null || url.regionMatches(true, 0, "magnet:", 0, 7)) {
      return null;
    }
    String path = QUERY_OR_FRAGMENT.matcher(SCHEME_AND_AUTHORITY.matcher(url).replaceFirst("")).replaceFirst("");
    for (String segment : path.split("/")) {
      Matcher hash = HASH_SEGMENT.matcher(segment);
      if (hash.matches()) {
        return hash.group(1).toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static String base32ToHex(String base32) {
    StringBuilder hex = new StringBuilder(40);
    long buffer = 0;
    int bits = 0;
    for (int i = 0; i < base32.length(); i++) {
      buffer = (buffer << 5) | BASE32_ALPHABET.indexOf(base32.charAt(i));
      bits += 5;
      while (bits >= 4) {
        bits -= 4;
        hex.append(Character.forDigit((int) ((buffer >> bits) & 0xf), 16));
      }
    }
    return hex.toString();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
