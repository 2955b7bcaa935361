package io.autoanime.sync;

import io.autoanime.library.UserColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds one table's guarded upsert from its synced columns, so that the INSERT column list, the
 * {@code SET} list and the change guard cannot drift apart:
 *
 * <pre>
 * INSERT INTO t AS t (key..., synced..., insert-only...)
 * SELECT ... FROM UNNEST($n::type[], ...) AS u(...) [joins]
 *  WHERE NOT EXISTS (the same row, with the same synced values, not marked removed OFFSET 0)
 * ON CONFLICT (key...) DO UPDATE SET synced = EXCLUDED.synced, ..., removed_from_sonarr_at = NULL, updated_at = now()
 * WHERE (t.synced..., t.removed_from_sonarr_at) IS DISTINCT FROM (EXCLUDED.synced..., NULL)
 * RETURNING (xmax = 0) AS inserted [, t.column]
 * </pre>
 *
 * An unchanged row is filtered out before the insert: it is not even locked, so it costs no write and
 * no WAL. The {@code IS DISTINCT FROM} guard repeats the check for a row that changed in between.
 *
 * <p>{@code OFFSET 0} keeps that filter a look-up of each incoming row by its key. Without it the
 * planner may turn it into a join; while an initial sync fills an empty table faster than statistics
 * follow, it chose hash joins that read the whole table once per statement (a quarter of the
 * database's work on a large initial sync; README, "Performance").
 *
 * <p>Insert-only columns (the inherited auto-download settings of a new row) are the only place a
 * user column may appear, and the builder refuses a synced column that is a user column.
 */
final class SyncedTable {
  private final String table;
  private final List<String> conflictKey = new ArrayList<>();
  /** column name -> SELECT expression. Ordered as written into the INSERT. */
  private final Map<String, String> columns = new LinkedHashMap<>();
  /** Unnested input columns: name -> PostgreSQL element type. */
  private final Map<String, String> unnested = new LinkedHashMap<>();
  private final Map<String, String> insertOnly = new LinkedHashMap<>();
  private final List<String> joins = new ArrayList<>();
  /** A column returned beside {@code inserted}, or null. */
  private String returnedColumn;

  private SyncedTable(String table) {
    this.table = table;
  }

  static SyncedTable named(String table) {
    return new SyncedTable(table);
  }

  /** A column with one value per row, bound as an array and unnested. */
  SyncedTable unnest(String column, String type) {
    unnested.put(checked(column), type);
    columns.put(column, "u." + column);
    return this;
  }

  /** A synced column computed in SQL from the other inputs (e.g. a looked-up parent id). */
  SyncedTable computed(String column, String expression) {
    columns.put(checked(column), expression);
    return this;
  }

  SyncedTable join(String joinClause) {
    joins.add(joinClause);
    return this;
  }

  SyncedTable conflictOn(String... key) {
    conflictKey.addAll(List.of(key));
    return this;
  }

  /** A column to return beside {@code inserted} for each written row (to tell whose row it was). */
  SyncedTable returning(String column) {
    returnedColumn = column;
    return this;
  }

  /** A value written when the row is created and never by the sync again (inherited settings). */
  SyncedTable insertOnly(String column, String expression) {
    insertOnly.put(column, expression);
    return this;
  }

  /** The columns the sync keeps in step with Sonarr (everything but the conflict key). */
  List<String> syncedColumns() {
    return columns.keySet().stream().filter(c -> !conflictKey.contains(c)).toList();
  }

  String upsertSql() {
    List<String> insertColumns = new ArrayList<>(columns.keySet());
    insertColumns.addAll(insertOnly.keySet());
    List<String> selectExpressions = new ArrayList<>(columns.values());
    selectExpressions.addAll(insertOnly.values());

    List<String> unnestArguments = new ArrayList<>();
    int parameter = 0;
    for (String type : unnested.values()) {
      unnestArguments.add("$" + (++parameter) + "::" + type + "[]");
    }
    List<String> synced = syncedColumns();
    String setList = synced.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(",\n    "));
    String current = synced.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
    String incoming = synced.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));

    String sameKey = conflictKey.stream().map(c -> "current." + c + " = " + columns.get(c))
        .collect(Collectors.joining(" AND "));
    String currentValues = synced.stream().map(c -> "current." + c).collect(Collectors.joining(", "));
    String incomingValues = synced.stream().map(columns::get).collect(Collectors.joining(", "));

    return "INSERT INTO " + table + " AS t (" + String.join(", ", insertColumns) + ")\n"
        + "SELECT " + String.join(", ", selectExpressions) + "\n"
        + "  FROM UNNEST(" + String.join(", ", unnestArguments) + ") AS u(" + String.join(", ", unnested.keySet()) + ")\n"
        + joins.stream().map(j -> "  " + j + "\n").collect(Collectors.joining())
        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " current\n"
        + "                    WHERE " + sameKey + "\n"
        + "                      AND current.removed_from_sonarr_at IS NULL\n"
        + "                      AND (" + currentValues + ")\n"
        + "                          IS NOT DISTINCT FROM (" + incomingValues + ")\n"
        + "                   OFFSET 0)\n"
        + "ON CONFLICT (" + String.join(", ", conflictKey) + ") DO UPDATE SET\n    "
        + setList + ",\n    removed_from_sonarr_at = NULL,\n    updated_at = now()\n"
        + "WHERE (" + current + ", t.removed_from_sonarr_at)\n"
        + "      IS DISTINCT FROM (" + incoming + ", NULL)\n"
        + "RETURNING (xmax = 0) AS inserted" + (returnedColumn == null ? "" : ", t." + returnedColumn);
  }

  /**
   * The upsert, answering one row per series instead of one per written row: {@code series_id},
   * {@code inserted} and {@code updated} counts. For the episodes, whose written rows would otherwise
   * all travel back to the service only to be counted.
   */
  String upsertCountedPerSeriesSql() {
    if (!"series_id".equals(returnedColumn)) {
      throw new IllegalStateException(table + " does not return series_id");
    }
    return "WITH written AS (\n" + upsertSql() + "\n)\n"
        + "SELECT series_id, count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated\n"
        + "  FROM written\n"
        + " GROUP BY series_id";
  }

  private static String checked(String column) {
    if (UserColumns.isUserColumn(column)) {
      throw new IllegalArgumentException(column + " is a user column: a sync must never write it");
    }
    return column;
  }
}
