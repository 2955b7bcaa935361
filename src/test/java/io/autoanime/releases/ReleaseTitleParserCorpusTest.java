package io.autoanime.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every title of the corpus (src/test/resources/feeds/titles) through the parser, compared as the
 * corpus README says. At least 95% must parse exactly, and known-misses.json must list exactly the
 * entries that do not, each with the fields that differ and why.
 */
class ReleaseTitleParserCorpusTest {
  private static final double REQUIRED_SHARE = 0.95;

  record Miss(String title, List<String> fields, List<String> kinds, String parsed) {}

  @Test
  void the_corpus_parses_exactly_except_the_known_misses() {
    List<TitleCorpus.Entry> entries = TitleCorpus.entries();
    List<Miss> misses = new ArrayList<>();
    for (TitleCorpus.Entry entry : entries) {
      ParsedRelease parsed = ReleaseTitleParser.parseOrThrow(entry.title());
      List<String> fields = TitleCorpus.differences(entry, parsed);
      if (!fields.isEmpty()) {
        misses.add(new Miss(entry.title(), fields, entry.kinds(), parsed.toJson().encode()));
      }
    }
    int passes = entries.size() - misses.size();
    System.out.println(summary(passes, entries.size(), misses));

    Map<String, JsonObject> known = knownMisses();
    List<String> unexplained = misses.stream()
        .filter(m -> !known.containsKey(m.title()))
        .map(m -> m.title() + " " + m.fields() + " parsed " + m.parsed())
        .toList();
    List<String> nowPassing = known.keySet().stream()
        .filter(title -> misses.stream().noneMatch(m -> m.title().equals(title)))
        .toList();
    List<String> changed = misses.stream()
        .filter(m -> known.containsKey(m.title()))
        .filter(m -> !known.get(m.title()).getJsonArray("fields").getList().equals(m.fields()))
        .map(m -> m.title() + " now differs in " + m.fields())
        .toList();

    assertThat(unexplained).as("misses not listed in known-misses.json").isEmpty();
    assertThat(nowPassing).as("known-misses.json entries that now pass (remove them)").isEmpty();
    assertThat(changed).as("known misses whose differing fields changed").isEmpty();
    assertThat(passes).as("entries parsed exactly").isGreaterThanOrEqualTo((int) Math.ceil(entries.size() * REQUIRED_SHARE));
  }

  @Test
  void every_known_miss_is_a_corpus_title_with_a_reason() {
    List<String> titles = TitleCorpus.entries().stream().map(TitleCorpus.Entry::title).toList();
    assertThat(knownMisses().values()).allSatisfy(miss -> {
      assertThat(titles).contains(miss.getString("title"));
      assertThat(miss.getString("reason")).hasSizeGreaterThan(40);
      assertThat(miss.getJsonArray("fields")).isNotEmpty();
    });
  }

  private static Map<String, JsonObject> knownMisses() {
    Map<String, JsonObject> known = new LinkedHashMap<>();
    JsonArray array = new JsonArray(TitleCorpus.resource("known-misses.json"));
    for (int i = 0; i < array.size(); i++) {
      known.put(array.getJsonObject(i).getString("title"), array.getJsonObject(i));
    }
    return known;
  }

  private static String summary(int passes, int total, List<Miss> misses) {
    Map<String, Integer> byField = new TreeMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    for (Miss miss : misses) {
      miss.fields().forEach(f -> byField.merge(f, 1, Integer::sum));
      miss.kinds().forEach(k -> byKind.merge(k, 1, Integer::sum));
    }
    return String.format("release-title corpus: %d / %d parse exactly (%.1f%%); misses by field %s; by kind %s",
        passes, total, 100.0 * passes / total, byField, byKind);
  }
}
