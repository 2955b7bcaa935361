package io.autoanime.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A small library of real series payloads loaded into a {@link FakeSonarr}. */
public final class TestLibrary {
  public static final long FRIEREN = 1;
  public static final long TESTED = 8;
  public static final long AERIAL_AFRICA = 9;
  public static final long LAST_BOSS_QUEEN = 340;

  private TestLibrary() {}

  /**
   * Frieren (seasons 0-2: one special and 4 + 4 episodes), "Adam Savage's Tested" with its 384 real
   * episodes (season numbers are years), "Aerial Africa" (3 episodes) and a v3 anime (6 episodes).
   */
  public static FakeSonarr loadStandard(FakeSonarr sonarr) {
    JsonArray frierenEpisodes = Fixtures.episodesFor(FRIEREN, 1_000_001, 2, 4);
    frierenEpisodes.add(frierenEpisodes.getJsonObject(0).copy().put("id", 1_000_100).put("tvdbId", 9_100_100)
        .put("seasonNumber", 0).put("episodeNumber", 1).put("title", "Special"));
    JsonObject tested = Fixtures.youtubeSeriesList().getJsonObject(1);
    JsonObject africa = Fixtures.youtubeSeriesList().getJsonObject(2);
    return sonarr
        .put(Fixtures.frieren(), frierenEpisodes)
        .put(tested, Fixtures.youtubeEpisodes())
        .put(africa, Fixtures.episodesFor(AERIAL_AFRICA, 2_000_001, 1, 3))
        .put(Fixtures.lastBossQueen(), Fixtures.episodesFor(LAST_BOSS_QUEEN, 3_000_001, 1, 6));
  }

  /**
   * Adds {@code count} series made from a real anime payload ("Generated series N", Sonarr ids
   * from {@code firstId}, two episodes each) after those already there.
   */
  public static FakeSonarr addGenerated(FakeSonarr sonarr, long firstId, int count) {
    for (long id = firstId; id < firstId + count; id++) {
      sonarr.put(Fixtures.seriesLike(Fixtures.lastBossQueen(), id, 8_000_000 + id, "Generated series " + id, 1)
              .put("alternateTitles", new JsonArray()),
          Fixtures.episodesFor(id, 10_000_000 + id * 10, 1, 2));
    }
    return sonarr;
  }

  public static final int STANDARD_SERIES = 4;
  public static final int STANDARD_EPISODES = 9 + 384 + 3 + 6;
}
