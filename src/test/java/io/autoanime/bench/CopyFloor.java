package io.autoanime.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import org.postgresql.PGConnection;

/**
 * The database's half of the floor: PostgreSQL's own fastest load ({@code COPY}) of the episode rows
 * a sync wrote, into an identical, empty, indexed table.
 */
final class CopyFloor {
  private static final String COLUMNS = """
      sonarr_episode_id, series_id, season_id, tvdb_id, season_number, episode_number,
      absolute_episode_number, title, overview, air_date, air_date_utc, runtime, has_file,
      monitored, episode_file_id, is_auto_download_enabled, auto_download_status""";

  private final Connection connection;
  private final byte[] rows;

  /** Reads the rows to load (not measured) and makes the empty table {@code bench_copy}. */
  CopyFloor(Connection connection) throws Exception {
    this.connection = connection;
    connection.createStatement().execute("DROP TABLE IF EXISTS bench_copy");
    connection.createStatement().execute("CREATE TABLE bench_copy (LIKE series_episodes INCLUDING ALL)");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    connection.unwrap(PGConnection.class).getCopyAPI()
        .copyOut("COPY (SELECT " + COLUMNS + " FROM series_episodes) TO STDOUT", out);
    this.rows = out.toByteArray();
  }

  /** The measured part: the COPY itself, committed (the connection is in auto-commit). Answers the rows copied. */
  long copy() throws Exception {
    return connection.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY bench_copy (" + COLUMNS + ") FROM STDIN", new ByteArrayInputStream(rows));
  }
}
