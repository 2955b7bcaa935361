package io.autoanime.matching;

/**
 * Which episode of a series a release names, in the numbering it uses. {@link EpisodeResolver} turns
 * keys into episode row ids with one statement for a whole poll.
 */
public sealed interface EpisodeKey {
  /** The kind as {@link EpisodeResolver}'s statement spells it. */
  String kind();

  /** The season the key is bound to, or null. */
  Integer seasonNumber();

  /** The episode number, or null for a whole season. */
  Integer number();

  /** The series' absolute numbering (anime). */
  record Absolute(Integer number) implements EpisodeKey {
    public String kind() {
      return "absolute";
    }

    public Integer seasonNumber() {
      return null;
    }
  }

  /** Season-relative numbering ({@code S02E05}). */
  record InSeason(Integer seasonNumber, Integer number) implements EpisodeKey {
    public String kind() {
      return "season";
    }
  }

  /**
   * A season is stated but the number may continue from the earlier seasons ({@code 2nd Season - 35})
   * or restart ({@code S2 - 07}): the episode of that season whose absolute number is it, else the
   * one whose episode number is it. Never an episode of another season.
   */
  record InSeasonOrAbsolute(Integer seasonNumber, Integer number) implements EpisodeKey {
    public String kind() {
      return "season_or_absolute";
    }
  }

  /**
   * A season and a number read as within the season (an anime's {@code S2 - 07}), but some groups keep
   * counting from the earlier seasons with small numbers ({@code Komi-san S02 [22]}): the episode of
   * that season whose episode number is it, else the one whose absolute number is it.
   */
  record InSeasonThenAbsolute(Integer seasonNumber, Integer number) implements EpisodeKey {
    public String kind() {
      return "season_then_absolute";
    }
  }

  /** Every episode of a season (a season pack without episode numbers). */
  record WholeSeason(Integer seasonNumber) implements EpisodeKey {
    public String kind() {
      return "whole_season";
    }

    public Integer number() {
      return null;
    }
  }
}
