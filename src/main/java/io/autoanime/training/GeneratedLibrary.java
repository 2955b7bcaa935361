package io.autoanime.training;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Sonarr library of realistic shape, generated on demand so that the fake Sonarr holds none of it:
 * {@code seriesCount} series sharing {@code episodeCount} episodes, the first few over 1,000
 * episodes each, titles and overviews of real length. {@code revision} 1 changes 1% of the episodes
 * and adds 1% new ones. Serves the image build's training run ({@link TrainingRun}) and the benchmarks.
 */
public final class GeneratedLibrary {
  public static final int LONG_SERIES = 3;
  public static final int LONG_SERIES_EPISODES = 1_100;
  private static final String OVERVIEW = ("After the party of heroes defeated the Demon King, they restored peace to the land "
      + "and returned to lives of solitude. Generations pass, and the elven mage Frieren comes face to face with humans "
      + "who knew her predecessor. She sets out on a journey to learn what it means to understand people. ");

  private final int seriesCount;
  private final int episodeCount;
  private volatile int revision;

  public GeneratedLibrary(int seriesCount, int episodeCount) {
    this.seriesCount = seriesCount;
    this.episodeCount = episodeCount;
  }

  public void revision(int revision) {
    this.revision = revision;
  }

  public int seriesCount() {
    return seriesCount;
  }

  /** Episodes of one series (1-based id) at revision 0. */
  public int episodesOf(long seriesId) {
    int longTotal = Math.min(LONG_SERIES, seriesCount) * LONG_SERIES_EPISODES;
    if (seriesId <= LONG_SERIES && longTotal <= episodeCount) {
      return LONG_SERIES_EPISODES;
    }
    int rest = seriesCount - Math.min(LONG_SERIES, seriesCount);
    int remaining = Math.max(0, episodeCount - (longTotal <= episodeCount ? longTotal : 0));
    int base = rest == 0 ? 0 : remaining / rest;
    long index = seriesId - LONG_SERIES - 1;
    return base + (index < remaining - (long) base * rest ? 1 : 0);
  }

  /** New episodes revision 1 adds to a series: 1% of the library in all, spread one per series from the first. */
  public int addedTo(long seriesId) {
    if (revision == 0) {
      return 0;
    }
    int added = episodeCount / 100;
    return added / seriesCount + (seriesId <= added % seriesCount ? 1 : 0);
  }

  public JsonArray seriesList() {
    JsonArray list = new JsonArray();
    for (long id = 1; id <= seriesCount; id++) {
      list.add(series(id));
    }
    return list;
  }

  public JsonObject series(long id) {
    int episodes = episodesOf(id);
    int seasons = Math.max(1, Math.min(20, (episodes + 23) / 24));
    JsonArray seasonList = new JsonArray();
    for (int s = 0; s <= seasons; s++) {
      seasonList.add(new JsonObject().put("seasonNumber", s).put("monitored", s > 0)
          .put("statistics", new JsonObject().put("episodeFileCount", 0).put("episodeCount", 0)
              .put("totalEpisodeCount", s == 0 ? 0 : episodes / seasons).put("sizeOnDisk", 0L)));
    }
    return new JsonObject()
        .put("id", id).put("tvdbId", 400_000 + id).put("title", "Generated Show " + id)
        .put("sortTitle", "generated show " + id).put("status", id % 3 == 0 ? "ended" : "continuing")
        .put("seriesType", id % 2 == 0 ? "anime" : "standard").put("overview", OVERVIEW)
        .put("network", "Nippon TV").put("airTime", "23:00").put("year", 2000 + (int) (id % 25)).put("runtime", 24)
        .put("monitored", true).put("useSceneNumbering", false).put("path", "/tv/Generated Show " + id)
        .put("imdbId", "tt" + (1_000_000 + id)).put("tmdbId", 200_000 + id).put("tvMazeId", 0)
        .put("firstAired", "2023-09-29T00:00:00Z").put("added", "2026-01-31T21:37:29Z")
        .put("genres", new JsonArray().add("Adventure").add("Animation").add("Anime"))
        .put("statistics", new JsonObject().put("seasonCount", seasons).put("episodeFileCount", 0)
            .put("episodeCount", episodes).put("totalEpisodeCount", episodes).put("sizeOnDisk", 0L))
        .put("seasons", seasonList)
        .put("images", new JsonArray()
            .add(new JsonObject().put("coverType", "poster").put("url", "/MediaCover/" + id + "/poster.jpg")
                .put("remoteUrl", "https://artworks.thetvdb.com/banners/posters/" + id + ".jpg"))
            .add(new JsonObject().put("coverType", "fanart").put("url", "/MediaCover/" + id + "/fanart.jpg")
                .put("remoteUrl", "https://artworks.thetvdb.com/banners/fanart/" + id + ".jpg")))
        .put("alternateTitles", new JsonArray()
            .add(new JsonObject().put("title", "Show " + id + " Romaji").put("sceneSeasonNumber", -1)));
  }

  /** The episode list of one series, encoded, at the current revision. */
  public String episodesJson(long seriesId) {
    int count = episodesOf(seriesId);
    int total = count + addedTo(seriesId);
    int seasons = Math.max(1, Math.min(20, (count + 23) / 24));
    int perSeason = Math.max(1, (count + seasons - 1) / seasons);
    StringBuilder json = new StringBuilder(total * 700).append('[');
    for (int i = 0; i < total; i++) {
      long id = seriesId * 10_000 + i;
      boolean changed = revision > 0 && i < count && (seriesId * 7919 + i) % 100 == 7; // 1% of all episodes
      int season = i < count ? 1 + i / perSeason : seasons;
      int number = i < count ? 1 + i % perSeason : perSeason + 1 + (i - count);
      if (i > 0) {
        json.append(',');
      }
      json.append(new JsonObject()
          .put("seriesId", seriesId).put("tvdbId", 5_000_000 + id).put("episodeFileId", 0)
          .put("seasonNumber", season).put("episodeNumber", number).put("absoluteEpisodeNumber", i + 1)
          .put("title", "Episode " + number + (changed ? " (revised)" : "") + ": the journey continues")
          .put("airDate", "2024-03-22").put("airDateUtc", "2024-03-22T14:00:00Z").put("runtime", 24)
          .put("overview", OVERVIEW).put("hasFile", false).put("monitored", true)
          .put("unverifiedSceneNumbering", false).put("id", id)
          .encode());
    }
    return json.append(']').toString();
  }
}
