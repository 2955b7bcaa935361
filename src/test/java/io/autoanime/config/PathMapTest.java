package io.autoanime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathMapTest {
  @Test
  void the_longest_matching_prefix_translates_a_path() {
    PathMap map = PathMap.parse("/downloads=/data/torrents, /downloads/anime=/anime-in/");

    assertThat(map.toSonarr("/downloads/anime/Show/01.mkv")).isEqualTo("/anime-in/Show/01.mkv");
    assertThat(map.toSonarr("/downloads/other.mkv")).isEqualTo("/data/torrents/other.mkv");
    assertThat(map.toSonarr("/downloads")).isEqualTo("/data/torrents");
  }

  @Test
  void a_path_under_no_mapping_is_the_same_for_both_and_prefixes_match_whole_folders() {
    PathMap map = PathMap.parse("/downloads=/data");

    assertThat(map.toSonarr("/downloads2/x.mkv")).isEqualTo("/downloads2/x.mkv");
    assertThat(map.toSonarr("/srv/x.mkv")).isEqualTo("/srv/x.mkv");
    assertThat(PathMap.parse(null).toSonarr("/a/b")).isEqualTo("/a/b");
  }

  @Test
  void a_windows_side_is_written_with_forward_slashes() {
    assertThat(PathMap.parse("/downloads=D:\\Torrents").toSonarr("/downloads/Show/01.mkv"))
        .isEqualTo("D:/Torrents/Show/01.mkv");
  }

  @Test
  void malformed_entries_are_refused_by_name() {
    assertThatThrownBy(() -> PathMap.parse("/downloads")).hasMessageContaining("'/downloads'");
    assertThatThrownBy(() -> PathMap.parse("=/data")).hasMessageContaining("qbittorrent-path=sonarr-path");
    assertThatThrownBy(() -> PathMap.parse("/a=")).hasMessageContaining("qbittorrent-path=sonarr-path");
  }
}
