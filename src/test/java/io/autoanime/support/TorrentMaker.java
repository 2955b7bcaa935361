package io.autoanime.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes real, non-private BitTorrent v1 {@code .torrent} files from files a test wrote (SHA-1 piece
 * hashes, bencoded as BEP 3 says), so the real-qBittorrent tests need no {@code mktorrent}.
 */
public final class TorrentMaker {
  /** A made torrent: the {@code .torrent} bytes, its info hash (lower-case hex) and its name. */
  public record Torrent(byte[] bytes, String infoHash, String name) {
    public String magnet() {
      return "magnet:?xt=urn:btih:" + infoHash + "&dn=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }

  private TorrentMaker() {}

  /**
   * A torrent of {@code content}: a single-file torrent for a file, a multi-file one (named after the
   * folder, its files in path order) for a folder.
   */
  public static Torrent of(Path content, int pieceLength) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(content)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(content + " holds no file");
    }
    Map<String, Object> info = new TreeMap<>();
    String name = content.getFileName().toString();
    info.put("name", name);
    info.put("piece length", (long) pieceLength);
    info.put("pieces", pieces(files, pieceLength));
    if (Files.isRegularFile(content)) {
      info.put("length", Files.size(content));
    } else {
      List<Object> entries = new ArrayList<>();
      for (Path file : files) {
        List<Object> path = new ArrayList<>();
        content.relativize(file).forEach(part -> path.add(part.toString()));
        Map<String, Object> entry = new TreeMap<>();
        entry.put("length", Files.size(file));
        entry.put("path", path);
        entries.add(entry);
      }
      info.put("files", entries);
    }
    Map<String, Object> torrent = new TreeMap<>();
    torrent.put("created by", "AutoAnime tests");
    torrent.put("info", info);
    byte[] infoBytes = bencode(info);
    return new Torrent(bencode(torrent), HexFormat.of().formatHex(sha1().digest(infoBytes)), name);
  }

  /** The SHA-1 of each piece of the files' bytes laid end to end, concatenated. */
  private static byte[] pieces(List<Path> files, int pieceLength) throws IOException {
    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    MessageDigest digest = sha1();
    byte[] buffer = new byte[8192];
    long inPiece = 0;
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        int read;
        while ((read = in.read(buffer)) > 0) {
          int offset = 0;
          while (offset < read) {
            int take = (int) Math.min(read - offset, pieceLength - inPiece);
            digest.update(buffer, offset, take);
            offset += take;
            inPiece += take;
            if (inPiece == pieceLength) {
              hashes.writeBytes(digest.digest());
              inPiece = 0;
            }
          }
        }
      }
    }
    if (inPiece > 0) {
      hashes.writeBytes(digest.digest());
    }
    return hashes.toByteArray();
  }

  static byte[] bencode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  private static void write(Object value, ByteArrayOutputStream out) {
    if (value instanceof Long number) {
      out.writeBytes(("i" + number + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof String text) {
      write(text.getBytes(StandardCharsets.UTF_8), out);
    } else if (value instanceof byte[] bytes) {
      out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(item -> write(item, out));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      // keys sorted as raw byte strings; a TreeMap of ASCII keys is in that order
      out.write('d');
      new TreeMap<>(map).forEach((key, item) -> {
        write(key, out);
        write(item, out);
      });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + value);
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
