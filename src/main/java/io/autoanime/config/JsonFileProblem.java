package io.autoanime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.Optional;

/**
 * What is wrong with the text of a JSON config file, said by place (line, column) and kind, never
 * by quoting it: the parser's own messages repeat the offending token, which in a config file is
 * often an unquoted key or password. Parses as Vert.x does, so it finds what made Vert.x refuse the file.
 */
final class JsonFileProblem {
  private JsonFileProblem() {}

  static Optional<String> in(String text) {
    try (JsonParser parser = JacksonCodec.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.of("it must hold one JSON object, { ... }");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return Optional.of("there is more after the object's closing } (" + place(parser.currentTokenLocation()) + ")");
      }
      return Optional.empty();
    } catch (JsonParseException e) {
      return Optional.of(kind(e) + " at " + place(e.getLocation()));
    } catch (IOException e) {
      return Optional.of("it cannot be parsed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Jackson's message names the kind of error and quotes the text; only the kind is kept. */
  private static String kind(JsonParseException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("end-of-input")) {
      return "it ends before the JSON is complete (a missing } or \")";
    }
    return "it is not valid JSON (text such as a key or a password must be in double quotes; a comma or colon may be missing or extra)";
  }

  private static String place(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "an unknown place";
    }
    return "line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "");
  }
}
