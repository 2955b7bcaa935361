package io.autoanime.matching;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads every title of the series Sonarr still lists, in one statement. */
final class LibraryTitlesQuery {
  static final String TITLES = """
      SELECT s.id, s.title AS series_title, s.series_type, s.title, NULL::integer AS scene_season_number
        FROM series s
       WHERE s.sonarr_id IS NOT NULL AND s.removed_from_sonarr_at IS NULL
      UNION ALL
      SELECT s.id, s.title, s.series_type, t.title, NULLIF(t.scene_season_number, -1)
        FROM series_alternate_titles t
        JOIN series s ON s.id = t.series_id
       WHERE s.sonarr_id IS NOT NULL AND s.removed_from_sonarr_at IS NULL AND t.removed_from_sonarr_at IS NULL""";

  private LibraryTitlesQuery() {}

  static Future<LibraryTitles> load(SqlClient client) {
    return client.query(TITLES).execute().map(rows -> {
      Map<Long, LibraryTitles.Series> series = new HashMap<>();
      List<LibraryTitles.Title> titles = new ArrayList<>(rows.size());
      for (Row row : rows) {
        LibraryTitles.Series owner = series.computeIfAbsent(row.getLong(0), id -> new LibraryTitles.Series(id,
            row.getString("series_title"), "anime".equalsIgnoreCase(row.getString("series_type"))));
        titles.add(new LibraryTitles.Title(owner, row.getString(3), row.getInteger("scene_season_number")));
      }
      return LibraryTitles.of(titles);
    });
  }
}
