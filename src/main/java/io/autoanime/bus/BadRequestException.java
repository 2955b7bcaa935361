package io.autoanime.bus;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/** A request (HTTP or event bus) that is malformed; the message says what is wrong. */
public class BadRequestException extends RuntimeException {
  private static final int SHOWN_NAME_LENGTH = 40;

  public BadRequestException(String message) {
    super(message);
  }

  /** Refuses a body with a field outside {@code allowed}, naming the first such field and the allowed ones. */
  public static void requireOnly(JsonObject body, Set<String> allowed) {
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw new BadRequestException("unknown field '" + clip(field) + "' (allowed: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  /** A field name as an error shows it: its first 40 characters (a client may send anything as a name). */
  public static String clip(String name) {
    return name.length() > SHOWN_NAME_LENGTH ? name.substring(0, SHOWN_NAME_LENGTH) + "..." : name;
  }
}
