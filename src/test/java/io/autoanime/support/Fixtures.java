package io.autoanime.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real Sonarr payloads kept in src/test/resources/sonarr (see SOURCES.md there for
 * where each comes from and its licence), and small builders that derive test libraries from them.
 */
public final class Fixtures {
  /** Each file is read once per test JVM. */
  private static final Map<String, String> texts = new ConcurrentHashMap<>();

  private Fixtures() {}

  public static String text(String name) {
    return texts.computeIfAbsent(name, Fixtures::read);
  }

  private static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/sonarr/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject object(String name) {
    return new JsonObject(text(name));
  }

  public static JsonArray array(String name) {
    return new JsonArray(text(name));
  }

  /** The anime "Frieren" (v4 payload): seasons 0-2, alternate titles, four images. */
  public static JsonObject frieren() {
    return object("autoanime/series-single-frieren-v4.json");
  }

  /** A v3 anime series (id 340), no season 0. */
  public static JsonObject lastBossQueen() {
    return object("sonarr-animedownloader/serie.json");
  }

  /** Three real series (ids 2, 8 and one more) whose season numbers are years. */
  public static JsonArray youtubeSeriesList() {
    return array("sonarrtube/series-list-youtube-v4-ea5c0ef.json");
  }

  /** The first of {@link #youtubeEpisodes()}, read once. */
  private static final JsonObject EPISODE_TEMPLATE = youtubeEpisodes().getJsonObject(0);

  /** 384 real episodes, all with seriesId 8. */
  public static JsonArray youtubeEpisodes() {
    return array("sonarrtube/episode-list-series8-youtube-241kb.json");
  }

  /** Episodes in the real shape, made for a series from a real template: ids from {@code firstId}. */
  public static JsonArray episodesFor(long seriesId, long firstId, int seasonCount, int perSeason) {
    JsonObject template = EPISODE_TEMPLATE.copy();
    JsonArray list = new JsonArray();
    long id = firstId;
    for (int season = 1; season <= seasonCount; season++) {
      for (int number = 1; number <= perSeason; number++) {
        list.add(template.copy()
            .put("id", id)
            .put("seriesId", seriesId)
            .put("tvdbId", 9_000_000 + id)
            .put("seasonNumber", season)
            .put("episodeNumber", number)
            .put("absoluteEpisodeNumber", (season - 1) * perSeason + number)
            .put("title", "Episode " + number + " of season " + season));
        id++;
      }
    }
    return list;
  }

  /** A copy of a real series under another id and tvdb id, with seasons 0..seasonCount. */
  public static JsonObject seriesLike(JsonObject template, long id, long tvdbId, String title, int seasonCount) {
    JsonObject copy = template.copy().put("id", id).put("tvdbId", tvdbId).put("title", title)
        .put("sortTitle", title.toLowerCase());
    JsonArray seasons = new JsonArray();
    for (int season = 0; season <= seasonCount; season++) {
      seasons.add(new JsonObject().put("seasonNumber", season).put("monitored", season > 0)
          .put("statistics", new JsonObject().put("episodeCount", 0).put("totalEpisodeCount", 3).put("sizeOnDisk", 0)));
    }
    return copy.put("seasons", seasons);
  }
}
