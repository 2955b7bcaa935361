package io.autoanime.sonarr;

import io.autoanime.sonarr.SonarrModels.AlternateTitle;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Image;
import io.autoanime.sonarr.SonarrModels.Season;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.sonarr.SonarrModels.Statistics;
import io.autoanime.sonarr.SonarrModels.SystemStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns Sonarr's response bodies into {@link SonarrModels}. An empty body, malformed JSON or JSON
 * of the wrong shape is an error, never an empty result: "Sonarr lists nothing" and "Sonarr said
 * something we could not read" must never look alike.
 */
public final class SonarrDecoder {
  private SonarrDecoder() {}

  /** Decodes a series list. One malformed element fails only that element: see {@link SeriesListEntry}. */
  public static List<SeriesListEntry> seriesList(Buffer body, String endpoint) {
    JsonArray array = array(body, endpoint);
    List<SeriesListEntry> entries = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object element = array.getValue(i);
      Long id = element instanceof JsonObject object && object.getValue("id") instanceof Number n && n.longValue() > 0
          ? n.longValue() : null;
      try {
        if (!(element instanceof JsonObject object)) {
          throw SonarrException.badData("element " + i + " of " + endpoint + " is not an object");
        }
        entries.add(SeriesListEntry.ok(series(object)));
      } catch (SonarrException e) {
        entries.add(SeriesListEntry.broken(id, e.getMessage()));
      }
    }
    return entries;
  }

  /** One element of the series list: a decoded series, or the reason it could not be decoded. */
  public record SeriesListEntry(Series series, Long sonarrId, String error) {
    static SeriesListEntry ok(Series series) {
      return new SeriesListEntry(series, series.id(), null);
    }

    static SeriesListEntry broken(Long sonarrId, String error) {
      return new SeriesListEntry(null, sonarrId, error);
    }
  }

  public static Series singleSeries(Buffer body, String endpoint) {
    return series(object(body, endpoint));
  }

  /** Decodes an episode list straight from the bytes: see {@link EpisodeListReader}. */
  public static List<Episode> episodes(Buffer body, String endpoint) {
    return EpisodeListReader.read(body, endpoint);
  }

  public static SystemStatus systemStatus(Buffer body, String endpoint) {
    JsonFields in = new JsonFields(object(body, endpoint), "system status");
    String version = in.text("version");
    if (version == null) {
      throw SonarrException.badData(endpoint + " has no version: is this a Sonarr server?");
    }
    return new SystemStatus(in.text("appName"), version, in.text("instanceName"));
  }

  static Series series(JsonObject json) {
    Object rawId = json.getValue("id");
    JsonFields in = new JsonFields(json, "series " + (rawId instanceof Number ? rawId : "(no id)"));
    long id = in.requiredId("id");
    JsonObject statistics = in.object("statistics");
    return new Series(
        id,
        in.optionalId("tvdbId"),
        in.requiredText("title"),
        in.text("sortTitle"),
        in.text("status"),
        in.text("seriesType"),
        in.text("overview"),
        in.text("network"),
        in.text("airTime"),
        in.text("certification"),
        in.integer("year"),
        in.integer("runtime"),
        in.bool("monitored"),
        in.bool("useSceneNumbering"),
        in.text("path"),
        in.text("imdbId"),
        in.optionalId("tmdbId"),
        in.optionalId("tvMazeId"),
        in.timestamp("firstAired"),
        in.timestamp("added"),
        strings(in, "genres"),
        statistics == null ? Statistics.NONE : statistics(new JsonFields(statistics, in.where() + " statistics")),
        seasons(in),
        images(in),
        alternateTitles(in));
  }

  private static Statistics statistics(JsonFields in) {
    return new Statistics(
        in.integer("seasonCount"),
        in.integer("episodeCount"),
        in.integer("episodeFileCount"),
        in.integer("totalEpisodeCount"),
        in.longValue("sizeOnDisk"));
  }

  private static List<Season> seasons(JsonFields series) {
    List<Season> seasons = new ArrayList<>();
    for (JsonFields in : objects(series, "seasons")) {
      JsonObject statistics = in.object("statistics");
      seasons.add(new Season(
          in.requiredInteger("seasonNumber"),
          in.bool("monitored"),
          statistics == null ? Statistics.NONE : statistics(new JsonFields(statistics, in.where() + " statistics"))));
    }
    return seasons;
  }

  private static List<Image> images(JsonFields series) {
    List<Image> images = new ArrayList<>();
    for (JsonFields in : objects(series, "images")) {
      images.add(new Image(in.requiredText("coverType"), in.text("url"), in.text("remoteUrl")));
    }
    return images;
  }

  private static List<AlternateTitle> alternateTitles(JsonFields series) {
    List<AlternateTitle> titles = new ArrayList<>();
    for (JsonFields in : objects(series, "alternateTitles")) {
      Integer sceneSeason = in.integer("sceneSeasonNumber");
      titles.add(new AlternateTitle(
          in.requiredText("title"),
          sceneSeason == null ? -1 : sceneSeason,
          in.integer("seasonNumber"),
          in.text("sceneOrigin"),
          in.text("comment")));
    }
    return titles;
  }

  /**
   * One episode from its fields, looked up by name as {@link JsonFields} reads them; {@code index}
   * (its place in the list) names it in errors when it has no id.
   */
  static Episode episode(Function<String, Object> fields, int index) {
    Object rawId = fields.apply("id");
    JsonFields in = new JsonFields(fields, "episode " + (rawId instanceof Number ? rawId : "at index " + index));
    return new Episode(
        in.requiredId("id"),
        in.optionalId("tvdbId"),
        in.requiredInteger("seasonNumber"),
        in.requiredInteger("episodeNumber"),
        in.integer("absoluteEpisodeNumber"),
        in.text("title"),
        in.text("overview"),
        in.date("airDate"),
        in.timestamp("airDateUtc"),
        in.integer("runtime"),
        in.bool("hasFile"),
        in.bool("monitored"),
        in.optionalId("episodeFileId"));
  }

  private static List<String> strings(JsonFields in, String key) {
    List<String> values = new ArrayList<>();
    for (Object value : in.array(key)) {
      if (value instanceof String text) {
        values.add(text.replace("\0", ""));
      }
    }
    return values;
  }

  private static List<JsonFields> objects(JsonFields parent, String key) {
    JsonArray array = parent.array(key);
    List<JsonFields> objects = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject object)) {
        throw SonarrException.badData(parent.where() + " " + key + "[" + i + "] is not an object");
      }
      objects.add(new JsonFields(object, parent.where() + " " + key + "[" + i + "]"));
    }
    return objects;
  }

  static Object parse(Buffer body, String endpoint) {
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      throw SonarrException.badData("Sonarr sent an empty body for " + endpoint);
    }
    try {
      return io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw SonarrException.badData("Sonarr sent malformed JSON for " + endpoint);
    }
  }

  private static JsonArray array(Buffer body, String endpoint) {
    Object value = parse(body, endpoint);
    if (!(value instanceof JsonArray array)) {
      throw SonarrException.badData("Sonarr sent " + describe(value) + " for " + endpoint + ", expected a list");
    }
    return array;
  }

  private static JsonObject object(Buffer body, String endpoint) {
    Object value = parse(body, endpoint);
    if (!(value instanceof JsonObject object)) {
      throw SonarrException.badData("Sonarr sent " + describe(value) + " for " + endpoint + ", expected an object");
    }
    return object;
  }

  static String describe(Object value) {
    if (value instanceof JsonArray) {
      return "a list";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    return value == null ? "null" : "a bare " + value.getClass().getSimpleName().toLowerCase();
  }
}
