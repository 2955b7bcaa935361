package io.autoanime.fuzz;

import io.autoanime.support.FakeSonarr;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random event-bus message bodies: every type the bus carries without a custom codec (null, strings,
 * numbers, booleans, characters, bytes, buffers, arrays) and JSON objects whose fields are the ones the
 * request/reply addresses read, or unknown ones, holding right or wrong values, nested, huge or deep.
 */
public final class BusBodies {
  /** The field names the request/reply addresses read, and some they do not. */
  private static final List<String> FIELD_NAMES = List.of(
      "mode", "sonarrSeriesId", "wait", "trigger", "episodeId", "status", "downloadedAt",
      "feedId", "seriesId", "id", "x", "", "MODE", "episodeID", "status ", "n".repeat(300));

  private static final List<Object> FIELD_VALUES = List.of(
      "full", "new", "series", "FULL", "", " full", "eventbus", "webhook", "http", "startup", "schedule", "pending",
      "downloaded", "downloading", "failed", "skipped", "disabled", "Downloaded", "2024-05-01T12:00:00Z",
      "2024-05-01T12:00:00", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "not a date", "1", "true",
      0, -1, 1, 2, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, Double.NaN, Double.POSITIVE_INFINITY,
      new BigInteger("123456789012345678901234567890"), true, false, new JsonArray(), new JsonObject(),
      new JsonArray().add(1), Instant.EPOCH, Buffer.buffer(new byte[] {1, 2, 3}),
      FakeSonarr.API_KEY); // a secret pasted into the wrong field must not come back in an answer or a log line

  private BusBodies() {}

  /** Any body; {@code knownIds} are ids of rows that exist, so that well-formed bodies also reach real rows. */
  public static Arbitrary<BusBody> any(List<Long> knownIds) {
    return Arbitraries.<Object>frequencyOf(
        Tuple.of(1, Arbitraries.just((Object) null)),
        Tuple.of(3, scalar()),
        Tuple.of(2, jsonValue(2).map(BusBodies::asObject)),
        Tuple.of(5, object(knownIds, 2)),
        Tuple.of(4, nearlyWellFormed(knownIds)),
        Tuple.of(1, huge())).map(BusBody::new);
  }

  private static Object asObject(Object value) {
    return value;
  }

  /** Values that are not a JSON object, of every type the bus has a codec for. */
  private static Arbitrary<Object> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(BusBodies::asObject),
        Arbitraries.of("", "{\"mode\":\"full\"}", "{\"episodeId\":1,\"status\":\"pending\"}", "null", "[]").map(BusBodies::asObject),
        Arbitraries.integers().map(BusBodies::asObject),
        Arbitraries.longs().map(BusBodies::asObject),
        Arbitraries.of(0.0, -0.0, 1.5, Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE).map(BusBodies::asObject),
        Arbitraries.of(1.5f, Float.NaN).map(BusBodies::asObject),
        Arbitraries.of((short) 7, (byte) -1, 'x', '\u0000').map(BusBodies::asObject),
        Arbitraries.of(true, false).map(BusBodies::asObject),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(32).map(BusBodies::asObject),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(32).map(bytes -> (Object) Buffer.buffer(bytes)),
        Arbitraries.just((Object) Buffer.buffer("{\"mode\":\"full\"}")));
  }

  /** A JSON value of any type, nested up to {@code depth} levels. */
  private static Arbitrary<Object> jsonValue(int depth) {
    Arbitrary<Object> leaf = Arbitraries.of(FIELD_VALUES);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> array = jsonValue(depth - 1).list().ofMaxSize(3).map(values -> (Object) new JsonArray(new ArrayList<>(values)));
    Arbitrary<Object> object = Combinators.combine(Arbitraries.of(FIELD_NAMES), jsonValue(depth - 1)).as(Tuple::of)
        .list().ofMaxSize(3).map(BusBodies::toObject);
    return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** A JSON object with one to four fields: names the addresses read (mostly) with right or wrong values. */
  private static Arbitrary<Object> object(List<Long> knownIds, int depth) {
    Arbitrary<Object> value = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(FIELD_VALUES)),
        Tuple.of(2, Arbitraries.of(knownIds).map(BusBodies::asObject)),
        Tuple.of(1, jsonValue(depth)));
    return Combinators.combine(Arbitraries.of(FIELD_NAMES), value).as(Tuple::of)
        .list().ofMinSize(1).ofMaxSize(4).map(BusBodies::toObject);
  }

  /**
   * Requests the addresses take, as they are or with one field changed, added or removed: the bodies
   * that get furthest into a consumer (to 404 for an unknown row, or to a reply). Sent to every address.
   */
  private static Arbitrary<Object> nearlyWellFormed(List<Long> knownIds) {
    Arbitrary<JsonObject> wellFormed = Arbitraries.of(knownIds).flatMap(id -> Arbitraries.of(
        new JsonObject().put("mode", "new").put("wait", false),
        new JsonObject().put("mode", "full").put("wait", false),
        new JsonObject().put("mode", "series").put("sonarrSeriesId", 1).put("wait", false),
        new JsonObject().put("mode", "series").put("sonarrSeriesId", 999_999),
        new JsonObject().put("episodeId", id).put("status", "pending"),
        new JsonObject().put("episodeId", id).put("status", "downloaded").put("downloadedAt", "2024-05-01T12:00:00Z"),
        new JsonObject().put("episodeId", 999_999_999L).put("status", "failed")));
    Arbitrary<JsonObject> changed = Combinators.combine(wellFormed, Arbitraries.of(FIELD_NAMES), Arbitraries.of(FIELD_VALUES),
        Arbitraries.integers().between(0, 2)).as((request, field, value, how) -> {
          JsonObject copy = request.copy();
          switch (how) {
            case 0 -> copy.put(field, value);
            case 1 -> copy.remove(copy.fieldNames().iterator().next());
            default -> copy.put(copy.fieldNames().iterator().next(), value);
          }
          return copy;
        });
    return Arbitraries.frequencyOf(Tuple.of(1, wellFormed), Tuple.of(3, changed)).map(BusBodies::asObject);
  }

  private static Object toObject(List<Tuple.Tuple2<String, Object>> fields) {
    JsonObject object = new JsonObject();
    fields.forEach(field -> object.put(field.get1(), field.get2()));
    return object;
  }

  /** A megabyte of text, an object of 5,000 fields, an array of 100,000 numbers, an object nested 500 deep. */
  private static Arbitrary<Object> huge() {
    return Arbitraries.of(0, 1, 2, 3, 4).map(kind -> switch (kind) {
      case 0 -> "x".repeat(1 << 20);
      case 1 -> {
        JsonObject wide = new JsonObject();
        for (int i = 0; i < 5_000; i++) {
          wide.put("field" + i, i);
        }
        yield wide;
      }
      case 2 -> {
        JsonArray long_ = new JsonArray();
        for (int i = 0; i < 100_000; i++) {
          long_.add(i);
        }
        yield long_;
      }
      case 3 -> {
        JsonObject deep = new JsonObject().put("mode", "full");
        for (int i = 0; i < 500; i++) {
          deep = new JsonObject().put("mode", deep);
        }
        yield deep;
      }
      default -> new JsonObject().put("episodeId", 1).put("status", "x".repeat(1 << 20));
    });
  }
}
