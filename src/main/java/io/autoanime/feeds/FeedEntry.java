package io.autoanime.feeds;

import java.time.Instant;

/**
 * One release of a feed. Every entry has a title, a guid, and a torrent URL or a magnet link (or
 * both); the rest is null when the feed does not tell it.
 *
 * @param guid the item's {@code <guid>}, else its Atom id, else its torrent URL, magnet or info hash
 * @param infoHash 40 lower-case hex digits
 * @param torrentUrl may carry the indexer's API key (Prowlarr and Jackett download links do): show it masked
 * @param sizeBytes null when unknown (feeds write 0 for that)
 */
public record FeedEntry(
    String title,
    String guid,
    String infoHash,
    String torrentUrl,
    String magnetUrl,
    Long sizeBytes,
    Instant publishedAt,
    Integer seeders) {}
