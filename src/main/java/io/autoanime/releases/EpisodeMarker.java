package io.autoanime.releases;

import java.math.BigDecimal;
import java.util.List;

/**
 * One place in a title that gives episode numbers.
 *
 * @param rule the rule that found it; a lower ordinal wins
 * @param start where it starts in the title (the name of the show ends before it)
 * @param season the season of an "S02E05" or "2x05" marker, else null
 * @param special found with a special's keyword ("OVA01", "[OAD01]", "SP03")
 */
record EpisodeMarker(Rule rule, int start, int end, List<BigDecimal> numbers, Integer season, boolean special) {

  /** In order of trust: the first rule that finds a marker gives the episode. */
  enum Rule {
    /** "S02E05", "S01E01-02", "10x14". */
    SEASON_EPISODE,
    /** "OVA01", "OAD 02", "SP03", "PV2". */
    SPECIAL,
    /** "第05話", "第05集", "全24话". */
    CHINESE,
    /** "Episode 5", "Ep01-12", "EP14", "E195", "#957". */
    KEYWORD,
    /** "Title - 05", "Title - 01-12", "Title - 01 ~ 10", "Title - 12.5". */
    DASH,
    /** "[05]", "[01-12合集]", "[04v2]", "(01-25)", "{01}", "[06 of 12]". */
    BRACKET,
    /** "One Piece 214", "Title 01-05", "Fate Zero-01": a number at the end of the free text. */
    BARE
  }

  /** "2019": a year, read as an episode only when nothing else is. */
  boolean yearLike() {
    if (numbers.size() != 1) {
      return false;
    }
    BigDecimal n = numbers.get(0);
    return n.scale() == 0 && n.intValue() >= 1950 && n.intValue() <= 2099;
  }
}
