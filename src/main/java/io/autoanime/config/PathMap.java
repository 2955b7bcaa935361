package io.autoanime.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where Sonarr sees what qBittorrent saved (Sonarr's "remote path mapping"), from
 * {@code DOWNLOAD_PATH_MAP}: {@code qbittorrent-path=sonarr-path[,...]}. The longest matching prefix
 * wins; a path under none of them is the same for both.
 */
public final class PathMap {
  private record Mapping(String from, String to) {}

  private final List<Mapping> mappings;

  private PathMap(List<Mapping> mappings) {
    this.mappings = mappings;
  }

  public static PathMap none() {
    return new PathMap(List.of());
  }

  /** Parses the setting; throws IllegalArgumentException naming the bad entry. */
  public static PathMap parse(String setting) {
    if (setting == null || setting.isBlank()) {
      return none();
    }
    List<Mapping> mappings = new ArrayList<>();
    for (String entry : setting.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0 || equals == entry.length() - 1) {
        throw new IllegalArgumentException("each entry must be qbittorrent-path=sonarr-path (got '" + entry.trim() + "')");
      }
      String from = directory(entry.substring(0, equals).trim());
      String to = directory(entry.substring(equals + 1).trim());
      if (from.isEmpty() || to.isEmpty()) {
        throw new IllegalArgumentException("each entry must be qbittorrent-path=sonarr-path (got '" + entry.trim() + "')");
      }
      mappings.add(new Mapping(from, to));
    }
    mappings.sort(Comparator.comparingInt((Mapping m) -> m.from().length()).reversed());
    return new PathMap(List.copyOf(mappings));
  }

  /** The path as Sonarr sees it. */
  public String toSonarr(String qbittorrentPath) {
    if (qbittorrentPath == null) {
      return null;
    }
    String normalised = qbittorrentPath.replace('\\', '/');
    for (Mapping mapping : mappings) {
      if (normalised.equals(mapping.from()) || normalised.startsWith(mapping.from() + "/")) {
        return mapping.to() + normalised.substring(mapping.from().length());
      }
    }
    return qbittorrentPath;
  }

  private static String directory(String path) {
    String normalised = path.replace('\\', '/');
    while (normalised.length() > 1 && normalised.endsWith("/")) {
      normalised = normalised.substring(0, normalised.length() - 1);
    }
    return normalised;
  }

  @Override
  public String toString() {
    return mappings.stream().map(m -> m.from() + "=" + m.to()).toList().toString();
  }
}
