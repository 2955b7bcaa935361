package io.autoanime.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Whether the database already holds exactly the migrations this jar carries, as Flyway recorded
 * them (script and checksum, all successful): then a start needs no Flyway at all, which cost
 * about 0.3 s of CPU at every start (docs/cold-start.md). Anything else (a new migration, a failed
 * one, an edited one, a database Flyway never saw) is left to Flyway, which migrates and validates
 * as it always did.
 */
final class Migrations {
  static final String LOCATION = "db/migration";
  /** The scripts in {@code src/main/resources/db/migration}, oldest first (MigrationsTest keeps this list true). */
  static final List<String> SCRIPTS = List.of(
      "V1__library_schema.sql",
      "V2__sync_fingerprints.sql",
      "V3__library_read_indexes.sql",
      "V4__refuse_deletes_instead_of_episode_foreign_keys.sql",
      "V5__feeds_items_and_rules.sql",
      "V6__downloads.sql",
      "V7__feed_items_episode_index_without_pending_list.sql",
      "V8__downloads_cancelled_by.sql",
      "V9__feed_items_series_index.sql",
      "V10__sync_runs_running_index.sql",
      "V11__mark_children_of_removed_series.sql",
      "V12__downloads_not_over_index.sql");

  /** The version the last script brings the schema to. */
  static final String LATEST_VERSION = versionOf(SCRIPTS.get(SCRIPTS.size() - 1));

  private static final String APPLIED = """
      SELECT script, checksum, success
        FROM flyway_schema_history
       WHERE version IS NOT NULL
       ORDER BY installed_rank""";

  private Migrations() {}

  static String versionOf(String script) {
    return script.substring(1, script.indexOf("__"));
  }

  /** True when every bundled script, and nothing else, is applied as Flyway would check it; false on any doubt. */
  static Future<Boolean> allApplied(Vertx vertx, Pool pool) {
    return vertx.executeBlocking(Migrations::bundledChecksums)
        .compose(bundled -> pool.query(APPLIED).execute().map(rows -> {
          Map<String, Integer> applied = new LinkedHashMap<>();
          for (Row row : rows) {
            if (!row.getBoolean("success")) {
              return false;
            }
            applied.put(row.getString("script"), row.getInteger("checksum"));
          }
          return applied.equals(bundled);
        }))
        .otherwise(false); // no history table yet, or anything unexpected: Flyway decides
  }

  /** Each bundled script's checksum as Flyway computes it. */
  static Map<String, Integer> bundledChecksums() {
    Map<String, Integer> checksums = new LinkedHashMap<>();
    for (String script : SCRIPTS) {
      try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + "/" + script)) {
        if (in == null) {
          throw new IllegalStateException("the jar has no " + LOCATION + "/" + script);
        }
        checksums.put(script, checksum(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return checksums;
  }

  /**
   * Flyway's checksum of a SQL script: a CRC-32 of its lines in UTF-8, line breaks left out, a
   * leading byte order mark dropped.
   */
  static int checksum(InputStream script) throws IOException {
    CRC32 crc = new CRC32();
    BufferedReader lines = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8));
    boolean first = true;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (first && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      first = false;
      crc.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return (int) crc.getValue();
  }
}
