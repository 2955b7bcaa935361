package io.autoanime.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** An event-bus body, shown in failure reports by its type and the start of its text (bodies can be a megabyte). */
public record BusBody(Object value) {
  @Override
  public String toString() {
    if (value == null) {
      return "null";
    }
    String text = value instanceof byte[] bytes ? Arrays.toString(bytes)
        : value instanceof JsonObject || value instanceof JsonArray ? value.toString() : String.valueOf(value);
    return value.getClass().getSimpleName() + " " + (text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text);
  }
}
