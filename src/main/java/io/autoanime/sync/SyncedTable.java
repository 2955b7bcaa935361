package io.autoanime.sync;

import io.autoanime.library.UserColumns;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One table as the sync writes it: each synced column declared once, with its name, its SQL type and
 * the value it takes from a row ({@code R}: a series, or a {@link ChildRow}). Every statement and
 * every parameter list comes from these declarations, so the column lists cannot drift apart and no
 * two values can be bound in each other's place:
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
 * Rows of a series created in the same transaction go through the same statement without the filter
 * and without {@code RETURNING} ({@link #upsertOfNewRowsSql}).
 *
 * <p>{@code OFFSET 0} keeps that filter a look-up of each incoming row by its key. Without it the
 * planner may turn it into a join; while an initial sync fills an empty table faster than statistics
 * follow, it chose hash joins that read the whole table once per statement (a quarter of the
 * database's work on a large initial sync; README, "Performance").
 *
 * <p>A child table (owned by a series row) also gets its tombstone statement: rows of the written
 * series whose key Sonarr no longer lists are marked removed, never deleted.
 *
 * <p>Insert-only columns (the inherited auto-download settings of a new row) are the only place a
 * user column may appear, and the declaration refuses a synced column that is a user column.
 */
final class SyncedTable<R> {
  /** A column bound as one array parameter: one value per row, unnested. */
  record Column<R, V>(String name, ColumnType<V> type, Function<R, V> value) {
    Tuple addValues(Tuple tuple, List<R> rows) {
      V[] values = type.newArray().apply(rows.size());
      for (int i = 0; i < values.length; i++) {
        values[i] = value.apply(rows.get(i));
      }
      return type.addArray().apply(tuple, values);
    }
  }

  private final String table;
  /** Column name -> SELECT expression, in the order written into the INSERT. */
  private final Map<String, String> columns = new LinkedHashMap<>();
  /** The bound columns, in parameter order. */
  private final List<Column<R, ?>> unnested = new ArrayList<>();
  private final List<String> joins = new ArrayList<>();
  private final List<String> conflictKey = new ArrayList<>();
  private final Map<String, String> insertOnly = new LinkedHashMap<>();
  /** The statements already built from the declarations, by name; declaring anything more clears them. */
  private final Map<String, String> statements = new ConcurrentHashMap<>();
  /** The column naming the series row each row belongs to (child tables), or null. */
  private String owner;
  /** A column returned beside {@code inserted}, or null. */
  private String returnedColumn;

  private SyncedTable(String table) {
    this.table = table;
  }

  static <R> SyncedTable<R> named(String table) {
    return new SyncedTable<>(table);
  }

  /** An independent copy, to declare more on (a test's extra column, say). */
  SyncedTable<R> copy() {
    SyncedTable<R> copy = new SyncedTable<>(table);
    copy.columns.putAll(columns);
    copy.unnested.addAll(unnested);
    copy.joins.addAll(joins);
    copy.conflictKey.addAll(conflictKey);
    copy.insertOnly.putAll(insertOnly);
    copy.owner = owner;
    copy.returnedColumn = returnedColumn;
    return copy;
  }

  /** A column with one value per row: bound as an array of {@code type} and unnested. */
  <V> SyncedTable<R> column(String column, ColumnType<V> type, Function<R, V> value) {
    statements.clear();
    columns.put(checked(column), "u." + column);
    unnested.add(new Column<>(column, type, value));
    return this;
  }

  /** A synced column computed in SQL from the other inputs (e.g. a looked-up parent id). */
  SyncedTable<R> computed(String column, String expression) {
    statements.clear();
    columns.put(checked(column), expression);
    return this;
  }

  SyncedTable<R> join(String joinClause) {
    statements.clear();
    joins.add(joinClause);
    return this;
  }

  SyncedTable<R> conflictOn(String... key) {
    statements.clear();
    for (String column : key) {
      if (unnestedColumn(column) == null) {
        throw new IllegalArgumentException(table + "." + column + ": a key column must be a declared column");
      }
      conflictKey.add(column);
    }
    return this;
  }

  /** The column naming the series row that owns each row: the table gets a tombstone statement. */
  SyncedTable<R> ownedBy(String column) {
    Column<R, ?> declared = unnestedColumn(column);
    if (declared == null || declared.type() != ColumnType.BIGINT) {
      throw new IllegalArgumentException(table + "." + column + ": the owner must be a declared bigint column");
    }
    statements.clear();
    owner = column;
    return this;
  }

  /** A column to return beside {@code inserted} for each written row (to tell whose row it was). */
  SyncedTable<R> returning(String column) {
    statements.clear();
    returnedColumn = column;
    return this;
  }

  /** A value written when the row is created and never by the sync again (inherited settings). */
  SyncedTable<R> insertOnly(String column, String expression) {
    statements.clear();
    insertOnly.put(column, expression);
    return this;
  }

  /** The columns the sync keeps in step with Sonarr (everything but the conflict key). */
  List<String> syncedColumns() {
    return columns.keySet().stream().filter(c -> !conflictKey.contains(c)).toList();
  }

  /** The SQL types of the upsert's parameters, in order. */
  List<String> parameterTypes() {
    return unnested.stream().map(c -> c.type().sqlName()).toList();
  }

  /** The upsert's parameters: one array per declared column, each holding that column's value of every row. */
  Tuple upsertParameters(List<R> rows) {
    Tuple tuple = Tuple.tuple();
    unnested.forEach(column -> column.addValues(tuple, rows));
    return tuple;
  }

  String upsertSql() {
    return built("upsert", this::buildUpsertSql);
  }

  private String buildUpsertSql() {
    String sameKey = conflictKey.stream().map(c -> "current." + c + " = " + columns.get(c))
        .collect(Collectors.joining(" AND "));
    String currentValues = syncedColumns().stream().map(c -> "current." + c).collect(Collectors.joining(", "));
    String incomingValues = syncedColumns().stream().map(columns::get).collect(Collectors.joining(", "));

    return insertFromUnnest()
        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " current\n"
        + "                    WHERE " + sameKey + "\n"
        + "                      AND current.removed_from_sonarr_at IS NULL\n"
        + "                      AND (" + currentValues + ")\n"
        + "                          IS NOT DISTINCT FROM (" + incomingValues + ")\n"
        + "                   OFFSET 0)\n"
        + guardedConflictClause()
        + "RETURNING (xmax = 0) AS inserted" + (returnedColumn == null ? "" : ", t." + returnedColumn);
  }

  /**
   * The upsert for the rows of series created in the same transaction, which nothing stored can
   * equal or conflict with (a reused key was detached first): without the filter of unchanged rows
   * and without {@code RETURNING}, as each row is known to be inserted. The conflict clause and its
   * guard stay, so even a row that did conflict would be written as by {@link #upsertSql}. It costs
   * the database about 15% less than the full upsert (docs/cold-start.md). Parameters:
   * {@link #upsertParameters}.
   */
  String upsertOfNewRowsSql() {
    return built("upsertOfNewRows", () -> insertFromUnnest() + guardedConflictClause());
  }

  /**
   * A statement built once (the sync asks for each several times per group of series). Not
   * {@code computeIfAbsent}: one statement is built from another (the counted upsert wraps the upsert),
   * and the map refuses an update made from inside its own computation.
   */
  private String built(String statement, Supplier<String> build) {
    String sql = statements.get(statement);
    if (sql == null) {
      sql = build.get();
      statements.put(statement, sql);
    }
    return sql;
  }

  /** {@code ON CONFLICT (key) DO UPDATE SET synced..., WHERE (stored) IS DISTINCT FROM (incoming)}. */
  private String guardedConflictClause() {
    List<String> synced = syncedColumns();
    String setList = synced.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(",\n    "));
    String current = synced.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
    String incoming = synced.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));
    return "ON CONFLICT (" + String.join(", ", conflictKey) + ") DO UPDATE SET\n    "
        + setList + ",\n    removed_from_sonarr_at = NULL,\n    updated_at = now()\n"
        + "WHERE (" + current + ", t.removed_from_sonarr_at)\n"
        + "      IS DISTINCT FROM (" + incoming + ", NULL)\n";
  }

  /** {@code INSERT INTO t (...) SELECT ... FROM UNNEST(...) [joins]}: the rows as bound, with their looked-up parents. */
  private String insertFromUnnest() {
    List<String> insertColumns = new ArrayList<>(columns.keySet());
    insertColumns.addAll(insertOnly.keySet());
    List<String> selectExpressions = new ArrayList<>(columns.values());
    selectExpressions.addAll(insertOnly.values());
    List<String> unnestArguments = new ArrayList<>();
    int parameter = 0;
    for (Column<R, ?> column : unnested) {
      unnestArguments.add("$" + (++parameter) + "::" + column.type().sqlName() + "[]");
    }
    return "INSERT INTO " + table + " AS t (" + String.join(", ", insertColumns) + ")\n"
        + "SELECT " + String.join(", ", selectExpressions) + "\n"
        + "  FROM UNNEST(" + String.join(", ", unnestArguments) + ") AS u("
        + unnested.stream().map(Column::name).collect(Collectors.joining(", ")) + ")\n"
        + joins.stream().map(j -> "  " + j + "\n").collect(Collectors.joining());
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
    return built("upsertCountedPerSeries", () -> "WITH written AS (\n" + upsertSql() + "\n)\n"
        + "SELECT series_id, count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated\n"
        + "  FROM written\n"
        + " GROUP BY series_id");
  }

  /**
   * The tombstones of a child table: rows of the given series whose key is not among the listed
   * keys are marked removed (a row that lost its key, detached from Sonarr, is left as it is).
   * Parameters: {@link #markAbsentParameters}. Answers the owner of each row marked.
   */
  String markAbsentSql() {
    if (owner == null) {
      throw new IllegalStateException(table + " has no owner column: its rows are not marked by series");
    }
    return built("markAbsent", this::buildMarkAbsentSql);
  }

  private String buildMarkAbsentSql() {
    List<String> key = conflictKey;
    StringBuilder arrays = new StringBuilder();
    int parameter = 1;
    for (String column : key) {
      arrays.append(arrays.isEmpty() ? "" : ", ").append("$").append(++parameter).append("::")
          .append(unnestedColumn(column).type().sqlName()).append("[]");
    }
    String keyPresent = key.stream().filter(c -> !c.equals(owner)).map(c -> "\n   AND t." + c + " IS NOT NULL")
        .collect(Collectors.joining());
    String sameKey = key.stream().map(c -> "listed." + c + " = t." + c).collect(Collectors.joining(" AND "));
    return "UPDATE " + table + " t\n"
        + "   SET removed_from_sonarr_at = now(), updated_at = now()\n"
        + " WHERE t." + owner + " = ANY($1::bigint[]) AND t.removed_from_sonarr_at IS NULL"
        + keyPresent + "\n"
        + "   AND NOT EXISTS (SELECT 1 FROM UNNEST(" + arrays + ") AS listed(" + String.join(", ", key) + ")\n"
        + "                    WHERE " + sameKey + ")\n"
        + "RETURNING t." + owner;
  }

  /** $1 the owners whose rows are checked; then the key of every row Sonarr lists for them, one array per key column. */
  Tuple markAbsentParameters(Long[] owners, List<R> listed) {
    Tuple tuple = Tuple.tuple().addArrayOfLong(owners);
    for (String column : conflictKey) {
      unnestedColumn(column).addValues(tuple, listed);
    }
    return tuple;
  }

  private Column<R, ?> unnestedColumn(String name) {
    return unnested.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private String checked(String column) {
    if (UserColumns.isUserColumn(column)) {
      throw new IllegalArgumentException(column + " is a user column: a sync must never write it");
    }
    if (columns.containsKey(column)) {
      throw new IllegalArgumentException(table + "." + column + " is declared twice");
    }
    return column;
  }
}
