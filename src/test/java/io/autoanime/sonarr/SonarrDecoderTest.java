package io.autoanime.sonarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.sonarr.SonarrDecoder.SeriesListEntry;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.support.Fixtures;
import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SonarrDecoderTest {
  private static Buffer fixture(String name) {
    return Buffer.buffer(Fixtures.text(name));
  }

  @Test
  void real_series_payloads_of_every_version_decode() {
    Series frieren = SonarrDecoder.singleSeries(fixture("autoanime/series-single-frieren-v4.json"), "/series/1");
    assertThat(frieren.tvdbId()).isEqualTo(424536L);
    assertThat(frieren.seasons()).extracting(s -> s.seasonNumber()).containsExactly(0, 1, 2);
    assertThat(frieren.alternateTitles()).allSatisfy(t -> assertThat(t.title()).isNotBlank());

    Series v3 = SonarrDecoder.singleSeries(fixture("sonarr-animedownloader/serie.json"), "/series/340");
    assertThat(v3.seriesType()).isEqualTo("anime");
    assertThat(v3.tvMazeId()).isEqualTo(68384L);

    List<SeriesListEntry> youtube = SonarrDecoder.seriesList(fixture("sonarrtube/series-list-youtube-v4-ea5c0ef.json"), "/series");
    assertThat(youtube).allSatisfy(e -> assertThat(e.error()).isNull());
    Series africa = youtube.get(2).series();
    assertThat(africa.airTime()).isNull();
    assertThat(africa.certification()).isNull();
    assertThat(youtube.get(1).series().tmdbId()).isNull(); // Sonarr's 0 means unknown

    List<SeriesListEntry> andy = SonarrDecoder.seriesList(fixture("home-assistant/series-list-andy-griffith-v3.json"), "/series");
    assertThat(andy.get(0).series().path()).isEqualTo("F:\\The Andy Griffith Show");
  }

  @Test
  void real_episode_lists_decode_with_their_gaps() {
    List<Episode> episodes = SonarrDecoder.episodes(fixture("sonarrtube/episode-list-series8-youtube-241kb.json"), "/episode");

    assertThat(episodes).hasSize(384);
    assertThat(episodes.stream().filter(e -> e.absoluteEpisodeNumber() != null)).hasSize(156);
    assertThat(episodes.stream().filter(e -> e.overview() == null)).hasSize(9);
    assertThat(episodes.stream().filter(e -> Boolean.FALSE.equals(e.hasFile())).allMatch(e -> e.episodeFileId() == null))
        .isTrue();
  }

  @Test
  void a_broken_series_fails_alone_and_keeps_its_id_when_it_has_one() {
    List<SeriesListEntry> trimmed = SonarrDecoder.seriesList(
        fixture("exportarr/series-list-trimmed-no-seasonNumber.json"), "/api/v3/series");

    assertThat(trimmed).hasSize(6).allSatisfy(entry -> {
      assertThat(entry.series()).isNull();
      assertThat(entry.sonarrId()).isNotNull();
      assertThat(entry.error()).contains("series " + entry.sonarrId());
    });
  }

  @Test
  void episodes_without_ids_are_an_error_not_an_empty_list() {
    assertThatThrownBy(() -> SonarrDecoder.episodes(fixture("exportarr/episode-list-trimmed-3-fields.json"), "/episode"))
        .hasMessageContaining("has no valid id");
  }

  @Test
  void empty_malformed_and_wrongly_shaped_bodies_are_errors() {
    assertThatThrownBy(() -> SonarrDecoder.seriesList(Buffer.buffer(""), "/api/v3/series")).hasMessageContaining("empty body");
    assertThatThrownBy(() -> SonarrDecoder.seriesList(Buffer.buffer("[{\"id\": 1,"), "/api/v3/series"))
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> SonarrDecoder.seriesList(Buffer.buffer("{\"page\": 1}"), "/api/v3/series"))
        .hasMessageContaining("expected a list");
    assertThatThrownBy(() -> SonarrDecoder.episodes(Buffer.buffer("null"), "/api/v3/episode")).hasMessageContaining("null");
    assertThatThrownBy(() -> SonarrDecoder.episodes(Buffer.buffer("[{\"id\":5,\"seasonNumber\":\"one\",\"episodeNumber\":1}]"), "/e"))
        .hasMessageContaining("seasonNumber");
  }

  @Test
  void a_japanese_broadcast_keeps_its_local_air_date() {
    var episode = SonarrDecoder.episodes(Buffer.buffer("[" + Fixtures.text("sonarr-animedownloader/episode.json") + "]"), "/e")
        .get(0);
    assertThat(episode.airDate()).isEqualTo(LocalDate.of(2023, 7, 7));
    assertThat(episode.airDateUtc().toLocalDate()).isEqualTo(LocalDate.of(2023, 7, 6));
  }

  @Test
  void status_of_a_legacy_v2_server_decodes_its_version() {
    var status = SonarrDecoder.systemStatus(fixture("home-assistant/system-status-v2-windows.json"), "/system/status");
    assertThat(status.version()).startsWith("2.0");
    assertThat(status.appName()).isNull();
  }
}
