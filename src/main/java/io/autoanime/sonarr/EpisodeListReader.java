package io.autoanime.sonarr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads Sonarr's episode list (the largest answers a sync decodes: about 700 bytes an episode) with
 * Jackson's streaming parser, configured as Vert.x configures it, keeping only the fields an
 * {@link Episode} has: no JSON tree is built and the fields it does not need are never turned into
 * strings. It reports what decoding the tree would: "empty body", "malformed JSON" (anywhere in the
 * body, trailing tokens included), "expected a list", an element that is not an object, a field of
 * the wrong type (see {@link JsonFields}); with a duplicated key the last value counts.
 */
final class EpisodeListReader {
  /** What a field whose value is an object or a list is read as: {@link JsonFields} refuses both for an episode. */
  private static final Object NESTED_OBJECT = new JsonObject();
  private static final Object NESTED_LIST = new JsonArray();

  private EpisodeListReader() {}

  static List<Episode> read(Buffer body, String endpoint) {
    try (JsonParser parser = JacksonCodec.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        Object value = SonarrDecoder.parse(body, endpoint); // says why: empty, malformed or of another shape
        throw SonarrException.badData("Sonarr sent " + SonarrDecoder.describe(value) + " for " + endpoint
            + ", expected a list");
      }
      List<Episode> episodes = new ArrayList<>();
      Object[] fields = new Object[Field.COUNT];
      Function<String, Object> lookUp = Field.lookUp(fields);
      SonarrException firstError = null;
      int index = 0;
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
        if (token == null) {
          throw new DecodeException("the list is not closed");
        }
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          if (firstError == null) {
            firstError = SonarrException.badData("element " + index + " of " + endpoint + " is not an object");
          }
          continue;
        }
        readObject(parser, fields);
        if (firstError == null) {
          try {
            episodes.add(SonarrDecoder.episode(lookUp, index));
          } catch (SonarrException e) {
            firstError = e; // reported once the whole body has proved to be JSON, as a tree decoder would
          }
        }
      }
      if (parser.nextToken() != null) {
        throw new DecodeException("trailing tokens after the list");
      }
      if (firstError != null) {
        throw firstError;
      }
      return episodes;
    } catch (IOException | DecodeException e) {
      throw SonarrException.badData("Sonarr sent malformed JSON for " + endpoint);
    }
  }

  /** Reads one object's fields into {@code fields} (by {@link Field}), skipping the others. */
  private static void readObject(JsonParser parser, Object[] fields) throws IOException {
    Arrays.fill(fields, null);
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      int field = Field.indexOf(parser.currentName());
      JsonToken value = parser.nextToken();
      if (field < 0) {
        parser.skipChildren();
      } else {
        fields[field] = valueOf(parser, value);
      }
    }
  }

  /** The value as Vert.x's {@link JsonObject} would hold it, but a nested object or list only as a marker. */
  private static Object valueOf(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> {
        parser.skipChildren();
        yield NESTED_OBJECT;
      }
      case START_ARRAY -> {
        parser.skipChildren();
        yield NESTED_LIST;
      }
      default -> throw new DecodeException("unexpected " + token);
    };
  }

  /** The fields {@link SonarrDecoder#episode} reads, each with its place in the array of values. */
  private static final class Field {
    private static final List<String> NAMES = List.of("id", "tvdbId", "seasonNumber", "episodeNumber",
        "absoluteEpisodeNumber", "title", "overview", "airDate", "airDateUtc", "runtime", "hasFile", "monitored",
        "episodeFileId");
    private static final Map<String, Integer> INDEX = new HashMap<>();
    static final int COUNT = NAMES.size();

    static {
      for (int i = 0; i < COUNT; i++) {
        INDEX.put(NAMES.get(i), i);
      }
    }

    static int indexOf(String name) {
      return INDEX.getOrDefault(name, -1);
    }

    /** Reads the values of the current object in {@code fields} by name. */
    static Function<String, Object> lookUp(Object[] fields) {
      return name -> {
        int index = indexOf(name);
        if (index < 0) {
          throw new IllegalArgumentException("the episode reader does not keep the field " + name);
        }
        return fields[index];
      };
    }
  }
}
