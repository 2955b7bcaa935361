package io.autoanime.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The release-title corpus (src/test/resources/feeds/titles, see its README.md and SOURCES.md) and
 * the comparison its README defines: an entry passes when the parse matches {@code expect}, or
 * {@code expect} with one of the {@code alsoAccept} overrides applied.
 */
final class TitleCorpus {
  record Entry(String title, JsonObject expect, List<JsonObject> alsoAccept, List<String> kinds) {}

  private TitleCorpus() {}

  static List<Entry> entries() {
    JsonArray array = new JsonArray(resource("corpus.json"));
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject entry = array.getJsonObject(i);
      List<JsonObject> also = new ArrayList<>();
      JsonArray accept = entry.getJsonArray("alsoAccept", new JsonArray());
      for (int k = 0; k < accept.size(); k++) {
        also.add(accept.getJsonObject(k));
      }
      List<String> kinds = new ArrayList<>();
      entry.getJsonArray("kinds", new JsonArray()).forEach(k -> kinds.add((String) k));
      entries.add(new Entry(entry.getString("title"), entry.getJsonObject("expect"), also, kinds));
    }
    return entries;
  }

  static String resource(String name) {
    try (InputStream in = TitleCorpus.class.getResourceAsStream("/feeds/titles/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource feeds/titles/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fields of {@code parsed} that differ from every acceptable expectation (empty: it passes). */
  static List<String> differences(Entry entry, ParsedRelease parsed) {
    List<String> fewest = differences(entry.expect(), parsed);
    for (JsonObject override : entry.alsoAccept()) {
      List<String> other = differences(entry.expect().copy().mergeIn(override), parsed);
      if (other.size() < fewest.size()) {
        fewest = other;
      }
    }
    return fewest;
  }

  private static List<String> differences(JsonObject expect, ParsedRelease parsed) {
    List<String> fields = new ArrayList<>();
    if (!expect.getString("type").equals(parsed.type().json())) {
      fields.add("type");
    }
    if (parsed.type() == ReleaseType.NONE && fields.isEmpty()) {
      return fields;
    }
    if (expect.getString("group") != null && !expect.getString("group").equals(parsed.group())) {
      fields.add("group");
    }
    if (!titlesMatch(expect.getJsonArray("titles"), parsed.titles())) {
      fields.add("titles");
    }
    if (!Objects.equals(expect.getInteger("seasonNumber"), parsed.seasonNumber())) {
      fields.add("seasonNumber");
    }
    if (!sameNumbers(expect.getJsonArray("episodeNumbers"), parsed.episodeNumbers())) {
      fields.add("episodeNumbers");
    }
    if (!sameNumbers(expect.getJsonArray("absoluteEpisodeNumbers", new JsonArray()), parsed.absoluteEpisodeNumbers())) {
      fields.add("absoluteEpisodeNumbers");
    }
    if (expect.getBoolean("absolute") != parsed.absolute()) {
      fields.add("absolute");
    }
    if (!Objects.equals(expect.getInteger("version"), parsed.version())) {
      fields.add("version");
    }
    if (!Objects.equals(expect.getString("resolution"), parsed.resolution())) {
      fields.add("resolution");
    }
    if (expect.getBoolean("batch") != parsed.batch()) {
      fields.add("batch");
    }
    return fields;
  }

  /**
   * Every name the parser gives must be one the corpus lists (after the README's normalising:
   * case-fold, NFKC, "_" and "." as spaces, whitespace collapsed), and it must give at least one.
   */
  static boolean titlesMatch(JsonArray expected, List<String> parsed) {
    if (expected.isEmpty()) {
      return parsed.isEmpty();
    }
    if (parsed.isEmpty()) {
      return false;
    }
    List<String> accepted = expected.stream().map(t -> normalise((String) t)).toList();
    return parsed.stream().map(TitleCorpus::normalise).allMatch(accepted::contains);
  }

  static String normalise(String title) {
    return Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .replace('_', ' ').replace('.', ' ').replaceAll("\\s+", " ").strip();
  }

  private static boolean sameNumbers(JsonArray expected, List<BigDecimal> parsed) {
    if (expected.size() != parsed.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (new BigDecimal(expected.getValue(i).toString()).compareTo(parsed.get(i)) != 0) {
        return false;
      }
    }
    return true;
  }
}
