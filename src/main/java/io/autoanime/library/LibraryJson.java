package io.autoanime.library;

import io.autoanime.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;

/**
 * Turns rows of {@link LibraryQueries} into the API's camelCase JSON (docs/api.md).
 * Every field is always present, null when unknown. Timestamps are ISO-8601 instants in UTC,
 * dates are ISO-8601 dates.
 */
final class LibraryJson {
  private LibraryJson() {}

  /** The contract's series list item. */
  static JsonObject seriesSummary(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("sonarrId", row.getLong("sonarr_id"))
        .put("tvdbId", row.getLong("tvdb_id"))
        .put("title", row.getString("title"))
        .put("sortTitle", row.getString("sort_title"))
        .put("status", row.getString("status"))
        .put("seriesType", row.getString("series_type"))
        .put("monitored", row.getBoolean("monitored"))
        .put("year", row.getInteger("year"))
        .put("network", row.getString("network"))
        .put("posterUrl", row.getString("poster_url"))
        .put("seasonCount", row.getInteger("season_count"))
        .put("episodeCount", row.getInteger("episode_count"))
        .put("episodeFileCount", row.getInteger("episode_file_count"))
        .put("totalEpisodeCount", row.getInteger("total_episode_count"))
        .put("isAutoDownloadEnabled", row.getBoolean("is_auto_download_enabled"))
        .put("autoDownloadStatus", row.getString("auto_download_status"))
        .put("autoDownload", counters(row))
        .put("removedFromSonarrAt", Rows.instant(row, "removed_from_sonarr_at"))
        .put("lastSyncedAt", Rows.instant(row, "last_synced_at"));
  }

  /** The list item with {@code alternateTitleNames}: the distinct alternate titles, for searching. */
  static JsonObject seriesSummaryWithAlternateTitles(Row row) {
    String[] titles = row.getArrayOfStrings("alternate_title_names");
    return seriesSummary(row).put("alternateTitleNames", new JsonArray(java.util.Arrays.asList(titles)));
  }

  /** The list item plus the rest of the series' own fields (images, titles and seasons are added by the reader). */
  static JsonObject seriesDetail(Row row) {
    Object genres = row.getValue("genres");
    return seriesSummary(row)
        .put("overview", row.getString("overview"))
        .put("airTime", row.getString("air_time"))
        .put("certification", row.getString("certification"))
        .put("runtime", row.getInteger("runtime"))
        .put("useSceneNumbering", row.getBoolean("use_scene_numbering"))
        .put("path", row.getString("path"))
        .put("imdbId", row.getString("imdb_id"))
        .put("tmdbId", row.getLong("tmdb_id"))
        .put("tvMazeId", row.getLong("tv_maze_id"))
        .put("firstAired", Rows.instant(row, "first_aired"))
        .put("addedToSonarrAt", Rows.instant(row, "added_to_sonarr_at"))
        .put("genres", genres instanceof JsonArray array ? array : new JsonArray())
        .put("sizeOnDisk", row.getLong("size_on_disk"))
        .put("createdAt", Rows.instant(row, "created_at"))
        .put("updatedAt", Rows.instant(row, "updated_at"));
  }

  static JsonObject image(Row row) {
    return new JsonObject()
        .put("coverType", row.getString("cover_type"))
        .put("url", row.getString("url"))
        .put("remoteUrl", row.getString("remote_url"))
        .put("removedFromSonarrAt", Rows.instant(row, "removed_from_sonarr_at"));
  }

  static JsonObject alternateTitle(Row row) {
    return new JsonObject()
        .put("title", row.getString("title"))
        .put("sceneSeasonNumber", row.getInteger("scene_season_number"))
        .put("seasonNumber", row.getInteger("season_number"))
        .put("sceneOrigin", row.getString("scene_origin"))
        .put("comment", row.getString("comment"))
        .put("removedFromSonarrAt", Rows.instant(row, "removed_from_sonarr_at"));
  }

  static JsonObject season(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("seriesId", row.getLong("series_id"))
        .put("seasonNumber", row.getInteger("season_number"))
        .put("monitored", row.getBoolean("monitored"))
        .put("episodeCount", row.getInteger("episode_count"))
        .put("episodeFileCount", row.getInteger("episode_file_count"))
        .put("totalEpisodeCount", row.getInteger("total_episode_count"))
        .put("sizeOnDisk", row.getLong("size_on_disk"))
        .put("isAutoDownloadEnabled", row.getBoolean("is_auto_download_enabled"))
        .put("autoDownloadStatus", row.getString("auto_download_status"))
        .put("autoDownload", counters(row))
        .put("removedFromSonarrAt", Rows.instant(row, "removed_from_sonarr_at"))
        .put("createdAt", Rows.instant(row, "created_at"))
        .put("updatedAt", Rows.instant(row, "updated_at"));
  }

  /** The contract's episode object. */
  static JsonObject episode(Row row) {
    LocalDate airDate = row.getLocalDate("air_date");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("sonarrEpisodeId", row.getLong("sonarr_episode_id"))
        .put("seriesId", row.getLong("series_id"))
        .put("seasonId", row.getLong("season_id"))
        .put("seasonNumber", row.getInteger("season_number"))
        .put("episodeNumber", row.getInteger("episode_number"))
        .put("absoluteEpisodeNumber", row.getInteger("absolute_episode_number"))
        .put("title", row.getString("title"))
        .put("overview", row.getString("overview"))
        .put("airDate", airDate == null ? null : airDate.toString())
        .put("airDateUtc", Rows.instant(row, "air_date_utc"))
        .put("runtime", row.getInteger("runtime"))
        .put("hasFile", row.getBoolean("has_file"))
        .put("monitored", row.getBoolean("monitored"))
        .put("isAutoDownloadEnabled", row.getBoolean("is_auto_download_enabled"))
        .put("autoDownloadStatus", row.getString("auto_download_status"))
        .put("downloadedAt", Rows.instant(row, "downloaded_at"))
        .put("removedFromSonarrAt", Rows.instant(row, "removed_from_sonarr_at"))
        .put("createdAt", Rows.instant(row, "created_at"))
        .put("updatedAt", Rows.instant(row, "updated_at"));
  }

  private static JsonObject counters(Row row) {
    return new JsonObject()
        .put("enabled", row.getLong("ad_enabled"))
        .put("pending", row.getLong("ad_pending"))
        .put("downloading", row.getLong("ad_downloading"))
        .put("downloaded", row.getLong("ad_downloaded"))
        .put("failed", row.getLong("ad_failed"));
  }
}
