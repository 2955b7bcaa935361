package io.autoanime.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.matching.ReleaseRanking.Candidate;
import io.autoanime.matching.ReleaseRanking.Ranked;
import io.autoanime.releases.ReleaseTitleParser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseRankingTest {
  private static long ids;

  private static Candidate release(String title, Integer seeders) {
    return new Candidate(++ids, title, ReleaseTitleParser.parse(title), seeders, Instant.parse("2026-01-01T00:00:00Z"), 1);
  }

  private static List<String> order(List<Ranked> ranked) {
    return ranked.stream().map(r -> r.candidate().title()).toList();
  }

  @Test
  void the_preferred_resolution_wins_then_the_closest() {
    var prefs = new ReleasePreferences(Optional.of("1080p"), List.of(), List.of(), List.of());
    List<Ranked> ranked = ReleaseRanking.rank(List.of(
        release("[A] Show - 05 [480p]", 500),
        release("[A] Show - 05 [2160p]", 500),
        release("[A] Show - 05", 500),
        release("[A] Show - 05 [720p]", 500),
        release("[A] Show - 05 [1080p]", 1)), prefs);

    assertThat(order(ranked)).containsExactly("[A] Show - 05 [1080p]", "[A] Show - 05 [720p]", "[A] Show - 05 [480p]",
        "[A] Show - 05 [2160p]", "[A] Show - 05");
    assertThat(ranked.get(0).why()).contains("resolution 1080p (preferred)");
    assertThat(ranked.get(0).rank()).isEqualTo(1);
  }

  @Test
  void preferred_groups_in_their_order_then_the_newest_version_then_seeders() {
    var prefs = new ReleasePreferences(Optional.of("1080p"), List.of("SubsPlease", "Erai-raws"), List.of(), List.of());
    List<Ranked> ranked = ReleaseRanking.rank(List.of(
        release("[Other] Show - 05 [1080p]", 900),
        release("[Erai-raws] Show - 05 [1080p]", 10),
        release("[SubsPlease] Show - 05 [1080p]", 5),
        release("[SubsPlease] Show - 05v2 [1080p]", 1)), prefs);

    assertThat(order(ranked)).containsExactly("[SubsPlease] Show - 05v2 [1080p]", "[SubsPlease] Show - 05 [1080p]",
        "[Erai-raws] Show - 05 [1080p]", "[Other] Show - 05 [1080p]");
    assertThat(ranked.get(0).why()).contains("group SubsPlease (preferred #1)", "version 2");
    assertThat(ranked.get(3).why()).contains("group Other (not preferred)", "900 seeders");
  }

  @Test
  void an_upload_of_a_subtitle_file_alone_is_rejected_as_no_video() {
    var prefs = new ReleasePreferences(Optional.empty(), List.of(), List.of(), List.of());
    // From the nyaa capture of 2019 (src/test/resources/feeds): 39 KB, one .ass file.
    String subtitles = "JoJo's Bizarre Adventure - Golden Wind - 19 [HorribleSubs][FavriteFixNames].ass";
    List<Ranked> ranked = ReleaseRanking.rank(List.of(release(subtitles, 900),
        release("[HorribleSubs] JoJo's Bizarre Adventure - Golden Wind - 19 [480p].mkv", 2)), prefs);

    assertThat(order(ranked)).last().isEqualTo(subtitles);
    assertThat(ranked.get(1).accepted()).isFalse();
    assertThat(ranked.get(1).why()).contains("rejected: a .ass file alone, not a video");
    assertThat(ReleaseRanking.best(List.of(release(subtitles, 900)), prefs)).as("never downloaded automatically").isEmpty();
    assertThat(ReleaseRanking.best(List.of(release("[Group] Show - 05 [1080p] [ASS subs]", 1)), prefs))
        .as("a video whose title names its subtitles").isPresent();
  }

  @Test
  void must_and_must_not_contain_reject_a_release_whatever_else_it_has() {
    var prefs = new ReleasePreferences(Optional.empty(), List.of(), List.of("multi-sub"), List.of("HEVC"));
    List<Ranked> ranked = ReleaseRanking.rank(List.of(
        release("[A] Show - 05 [1080p HEVC] [Multi-Sub]", 900),
        release("[A] Show - 05 [720p] [Multi-Sub]", 1),
        release("[A] Show - 05 [2160p]", 900)), prefs);

    assertThat(order(ranked)).containsExactly("[A] Show - 05 [720p] [Multi-Sub]", "[A] Show - 05 [2160p]",
        "[A] Show - 05 [1080p HEVC] [Multi-Sub]");
    assertThat(ranked.get(0).accepted()).isTrue();
    assertThat(ranked.get(1).accepted()).isFalse();
    assertThat(ranked.get(1).why()).contains("rejected: does not contain 'multi-sub' (must contain)");
    assertThat(ranked.get(2).why()).contains("rejected: contains 'HEVC' (must not contain)");
    assertThat(ReleaseRanking.best(List.of(ranked.get(2).candidate()), prefs)).isEmpty();
  }

  @Test
  void without_a_preferred_resolution_the_highest_wins_and_a_single_episode_beats_a_batch() {
    var prefs = ReleasePreferences.none();
    Candidate batch = new Candidate(100, "[A] Show - 01-12 [1080p]", ReleaseTitleParser.parse("[A] Show - 01-12 [1080p]"),
        50, Instant.parse("2026-01-02T00:00:00Z"), 12);
    List<Ranked> ranked = ReleaseRanking.rank(List.of(batch, release("[A] Show - 05 [720p]", 50),
        release("[A] Show - 05 [1080p]", 50)), prefs);

    assertThat(order(ranked)).containsExactly("[A] Show - 05 [1080p]", "[A] Show - 01-12 [1080p]", "[A] Show - 05 [720p]");
    assertThat(ranked.get(1).why()).contains("a batch of 12 episodes");
  }
}
