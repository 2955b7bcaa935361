package io.autoanime.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.ReleasePreferences;
import io.autoanime.matching.EpisodeKey.Absolute;
import io.autoanime.matching.EpisodeKey.InSeason;
import io.autoanime.matching.EpisodeKey.InSeasonOrAbsolute;
import io.autoanime.matching.EpisodeKey.WholeSeason;
import io.autoanime.releases.ReleaseTitleParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseMatcherTest {
  private static final LibraryTitles.Series FRIEREN = new LibraryTitles.Series(1, "Frieren: Beyond Journey's End", true);
  private static final LibraryTitles.Series BREAKING_BAD = new LibraryTitles.Series(2, "Breaking Bad", false);
  private static final LibraryTitles.Series URUSEI_1981 = new LibraryTitles.Series(3, "Urusei Yatsura", true);
  private static final LibraryTitles.Series URUSEI_2022 = new LibraryTitles.Series(4, "Urusei Yatsura (2022)", true);
  private static final LibraryTitles.Series EIGHTY_SIX = new LibraryTitles.Series(5, "86 EIGHTY-SIX", true);

  private static final LibraryTitles LIBRARY = LibraryTitles.of(List.of(
      new LibraryTitles.Title(FRIEREN, "Frieren: Beyond Journey's End", null),
      new LibraryTitles.Title(FRIEREN, "Sousou no Frieren", null),
      new LibraryTitles.Title(FRIEREN, "Sousou no Frieren 2nd Season", 2),
      new LibraryTitles.Title(BREAKING_BAD, "Breaking Bad", null),
      new LibraryTitles.Title(URUSEI_1981, "Urusei Yatsura", null),
      new LibraryTitles.Title(URUSEI_2022, "Urusei Yatsura (2022)", null),
      new LibraryTitles.Title(EIGHTY_SIX, "86 EIGHTY-SIX", null),
      new LibraryTitles.Title(EIGHTY_SIX, "86", null)));

  private static Placement place(String title) {
    return new ReleaseMatcher(LIBRARY, List.of()).place(title, ReleaseTitleParser.parse(title), 7L);
  }

  @Test
  void an_anime_release_numbered_absolutely_goes_to_that_absolute_episode() {
    Placement placement = place("[SubsPlease] Sousou no Frieren - 05 (1080p) [ABCD1234].mkv");

    assertThat(placement.seriesId()).isEqualTo(1);
    assertThat(placement.keys()).containsExactly(new Absolute(5));
    assertThat(placement.ruleId()).isNull();
    assertThat(placement.reason()).contains("Sousou no Frieren").contains("absolute 5");
  }

  @Test
  void a_scene_season_on_the_alternate_title_binds_the_number_to_that_season() {
    Placement placement = place("[SubsPlease] Sousou no Frieren 2nd Season - 03 (1080p)");

    assertThat(placement.seriesId()).isEqualTo(1);
    assertThat(placement.keys()).hasSize(1);
    assertThat(placement.keys().get(0).seasonNumber()).isEqualTo(2);
    assertThat(placement.keys().get(0)).isInstanceOfAny(EpisodeKey.InSeasonThenAbsolute.class, InSeasonOrAbsolute.class);
  }

  @Test
  void a_standard_series_is_numbered_within_the_season_and_a_batch_covers_every_episode() {
    assertThat(place("Breaking.Bad.S02E05.720p.WEB-DL.x264-GRP").keys()).containsExactly(new InSeason(2, 5));
    assertThat(place("[Group] Breaking Bad - 01-03 [1080p]").keys())
        .containsExactly(new InSeason(1, 1), new InSeason(1, 2), new InSeason(1, 3));
    assertThat(place("Breaking.Bad.S03.1080p.BluRay.x264-GRP").keys()).containsExactly(new WholeSeason(3));
  }

  @Test
  void a_title_that_names_two_series_is_not_placed() {
    Placement placement = place("[Group] Urusei Yatsura (2022) - 05 [1080p]");
    assertThat(placement.seriesId()).as("the year makes it one series").isEqualTo(4);

    Placement shared = new ReleaseMatcher(LibraryTitles.of(List.of(
        new LibraryTitles.Title(URUSEI_1981, "Urusei Yatsura", null),
        new LibraryTitles.Title(URUSEI_2022, "Urusei Yatsura", null))), List.of())
        .place("[Group] Urusei Yatsura - 05", ReleaseTitleParser.parse("[Group] Urusei Yatsura - 05"), null);
    assertThat(shared.placed()).isFalse();
    assertThat(shared.reason()).contains("ambiguous");
  }

  @Test
  void numbers_in_a_series_title_are_not_episodes() {
    Placement placement = place("[Group] 86 EIGHTY-SIX - 21 [1080p]");

    assertThat(placement.seriesId()).isEqualTo(5);
    assertThat(placement.keys()).containsExactly(new Absolute(21));
  }

  @Test
  void nothing_is_placed_for_unknown_titles_films_and_recaps() {
    assertThat(place("[Group] Some Other Show - 05 [1080p]").reason()).contains("no series in the library is titled");
    assertThat(place("[Group] Sousou no Frieren - 12.5 [1080p]").placed()).isFalse();
    assertThat(place("").placed()).isFalse();
  }

  @Test
  void a_rule_places_what_the_automatic_matching_cannot_and_comes_first() {
    DownloadRule rule = new DownloadRule(9, 1, 1, null, Optional.of(RulePattern.compile("葬送的芙莉莲 第:ep:话")), 2, true,
        ReleasePreferences.none(), null);
    DownloadRule otherFeed = new DownloadRule(10, 2, null, 99L, Optional.of(RulePattern.compile("葬送的芙莉莲 第:ep:话")), 0,
        true, ReleasePreferences.none(), null);
    ReleaseMatcher matcher = new ReleaseMatcher(LIBRARY, List.of(otherFeed, rule));
    String title = "[喵萌奶茶屋] 葬送的芙莉莲 第05话 [1080p]";

    Placement placement = matcher.place(title, ReleaseTitleParser.parse(title), 7L);

    assertThat(placement.seriesId()).isEqualTo(1);
    assertThat(placement.ruleId()).isEqualTo(9);
    assertThat(placement.keys()).containsExactly(new InSeason(1, 7));
    assertThat(placement.reason()).isEqualTo("rule 9 read episode 5 (offset +2: 7)");
    assertThat(new ReleaseMatcher(LIBRARY, List.of()).place(title, ReleaseTitleParser.parse(title), 7L).placed()).isFalse();
  }

  @Test
  void a_rule_without_a_season_reads_absolute_numbers_and_a_disabled_rule_reads_nothing() {
    DownloadRule absolute = new DownloadRule(3, 1, null, null, Optional.of(RulePattern.compile("芙莉莲 - :ep:")), 0, true,
        ReleasePreferences.none(), null);
    DownloadRule disabled = new DownloadRule(4, 2, null, null, Optional.of(RulePattern.compile("芙莉莲 - :ep:")), 0, false,
        ReleasePreferences.none(), null);

    assertThat(ReleaseMatcher.byRule(absolute, "芙莉莲 - 30").orElseThrow().keys()).containsExactly(new Absolute(30));
    assertThat(new ReleaseMatcher(LIBRARY, List.of(disabled)).place("芙莉莲 - 30", ReleaseTitleParser.parse("芙莉莲 - 30"), null)
        .ruleId()).isNull();
  }
}
