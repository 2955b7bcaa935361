package io.autoanime.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedReleaseJsonTest {

  @Test
  void whole_episode_numbers_are_json_integers_and_recaps_json_numbers() {
    String json = ReleaseTitleParser.parse("[HorribleSubs] Goblin Slayer - 10.5 [1080p].mkv").toJson().encode();
    assertThat(json).contains("\"episodeNumbers\":[10.5]").contains("\"type\":\"special\"").contains("\"seasonNumber\":0");

    JsonObject batch = ReleaseTitleParser.parse("[Group] Anime Title [01-03] [1080p]").toJson();
    assertThat(batch.encode()).contains("\"episodeNumbers\":[1,2,3]").contains("\"batch\":true");
    assertThat(batch.containsKey("absoluteEpisodeNumbers")).isFalse();
  }

  @Test
  void the_json_has_the_agreed_fields() {
    JsonObject json = ReleaseTitleParser.parse("[Dae-P9] Anime Series - 05 - S01E05 - Title (BD 1080p) [5BCD56B8]").toJson();
    assertThat(json.fieldNames()).contains("group", "titles", "seasonNumber", "episodeNumbers", "absolute", "version",
        "resolution", "batch", "type", "absoluteEpisodeNumbers", "crc", "tags");
    assertThat(json.getValue("version")).isNull();
    assertThat(json.containsKey("version")).isTrue();
  }

  @Test
  void stored_parses_read_back_equal() {
    for (String title : List.of(
        "[HorribleSubs] Goblin Slayer - 10.5 [1080p].mkv",
        "[Dae-P9] Anime Series - 05.5 - S00E01 - Title (BD 1080p HEVC FLAC AAC) [Dual Audio] [5BCD56B8]",
        "[LoliHouse] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season - 02v2 [WebRip 1080p HEVC-10bit AAC]",
        "[HorribleSubs] Black Clover 01 - 119 [1080p] [Batch]",
        "[1080p][HEVC][AAC][MKV]")) {
      ParsedRelease parsed = ReleaseTitleParser.parse(title);
      ParsedRelease back = ParsedRelease.fromJson(new JsonObject(parsed.toJson().encode()));
      assertThat(back).as(title).isEqualTo(parsed);
    }
  }

  @Test
  void seven_and_seven_point_zero_are_the_same_episode() {
    ParsedRelease a = new ParsedRelease(null, List.of("A"), null, List.of(new BigDecimal("7.0")), List.of(), true,
        null, null, false, ReleaseType.EPISODE, null, List.of());
    ParsedRelease b = new ParsedRelease(null, List.of("A"), null, List.of(BigDecimal.valueOf(7)), List.of(), true,
        null, null, false, ReleaseType.EPISODE, null, List.of());
    assertThat(a).isEqualTo(b);
    assertThat(a.toJson().encode()).contains("\"episodeNumbers\":[7]");
  }

  @Test
  void a_stored_parse_of_the_wrong_shape_is_refused_clearly() {
    assertThatThrownBy(() -> ParsedRelease.fromJson(new JsonObject().put("episodeNumbers", "five")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParsedRelease.fromJson(new JsonObject().put("type", "series")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series");
    assertThatThrownBy(() -> ParsedRelease.fromJson(new JsonObject().put("titles", List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
