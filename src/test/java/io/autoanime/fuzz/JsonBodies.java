package io.autoanime.fuzz;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies for one operation of the OpenAPI document: valid ones built from its request
 * schema, the same with one thing wrong, and every kind of bytes that is not a usable JSON body.
 */
final class JsonBodies {
  /** Values of every JSON type (and some that JSON parsers choke on, as raw text), to put where they do not belong. */
  static final List<String> ODD_VALUES = List.of(
      "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "123456789012345678901234567890",
      "9223372036854775808", "\"\"", "\"yes\"", "\"true\"", "\"1\"", "\"\\u0000\"", "\"" + "x".repeat(5000) + "\"",
      "[]", "[true]", "{}", "{\"enabled\":true}", "\"\\ud800\"", "\"2024-02-30T25:61:00Z\"", "\"FULL\"", "\"Downloaded\"");

  private static final List<String> BROKEN_JSON = List.of(
      "{", "}", "{\"enabled\":}", "{\"enabled\":true,}", "{'enabled':true}", "{enabled:true}", "{\"enabled\":tru}",
      "{\"enabled\":true}}", "{\"enabled\":true} x", "{\"enabled\":NaN}", "{\"enabled\":Infinity}",
      "{\"enabled\":true /* comment */}", "{\"enabled\":01}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "\"unterminated",
      "{\"a\":\"line\nbreak\"}", "[1,2", "{\"status\":\"downloaded\",\"downloadedAt\":}", "{\"mode\":\"full\"\"}",
      " ", "\t\r\n", "{\"\":\"\"", "{\"a\" \"b\"}");

  private static final List<String> WRONG_TOP_LEVEL = List.of(
      "[]", "[{\"enabled\":true}]", "\"x\"", "\"{\\\"enabled\\\":true}\"", "1", "-1", "0.5", "true", "false", "null",
      "[null]", "[[[]]]");

  private static final List<String> HUGE_NUMBERS = List.of(
      "{\"enabled\":1e999999999}", "{\"id\":" + "9".repeat(1200) + "}", "{\"mode\":-" + "1".repeat(5000) + "}",
      "{\"status\":1E-999999}", "{\"limit\":0." + "0".repeat(2000) + "1}", "{\"enabled\":123456789012345678901234567890}",
      "[" + "1,".repeat(20000) + "1]");

  private static final List<String> FORMS = List.of(
      "enabled=true", "status=downloaded&downloadedAt=2024-05-01T12:00:00Z", "mode=full", "a=%zz", "%zz=1", "a=1&a=2&a=3",
      "=", "&&&", "a=" + "b".repeat(9000), "a=1&".repeat(400));

  private static final List<String> MULTIPARTS = List.of(
      "--x\r\nContent-Disposition: form-data; name=\"enabled\"\r\n\r\ntrue\r\n--x--\r\n",
      "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n",
      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing boundary",
      "--y\r\nwrong boundary\r\n--y--\r\n", "not multipart at all", "--x--\r\n");

  private static final List<String> TEXTS = List.of(
      "enabled", "true", "<enabled>true</enabled>", "mode: full", "\u0000\u0000\u0000", "\u00e9t\u00e9", "😀");

  private final JsonObject document;

  JsonBodies(JsonObject document) {
    this.document = document;
  }

  /**
   * Every kind of body for an operation whose request schema is {@code schema} (null: the operation
   * takes no body, for which no body and {@code {}} are the valid ones).
   */
  Arbitrary<byte[]> forSchema(JsonObject schema) {
    Arbitrary<Object> valid = schema == null ? Arbitraries.just(new JsonObject()) : valid(schema, 0);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(new byte[0])),
        Tuple.of(6, valid.map(JsonBodies::encode)),
        Tuple.of(5, mutated(valid).map(JsonBodies::utf8)),
        Tuple.of(2, brokenJson(valid)),
        Tuple.of(1, deeplyNested()),
        Tuple.of(1, Arbitraries.of(HUGE_NUMBERS).map(JsonBodies::utf8)),
        Tuple.of(1, Arbitraries.of(WRONG_TOP_LEVEL).map(JsonBodies::utf8)),
        Tuple.of(2, notUtf8(valid)),
        Tuple.of(1, oversized(valid)),
        Tuple.of(1, Arbitraries.of(FORMS).map(JsonBodies::utf8)),
        Tuple.of(1, Arbitraries.of(MULTIPARTS).map(JsonBodies::utf8)),
        Tuple.of(1, Arbitraries.of(TEXTS).map(JsonBodies::utf8)));
  }

  /** A value the schema accepts. */
  Arbitrary<Object> valid(JsonObject schema, int depth) {
    JsonObject resolved = resolve(schema);
    if (resolved.containsKey("enum")) {
      List<Object> values = new ArrayList<>();
      resolved.getJsonArray("enum").forEach(values::add);
      return Arbitraries.of(values);
    }
    String type = resolved.getValue("type") instanceof String t ? t : "object";
    return switch (type) {
      case "boolean" -> Arbitraries.of(true, false);
      case "integer" -> Arbitraries.longs()
          .between(resolved.getLong("minimum", 0L), Math.min(resolved.getLong("maximum", 100L), 100L)).map(n -> n);
      case "number" -> Arbitraries.doubles().between(0, 100).map(n -> n);
      case "string" -> validString(resolved);
      case "array" -> depth > 3 ? Arbitraries.just(new JsonArray())
          : valid(resolved.getJsonObject("items", new JsonObject()), depth + 1).list().ofMaxSize(3).map(JsonArray::new);
      default -> validObject(resolved, depth);
    };
  }

  private Arbitrary<Object> validObject(JsonObject schema, int depth) {
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    List<Arbitrary<Tuple.Tuple2<String, Object>>> fields = new ArrayList<>();
    for (String name : properties.fieldNames()) {
      if (depth > 3) {
        break;
      }
      Arbitrary<Object> value = valid(properties.getJsonObject(name), depth + 1);
      Arbitrary<Tuple.Tuple2<String, Object>> field = value.map(v -> Tuple.of(name, v));
      // an optional field is left out half the time (a null name marks it absent)
      fields.add(required.contains(name) ? field : Arbitraries.oneOf(field, Arbitraries.just(Tuple.<String, Object>of(null, null))));
    }
    if (fields.isEmpty()) {
      return Arbitraries.just(new JsonObject());
    }
    return Combinators.combine(fields).as(values -> {
      JsonObject object = new JsonObject();
      values.stream().filter(f -> f.get1() != null).forEach(f -> object.put(f.get1(), f.get2()));
      return object;
    });
  }

  private static Arbitrary<Object> validString(JsonObject schema) {
    String format = schema.getString("format", "");
    return switch (format) {
      case "date-time" -> Arbitraries.of("2024-05-01T12:00:00Z", "2023-10-06T15:00:00+02:00");
      case "date" -> Arbitraries.of("2024-05-01");
      case "uri", "url" -> Arbitraries.of("http://localhost:9/feed.xml", "https://example.invalid/rss");
      default -> Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> s);
    };
  }

  /** A valid object with one thing wrong: a field missing, unknown, duplicated, or of the wrong type. */
  private static Arbitrary<String> mutated(Arbitrary<Object> valid) {
    return Combinators.combine(valid, Arbitraries.integers().between(0, 5), Arbitraries.of(ODD_VALUES)).as((value, how, odd) -> {
      if (!(value instanceof JsonObject object)) {
        return odd;
      }
      List<String> names = new ArrayList<>(object.fieldNames());
      String name = names.isEmpty() ? "enabled" : names.get(0);
      String encoded = object.encode();
      return switch (how) {
        case 0 -> { // a field dropped
          JsonObject copy = object.copy();
          copy.remove(name);
          yield copy.encode();
        }
        case 1 -> object.copy().put("unexpected", true).encode(); // an unknown field
        case 2 -> encoded.length() > 2 ? "{\"" + name + "\":" + odd + "," + encoded.substring(1) : "{\"" + name + "\":" + odd + "}";
        case 3 -> "{\"" + name + "\":" + odd + "}"; // a field of the wrong type
        case 4 -> "{\"" + name.toUpperCase() + "\":" + odd + "}"; // the name in the wrong case
        default -> "{\"" + name + "\":{\"" + name + "\":" + odd + "}}"; // nested one level too deep
      };
    });
  }

  private static Arbitrary<byte[]> brokenJson(Arbitrary<Object> valid) {
    Arbitrary<byte[]> truncated = Combinators.combine(valid, Arbitraries.doubles().between(0, 1)).as((value, cut) -> {
      String text = Json.encode(value);
      return utf8(text.substring(0, (int) (text.length() * cut)));
    });
    return Arbitraries.oneOf(truncated, Arbitraries.of(BROKEN_JSON).map(JsonBodies::utf8));
  }

  private static Arbitrary<byte[]> deeplyNested() {
    return Combinators.combine(Arbitraries.of(64, 999, 1001, 3000, 20_000), Arbitraries.of("[", "{\"a\":")).as((depth, open) -> {
      String close = open.equals("[") ? "]" : "}";
      return utf8(open.repeat(depth) + "1" + close.repeat(depth));
    });
  }

  private static Arbitrary<byte[]> notUtf8(Arbitrary<Object> valid) {
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
    Arbitrary<byte[]> latin1 = Arbitraries.just("{\"enabled\":\"\u00e9t\u00e9\",\"status\":\"d\u00f6wnloaded\"}".getBytes(StandardCharsets.ISO_8859_1));
    Arbitrary<byte[]> invalidSequence = Arbitraries.just(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
    Arbitrary<byte[]> utf16 = valid.map(value -> Json.encode(value).getBytes(StandardCharsets.UTF_16));
    Arbitrary<byte[]> withBom = valid.map(value -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, encode(value)));
    return Arbitraries.oneOf(randomBytes, latin1, invalidSequence, utf16, withBom);
  }

  /** Bodies around and far over the 64 KiB limit: valid JSON padded with spaces, or one long string. */
  private static Arbitrary<byte[]> oversized(Arbitrary<Object> valid) {
    return Combinators.combine(valid, Arbitraries.of(64 * 1024, 64 * 1024 + 1, 256 * 1024, 1024 * 1024)).as((value, size) -> {
      byte[] json = encode(value);
      byte[] padded = new byte[Math.max(size, json.length)];
      java.util.Arrays.fill(padded, (byte) ' ');
      System.arraycopy(json, 0, padded, 0, json.length);
      return padded;
    });
  }

  private JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null || !ref.startsWith("#/")) {
      return schema;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
    }
    return resolve(target);
  }

  private static byte[] encode(Object value) {
    return utf8(Json.encode(value));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
