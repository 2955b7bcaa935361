package io.autoanime.torrents;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BitTorrent v1 info hashes in the one form this service stores and qBittorrent names torrents by:
 * 40 lower-case hex digits. Read from wherever feeds put them: as hex or base32 text, in a magnet's
 * {@code xt=urn:btih:}, or as a segment of a {@code .torrent} URL's path.
 */
public final class InfoHashes {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{32}");
  private static final Pattern HASH_SEGMENT = Pattern.compile("([0-9a-fA-F]{40})(?:\\.torrent)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");
  private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*$");
  private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private InfoHashes() {}

  /** Whether this is a hash in hex (any case). */
  public static boolean valid(String hash) {
    return hash != null && HEX.matcher(hash).matches();
  }

  /** The stored form of a hex hash; fails on anything that is not 40 hex digits. */
  public static String normalise(String hash) {
    if (!valid(hash)) {
      throw new IllegalArgumentException("an info hash is 40 hex digits (got '" + hash + "')");
    }
    return hash.toLowerCase(Locale.ROOT);
  }

  /** 40 hex digits (any case) or 32 base32 characters (as magnets carry them) in the stored form; else null. */
  public static String parse(String value) {
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

  /** The {@code xt=urn:btih:...} of a magnet link (hex or base32, the {@code :} maybe percent-encoded). */
  public static Optional<String> ofMagnet(String magnet) {
    if (magnet == null || !magnet.regionMatches(true, 0, "magnet:?", 0, 8)) {
      return Optional.empty();
    }
    for (String parameter : magnet.substring(8).split("&")) {
      int equals = parameter.indexOf('=');
      if (equals < 0 || !parameter.substring(0, equals).toLowerCase(Locale.ROOT).startsWith("xt")) {
        continue;
      }
      String value = decode(parameter.substring(equals + 1));
      if (value.regionMatches(true, 0, "urn:btih:", 0, 9)) {
        String hash = parse(value.substring(9));
        if (hash != null) {
          return Optional.of(hash);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A hash that names a segment of a {@code .torrent} URL's path, as Mikan
   * ({@code /Download/<date>/<hash>.torrent}) and AnimeTosho ({@code /torrents/<hash>/<name>.torrent}) do.
   */
  public static Optional<String> ofTorrentUrl(String url) {
    if (url == null || url.regionMatches(true, 0, "magnet:", 0, 7)) {
      return Optional.empty();
    }
    String path = QUERY_OR_FRAGMENT.matcher(SCHEME_AND_AUTHORITY.matcher(url).replaceFirst("")).replaceFirst("");
    for (String segment : path.split("/")) {
      Matcher hash = HASH_SEGMENT.matcher(segment);
      if (hash.matches()) {
        return Optional.of(hash.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
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
