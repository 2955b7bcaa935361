package io.autoanime.feeds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The fields of one {@code <item>} or {@code <entry>} as the reader meets them, in whichever of
 * the places feeds put them, turned into a {@link FeedEntry} once the item has been read. Where a
 * field appears twice the first one counts.
 */
final class FeedItem {
  record Enclosure(String url, String type, String length) {}

  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
  private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*$");

  String title;
  String link;
  String guid;
  String atomId;
  String pubDate;
  String published;
  String dcDate;
  String updated;
  String mikanPubDate;
  String infoHash;
  String magnet;
  String size;
  String contentLength;
  String seeders;
  final List<Enclosure> enclosures = new ArrayList<>();
  private final Map<String, String> torznab = new HashMap<>();
  private final Map<String, String> newznab = new HashMap<>();

  static String first(String current, String candidate) {
    return current != null && !current.isBlank() ? current : candidate;
  }

  void torznabAttribute(String name, String value) {
    if (name != null && value != null) {
      torznab.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }
  }

  void newznabAttribute(String name, String value) {
    if (name != null && value != null) {
      newznab.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }
  }

  /** The entry, or null when the item has no title or no way to download it. */
  FeedEntry toEntry() {
    String cleanTitle = title == null ? null : blankToNull(LINE_BREAKS.matcher(title).replaceAll(" "));
    Enclosure torrent = torrentEnclosure();
    String magnetUrl = magnet();
    String torrentUrl = torrent != null ? torrent.url().strip() : null;
    if (torrentUrl == null && magnetFromEnclosure() == null && isHttp(link)) {
      torrentUrl = link.strip(); // nyaa, Prowlarr: the link is the .torrent
    }
    if (cleanTitle == null || (torrentUrl == null && magnetUrl == null)) {
      return null;
    }
    String magnetForHash = magnetUrl;
    String urlForHash = torrentUrl;
    String hash = firstOf(
        () -> InfoHashes.normalize(infoHash),
        () -> InfoHashes.normalize(attribute("infohash")),
        () -> InfoHashes.fromMagnet(magnetForHash),
        () -> InfoHashes.fromTorrentUrl(urlForHash));
    Long sizeBytes = firstOf(
        () -> FeedSizes.parse(attribute("size")),
        () -> FeedSizes.parse(size),
        () -> FeedSizes.parse(contentLength),
        () -> torrent == null ? null : FeedSizes.parse(torrent.length()));
    Instant publishedAt = firstOf(
        () -> FeedDates.parse(pubDate, ZoneOffset.UTC),
        () -> FeedDates.parse(published, ZoneOffset.UTC),
        () -> FeedDates.parse(dcDate, ZoneOffset.UTC),
        () -> FeedDates.parse(updated, ZoneOffset.UTC),
        () -> FeedDates.parse(mikanPubDate, FeedDates.MIKAN));
    Integer seederCount = firstOf(() -> count(seeders), () -> count(attribute("seeders")));
    String id = firstOf(() -> blankToNull(guid), () -> blankToNull(atomId), () -> urlForHash, () -> magnetForHash, () -> hash);
    return new FeedEntry(cleanTitle, id, hash, torrentUrl, magnetUrl, sizeBytes, publishedAt, seederCount);
  }

  /** A torrent enclosure: one typed application/x-bittorrent first, else an untyped one; never an nzb. */
  private Enclosure torrentEnclosure() {
    Enclosure untyped = null;
    for (Enclosure enclosure : enclosures) {
      if (!isHttp(enclosure.url())) {
        continue;
      }
      String type = enclosure.type() == null ? "" : enclosure.type().toLowerCase(Locale.ROOT).strip();
      String url = QUERY_OR_FRAGMENT.matcher(enclosure.url().toLowerCase(Locale.ROOT)).replaceFirst("");
      if (type.contains("nzb") || url.endsWith(".nzb")) {
        continue;
      }
      if (type.contains("torrent")) {
        return enclosure;
      }
      if (untyped == null && (type.isEmpty() || type.equals("application/octet-stream") || url.endsWith(".torrent"))) {
        untyped = enclosure;
      }
    }
    return untyped;
  }

  private String magnet() {
    for (String candidate : new String[] {link, magnetFromEnclosure(), attribute("magneturl"), magnet}) {
      if (isMagnet(candidate)) {
        return candidate.strip();
      }
    }
    return null;
  }

  private String magnetFromEnclosure() {
    return enclosures.stream().map(Enclosure::url).filter(FeedItem::isMagnet).findFirst().orElse(null);
  }

  private String attribute(String name) {
    return first(torznab.get(name), newznab.get(name));
  }

  private static boolean isMagnet(String url) {
    return url != null && url.strip().regionMatches(true, 0, "magnet:?", 0, 8);
  }

  private static boolean isHttp(String url) {
    if (url == null) {
      return false;
    }
    String text = url.strip();
    return text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8);
  }

  private static Integer count(String text) {
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.strip());
      return value >= 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The first value that is not null, computing no more of them than needed. */
  @SafeVarargs
  private static <T> T firstOf(Supplier<T>... candidates) {
    for (Supplier<T> candidate : candidates) {
      T value = candidate.get();
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
