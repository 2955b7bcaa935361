package io.autoanime.qbittorrent;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A torrent to add.
 *
 * @param source a magnet link or an http(s) URL of a {@code .torrent} file
 * @param infoHash the torrent's info hash (40 hex digits, stored lower-case), or null when unknown (a
 *     {@code .torrent} URL from a feed that gives no hash); taken from the magnet link when null
 * @param tag the qBittorrent tag that names this download (no comma: qBittorrent splits tags on commas)
 * @param savePath the folder to download into, as qBittorrent sees it; empty for qBittorrent's default
 */
public record TorrentAdd(String source, String infoHash, String tag, Optional<String> savePath) {

  public TorrentAdd {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(savePath, "savePath");
    source = source.strip();
    if (!isMagnet(source) && !isHttpUrl(source)) {
      throw new IllegalArgumentException("a torrent source is a magnet link or an http(s) URL (got " + describe(source) + ")");
    }
    if (infoHash == null) {
      infoHash = InfoHashes.ofMagnet(source).orElse(null);
    } else {
      infoHash = InfoHashes.normalise(infoHash);
    }
    if (tag.isBlank() || tag.contains(",")) {
      throw new IllegalArgumentException("a qBittorrent tag must be non-blank and without commas (got '" + tag + "')");
    }
    savePath = savePath.filter(path -> !path.isBlank());
  }

  public static TorrentAdd magnet(String magnet, String tag) {
    return new TorrentAdd(magnet, null, tag, Optional.empty());
  }

  public Optional<String> knownHash() {
    return Optional.ofNullable(infoHash);
  }

  /** The source as it may be shown: a magnet by its hash, a URL without user info and query (passkeys live there). */
  public String describedSource() {
    return isMagnet(source) && infoHash != null ? "the magnet link of " + infoHash : describe(source);
  }

  private static String describe(String source) {
    if (isMagnet(source)) {
      return "a magnet link";
    }
    if (!isHttpUrl(source)) {
      return "a value that is neither a magnet link nor an http(s) URL";
    }
    int authorityStart = source.indexOf("://") + 3;
    int pathStart = firstOf(source, authorityStart, "/?#");
    String authority = source.substring(authorityStart, pathStart);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    String path = source.substring(pathStart, firstOf(source, pathStart, "?#"));
    return source.substring(0, authorityStart) + host + path;
  }

  private static boolean isMagnet(String source) {
    return source.regionMatches(true, 0, "magnet:?", 0, 8);
  }

  /** Lenient on purpose: feeds publish URLs that java.net.URI refuses but qBittorrent fetches. */
  private static boolean isHttpUrl(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    int authorityStart = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (authorityStart < 0 || source.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    String authority = source.substring(authorityStart, firstOf(source, authorityStart, "/?#"));
    return !authority.substring(authority.lastIndexOf('@') + 1).isEmpty();
  }

  private static int firstOf(String text, int from, String characters) {
    for (int i = from; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  @Override
  public String toString() {
    return "TorrentAdd[source=" + describedSource() + ", infoHash=" + infoHash + ", tag=" + tag
        + ", savePath=" + savePath.orElse("(default)") + "]";
  }
}
