package io.autoanime.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ReleaseTitleParser} read from a release title.
 *
 * @param group the release group as written, without brackets; null when there is none
 * @param titles every name of the show the title carries, best first (romaji/English before other
 *     scripts); a name with a season marker ("Title S2", "Title III") follows the bare one
 * @param seasonNumber the season the title states; 0 for specials; null when it states none
 * @param episodeNumbers the episodes, ranges expanded; recaps keep their decimal (12.5)
 * @param absoluteEpisodeNumbers the second numbering when the title has both ("S01E05 - 05"),
 *     then {@code episodeNumbers} holds the SxxEyy part; else empty
 * @param absolute true when {@code episodeNumbers} count from the first episode of the show, not
 *     within {@code seasonNumber} (plain "Title - 05", or a season stated with a number past 26)
 * @param version the number of a version marker ("v2"); null means version 1
 * @param resolution "1080p" style, heights snapped to the standard ladder; null when none
 * @param batch more than one episode (ranges, season packs, "Batch", BD volumes)
 * @param crc the CRC32 as written; null when none
 * @param tags codec, source, audio, language and subtitle tags as written
 */
public record ParsedRelease(
    String group,
    List<String> titles,
    Integer seasonNumber,
    List<BigDecimal> episodeNumbers,
    List<BigDecimal> absoluteEpisodeNumbers,
    boolean absolute,
    Integer version,
    String resolution,
    boolean batch,
    ReleaseType type,
    String crc,
    List<String> tags) {

  public ParsedRelease {
    titles = titles == null ? List.of() : List.copyOf(titles);
    episodeNumbers = canonical(episodeNumbers);
    absoluteEpisodeNumbers = canonical(absoluteEpisodeNumbers);
    type = Objects.requireNonNullElse(type, ReleaseType.NONE);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** What a blank or unreadable title parses to. */
  public static ParsedRelease none() {
    return new ParsedRelease(null, List.of(), null, List.of(), List.of(), false, null, null, false,
        ReleaseType.NONE, null, List.of());
  }

  /** The stored form; whole numbers are JSON integers, 12.5 a JSON number. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("group", group)
        .put("titles", new JsonArray(new ArrayList<>(titles)))
        .put("seasonNumber", seasonNumber)
        .put("episodeNumbers", numbers(episodeNumbers))
        .put("absolute", absolute)
        .put("version", version)
        .put("resolution", resolution)
        .put("batch", batch)
        .put("type", type.json());
    if (!absoluteEpisodeNumbers.isEmpty()) {
      json.put("absoluteEpisodeNumbers", numbers(absoluteEpisodeNumbers));
    }
    if (crc != null) {
      json.put("crc", crc);
    }
    if (!tags.isEmpty()) {
      json.put("tags", new JsonArray(new ArrayList<>(tags)));
    }
    return json;
  }

  /** Reads back what {@link #toJson()} wrote; a field of the wrong kind is an IllegalArgumentException. */
  public static ParsedRelease fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    try {
      return new ParsedRelease(
          json.getString("group"),
          strings(json.getJsonArray("titles")),
          json.getInteger("seasonNumber"),
          decimals(json.getJsonArray("episodeNumbers")),
          decimals(json.getJsonArray("absoluteEpisodeNumbers")),
          json.getBoolean("absolute", false),
          json.getInteger("version"),
          json.getString("resolution"),
          json.getBoolean("batch", false),
          json.containsKey("type") ? ReleaseType.fromJson(json.getString("type")) : ReleaseType.NONE,
          json.getString("crc"),
          strings(json.getJsonArray("tags")));
    } catch (ClassCastException | NumberFormatException e) {
      throw new IllegalArgumentException("not a parsed release: " + e.getMessage(), e);
    }
  }

  private static List<BigDecimal> canonical(List<BigDecimal> numbers) {
    return numbers == null ? List.of() : numbers.stream().map(ParsedRelease::canonical).toList();
  }

  /** 7 and 7.0 are the same episode: whole numbers get scale 0, others lose trailing zeros. */
  static BigDecimal canonical(BigDecimal number) {
    BigDecimal stripped = Objects.requireNonNull(number, "episode number").stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.setScale(0) : stripped;
  }

  private static JsonArray numbers(List<BigDecimal> numbers) {
    JsonArray array = new JsonArray();
    for (BigDecimal number : numbers) {
      array.add(number.scale() == 0 ? (Object) number.longValueExact() : number);
    }
    return array;
  }

  private static List<BigDecimal> decimals(JsonArray array) {
    if (array == null) {
      return List.of();
    }
    List<BigDecimal> numbers = new ArrayList<>();
    for (Object value : array) {
      if (!(value instanceof Number number)) {
        throw new IllegalArgumentException("episode numbers must be numbers, got " + value);
      }
      numbers.add(new BigDecimal(number.toString()));
    }
    return numbers;
  }

  private static List<String> strings(JsonArray array) {
    if (array == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (Object value : array) {
      if (!(value instanceof String string)) {
        throw new IllegalArgumentException("expected strings, got " + value);
      }
      strings.add(string);
    }
    return strings;
  }
}
