package io.autoanime.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A torrent inside {@link FakeQbittorrent}. Tests move it along with the setters ({@link #complete()},
 * {@link #state}, {@link #progress}); sizes and the content path follow from its files unless set.
 */
public final class FakeTorrent {
  /** One file, its path relative to the save path. */
  public record File(String name, long size) {}

  private final String hash;
  private String name;
  private String state = "stalledDL";
  private double progress;
  private String savePath = FakeQbittorrent.DEFAULT_SAVE_PATH;
  private String contentPath;
  private String category = "";
  private List<String> tags = List.of();
  private final List<File> files = new ArrayList<>();
  private Instant addedOn = Instant.now();
  private Instant completedOn;

  FakeTorrent(String hash, String name) {
    this.hash = hash;
    this.name = name;
  }

  public String hash() {
    return hash;
  }

  public synchronized String name() {
    return name;
  }

  public synchronized String state() {
    return state;
  }

  public synchronized String category() {
    return category;
  }

  public synchronized List<String> tags() {
    return tags;
  }

  public synchronized String savePath() {
    return savePath;
  }

  public synchronized List<File> files() {
    return List.copyOf(files);
  }

  public synchronized FakeTorrent name(String value) {
    name = value;
    return this;
  }

  /** qBittorrent's own state name ({@code downloading}, {@code stalledUP}, {@code pausedUP}...). */
  public synchronized FakeTorrent state(String value) {
    state = value;
    return this;
  }

  public synchronized FakeTorrent progress(double value) {
    progress = value;
    return this;
  }

  public synchronized FakeTorrent savePath(String value) {
    savePath = value;
    return this;
  }

  /** Overrides the content path that otherwise follows from the save path and the files. */
  public synchronized FakeTorrent contentPath(String value) {
    contentPath = value;
    return this;
  }

  public synchronized FakeTorrent category(String value) {
    category = value;
    return this;
  }

  public synchronized FakeTorrent tags(List<String> value) {
    tags = List.copyOf(value);
    return this;
  }

  /** Adds a file (the metadata is known from the first one on); {@code path} is relative to the save path. */
  public synchronized FakeTorrent file(String path, long size) {
    files.add(new File(path, size));
    return this;
  }

  public synchronized FakeTorrent addedOn(Instant value) {
    addedOn = value;
    return this;
  }

  /** Every byte downloaded, seeding ({@code stalledUP} in both versions). */
  public synchronized FakeTorrent complete() {
    if (files.isEmpty()) {
      files.add(new File(name + ".mkv", 1L << 20));
    }
    progress = 1;
    state = "stalledUP";
    completedOn = Instant.now();
    return this;
  }

  synchronized FakeTorrent copy() {
    FakeTorrent copy = new FakeTorrent(hash, name);
    copy.state = state;
    copy.progress = progress;
    copy.savePath = savePath;
    copy.contentPath = contentPath;
    copy.category = category;
    copy.tags = tags;
    copy.files.addAll(files);
    copy.addedOn = addedOn;
    copy.completedOn = completedOn;
    return copy;
  }

  synchronized JsonObject toJson() {
    long size = files.stream().mapToLong(File::size).sum();
    return new JsonObject()
        .put("hash", hash)
        .put("infohash_v1", hash)
        .put("name", name)
        .put("state", state)
        .put("progress", progress)
        .put("save_path", savePath)
        .put("content_path", contentPath != null ? contentPath : derivedContentPath())
        .put("size", size)
        .put("total_size", files.isEmpty() ? -1 : size)
        .put("amount_left", Math.round(size * (1 - progress)))
        .put("category", category)
        .put("tags", String.join(", ", tags))
        .put("added_on", addedOn.getEpochSecond())
        .put("completion_on", completedOn == null ? 0 : completedOn.getEpochSecond());
  }

  synchronized JsonArray filesJson() {
    JsonArray list = new JsonArray();
    for (int i = 0; i < files.size(); i++) {
      list.add(new JsonObject()
          .put("index", i)
          .put("name", files.get(i).name())
          .put("size", files.get(i).size())
          .put("progress", progress)
          .put("priority", 1)
          .put("is_seed", progress >= 1));
    }
    return list;
  }

  /** qBittorrent's rule: the file of a single-file torrent, else the torrent's root folder. */
  private String derivedContentPath() {
    if (files.isEmpty()) {
      return "";
    }
    String first = files.get(0).name();
    String top = first.contains("/") ? first.substring(0, first.indexOf('/')) : first;
    return savePath.replaceAll("/+$", "") + "/" + top;
  }
}
