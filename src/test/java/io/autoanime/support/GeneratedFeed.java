package io.autoanime.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A nyaa-style RSS feed written by a test: each item a title, a .torrent link, a guid, an info hash and a size. */
public final class GeneratedFeed {
  private final String torrentBaseUrl;
  private final List<String> items = new ArrayList<>();

  public GeneratedFeed(String torrentBaseUrl) {
    this.torrentBaseUrl = torrentBaseUrl;
  }

  /** Adds a release whose info hash is derived from its title. */
  public GeneratedFeed release(String title) {
    return release(title, hashOf(title), 10);
  }

  public GeneratedFeed release(String title, String infoHash, int seeders) {
    String id = infoHash.substring(0, 8);
    items.add("""
        <item>
          <title>%s</title>
          <link>%s/download/%s.torrent</link>
          <guid isPermaLink="true">https://nyaa.example/view/%s</guid>
          <pubDate>%s</pubDate>
          <nyaa:seeders>%d</nyaa:seeders>
          <nyaa:infoHash>%s</nyaa:infoHash>
          <nyaa:size>1.2 GiB</nyaa:size>
        </item>
        """.formatted(escape(title), torrentBaseUrl, id, id,
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC)
            .plusMinutes(items.size())), seeders, infoHash));
    return this;
  }

  public byte[] bytes() {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:nyaa="https://nyaa.si/xmlns/nyaa" version="2.0">
        <channel>
        <title>Generated - Torrent File RSS</title>
        <link>https://nyaa.example/</link>
        """ + String.join("", items) + "</channel>\n</rss>\n").getBytes(StandardCharsets.UTF_8);
  }

  public static String hashOf(String title) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(title.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
