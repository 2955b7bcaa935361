package io.autoanime.qbittorrent;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** qBittorrent's JSON answers as records; anything malformed is a {@code BAD_ANSWER}. */
final class QbittorrentDecoder {
  private QbittorrentDecoder() {}

  static List<TorrentInfo> torrents(Buffer body, String path) {
    JsonArray array = array(body, path);
    List<TorrentInfo> torrents = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      torrents.add(torrent(element(array, i, path), path));
    }
    return torrents;
  }

  static List<TorrentFile> files(Buffer body, String path) {
    JsonArray array = array(body, path);
    List<TorrentFile> files = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject file = element(array, i, path);
      try {
        files.add(new TorrentFile(
            file.getInteger("index", i),
            required(file.getString("name"), "name", path),
            file.getLong("size", 0L),
            file.getNumber("progress", 0).doubleValue()));
      } catch (ClassCastException e) {
        throw QbittorrentErrors.badAnswer("qBittorrent sent a file entry with a field of the wrong type in " + path);
      }
    }
    return files;
  }

  /** 5.2's answer to {@code torrents/add}: whether it took (or will fetch) anything. */
  static boolean addAccepted(Buffer body, String path) {
    JsonObject answer;
    try {
      answer = new JsonObject(body);
    } catch (RuntimeException e) {
      throw QbittorrentErrors.badAnswer("qBittorrent answered " + path + " with neither Ok., Fails. nor JSON");
    }
    try {
      return answer.getInteger("success_count", 0) + answer.getInteger("pending_count", 0) > 0;
    } catch (ClassCastException e) {
      throw QbittorrentErrors.badAnswer("qBittorrent sent counts of the wrong type in its answer to " + path);
    }
  }

  private static TorrentInfo torrent(JsonObject json, String path) {
    try {
      String hash = required(json.getString("hash"), "hash", path);
      if (!InfoHashes.valid(hash)) {
        throw QbittorrentErrors.badAnswer("qBittorrent sent a torrent whose hash is not 40 hex digits in " + path);
      }
      double progress = json.getNumber("progress", 0).doubleValue();
      long completionOn = json.getLong("completion_on", 0L);
      return new TorrentInfo(
          hash.toLowerCase(Locale.ROOT),
          json.getString("name", ""),
          TorrentState.of(json.getString("state"), progress),
          progress,
          json.getString("save_path", ""),
          json.getString("content_path", ""),
          Math.max(0, json.getLong("size", 0L)),
          Math.max(0, json.getLong("amount_left", 0L)),
          tags(json.getValue("tags")),
          json.getString("category", ""),
          completionOn > 0 ? Instant.ofEpochSecond(completionOn) : null);
    } catch (ClassCastException e) {
      throw QbittorrentErrors.badAnswer("qBittorrent sent a torrent with a field of the wrong type in " + path);
    }
  }

  /** "a, b" in every version so far; an array is read too. */
  private static List<String> tags(Object value) {
    if (value instanceof JsonArray array) {
      return array.stream().map(String::valueOf).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    }
    if (value instanceof String text) {
      return Arrays.stream(text.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    }
    return List.of();
  }

  private static JsonArray array(Buffer body, String path) {
    try {
      return new JsonArray(body);
    } catch (RuntimeException e) {
      throw QbittorrentErrors.badAnswer("qBittorrent sent malformed JSON for " + path);
    }
  }

  private static JsonObject element(JsonArray array, int index, String path) {
    if (array.getValue(index) instanceof JsonObject object) {
      return object;
    }
    throw QbittorrentErrors.badAnswer("qBittorrent sent a list entry that is not an object in " + path);
  }

  private static String required(String value, String field, String path) {
    if (value == null) {
      throw QbittorrentErrors.badAnswer("qBittorrent sent an entry without \"" + field + "\" in " + path);
    }
    return value;
  }
}
