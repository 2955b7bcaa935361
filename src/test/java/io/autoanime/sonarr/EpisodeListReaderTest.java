package io.autoanime.sonarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.support.Fixtures;
import io.autoanime.training.GeneratedLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming episode reader answers exactly what decoding the JSON tree answered (the decoder's
 * behaviour before it streamed, kept below as the reference): the same episodes, the same errors.
 */
class EpisodeListReaderTest {
  private static final String ENDPOINT = "/api/v3/episode?seriesId=7";

  @Test
  void real_and_generated_lists_read_as_the_tree_decoder_reads_them() {
    List<String> bodies = List.of(
        Fixtures.text("sonarrtube/episode-list-series8-youtube-241kb.json"),
        Fixtures.text("sonarrtube/episode-list-trimmed-head.json"),
        "[" + Fixtures.text("sonarr-animedownloader/episode.json") + "]",
        new GeneratedLibrary(10, 1_200).episodesJson(1));
    for (String body : bodies) {
      List<Episode> streamed = SonarrDecoder.episodes(Buffer.buffer(body), ENDPOINT);
      assertThat(streamed).isNotEmpty().isEqualTo(viaTree(body));
    }
  }

  @Test
  void odd_but_valid_lists_read_as_the_tree_decoder_reads_them() {
    List<String> bodies = List.of(
        "[]",
        " \n [ ] \n",
        // A repeated key: the last value counts.
        "[{\"id\":5,\"seasonNumber\":\"one\",\"seasonNumber\":1,\"episodeNumber\":2}]",
        // Fields the episode does not keep, nested or not, are skipped whatever they hold.
        "[{\"images\":[{\"url\":\"x\",\"a\":[1,2,{}]}],\"series\":{\"id\":3,\"title\":null},\"id\":6,"
            + "\"seasonNumber\":0,\"episodeNumber\":1,\"unverifiedSceneNumbering\":false,\"finaleType\":null}]",
        // Nulls, zero ids (unknown to Sonarr), escapes and NUL characters.
        "[{\"id\":7,\"tvdbId\":0,\"seasonNumber\":1,\"episodeNumber\":3,\"title\":\"a\\u0000b \\\"c\\\" \\u00e9\","
            + "\"overview\":null,\"airDate\":\"\",\"airDateUtc\":null,\"hasFile\":true,\"monitored\":null}]",
        "[{\"id\":9007199254740993,\"seasonNumber\":2,\"episodeNumber\":2147483647,\"runtime\":-1}]");
    for (String body : bodies) {
      assertThat(SonarrDecoder.episodes(Buffer.buffer(body), ENDPOINT)).isEqualTo(viaTree(body));
    }
  }

  @Test
  void bad_bodies_fail_with_the_tree_decoders_message() {
    List<String> bodies = List.of(
        "",
        "   \n",
        "null",
        "{\"page\":1}",
        "\"text\"",
        "12",
        "[1]",
        "[{\"id\":5,\"seasonNumber\":1,\"episodeNumber\":1}, \"x\"]",
        // The first bad element is reported, once the whole body has proved to be JSON...
        "[{\"id\":1,\"seasonNumber\":\"x\",\"episodeNumber\":1}, 7]",
        // ...and malformed JSON anywhere wins over a bad element before it.
        "[1, {\"id\": ]",
        "[{\"id\":1,\"seasonNumber\":1,\"episodeNumber\":1}",
        "[{\"id\":1,\"seasonNumber\":1,\"episodeNumber\":1}] []",
        "[{\"id\":1,\"seasonNumber\":1,\"episodeNumber\":1,}]",
        "[{\"id\":5.0,\"seasonNumber\":1,\"episodeNumber\":1}]",
        "[{\"id\":0,\"seasonNumber\":1,\"episodeNumber\":1}]",
        "[{\"seasonNumber\":1,\"episodeNumber\":1}]",
        "[{\"id\":3,\"seasonNumber\":1,\"episodeNumber\":99999999999}]",
        "[{\"id\":3,\"seasonNumber\":1,\"episodeNumber\":1,\"title\":{\"en\":\"x\"}}]",
        "[{\"id\":3,\"seasonNumber\":1,\"episodeNumber\":1,\"hasFile\":\"yes\"}]",
        "[{\"id\":3,\"seasonNumber\":1,\"episodeNumber\":1,\"airDateUtc\":\"yesterday\"}]",
        "[{\"id\":3,\"seasonNumber\":[1],\"episodeNumber\":1}]",
        "[{\"id\":123456789012345678901234567890,\"seasonNumber\":1,\"episodeNumber\":1}]");
    for (String body : bodies) {
      String expected = failureOf(() -> viaTree(body));
      assertThat(expected).as("the reference fails on " + body).isNotNull();
      assertThatThrownBy(() -> SonarrDecoder.episodes(Buffer.buffer(body), ENDPOINT)).as(body)
          .isInstanceOf(SonarrException.class).hasMessage(expected);
    }
  }

  /** The decoder before it streamed: the whole tree, then each element. */
  private static List<Episode> viaTree(String body) {
    Object value = SonarrDecoder.parse(Buffer.buffer(body), ENDPOINT);
    if (!(value instanceof JsonArray array)) {
      throw SonarrException.badData("Sonarr sent " + SonarrDecoder.describe(value) + " for " + ENDPOINT
          + ", expected a list");
    }
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject object)) {
        throw SonarrException.badData("element " + i + " of " + ENDPOINT + " is not an object");
      }
      episodes.add(SonarrDecoder.episode(object::getValue, i));
    }
    return episodes;
  }

  private static String failureOf(Runnable action) {
    try {
      action.run();
      return null;
    } catch (SonarrException e) {
      return e.getMessage();
    }
  }
}
