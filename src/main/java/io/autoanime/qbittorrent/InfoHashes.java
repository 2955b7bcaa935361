package io.autoanime.qbittorrent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Info hashes as qBittorrent names torrents: 40 lower-case hex digits. */
public final class InfoHashes {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{32}");
  private static final Pattern BTIH = Pattern.compile("(?i)(?:^|[?&])xt=urn(?::|%3A)btih(?::|%3A)([^&]+)");

  private InfoHashes() {}

  public static boolean valid(String hash) {
    return hash != null && HEX.matcher(hash).matches();
  }

  /** The hash in qBittorrent's form; fails on anything that is not 40 hex digits. */
  public static String normalise(String hash) {
    if (!valid(hash)) {
      throw new IllegalArgumentException("an info hash is 40 hex digits (got '" + hash + "')");
    }
    return hash.toLowerCase(Locale.ROOT);
  }

  /** The v1 info hash of a magnet link ({@code xt=urn:btih:}, hex or base32), if it has one. */
  public static Optional<String> ofMagnet(String magnet) {
    if (magnet == null || !magnet.regionMatches(true, 0, "magnet:", 0, 7)) {
      return Optional.empty();
    }
    Matcher matcher = BTIH.matcher(magnet.substring(magnet.indexOf('?') < 0 ? 7 : magnet.indexOf('?')));
    if (!matcher.find()) {
      return Optional.empty();
    }
    String value = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    if (HEX.matcher(value).matches()) {
      return Optional.of(value.toLowerCase(Locale.ROOT));
    }
    if (BASE32.matcher(value).matches()) {
      return Optional.of(HexFormat.of().formatHex(base32(value.toUpperCase(Locale.ROOT))));
    }
    return Optional.empty();
  }

  private static byte[] base32(String value) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    byte[] out = new byte[value.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int at = 0;
    for (char c : value.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out[at++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
