package io.autoanime.sync;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The PostgreSQL type of a synced column, and how one array of its values is bound as a statement
 * parameter (as {@code $n::type[]}, unnested into rows).
 */
record ColumnType<V>(String sqlName, IntFunction<V[]> newArray, BiFunction<Tuple, V[], Tuple> addArray) {
  static final ColumnType<Long> BIGINT = new ColumnType<>("bigint", Long[]::new, Tuple::addArrayOfLong);
  static final ColumnType<Integer> INTEGER = new ColumnType<>("integer", Integer[]::new, Tuple::addArrayOfInteger);
  static final ColumnType<Boolean> BOOLEAN = new ColumnType<>("boolean", Boolean[]::new, Tuple::addArrayOfBoolean);
  static final ColumnType<String> TEXT = new ColumnType<>("text", String[]::new, Tuple::addArrayOfString);
  static final ColumnType<LocalDate> DATE = new ColumnType<>("date", LocalDate[]::new, Tuple::addArrayOfLocalDate);
  static final ColumnType<OffsetDateTime> TIMESTAMPTZ =
      new ColumnType<>("timestamptz", OffsetDateTime[]::new, Tuple::addArrayOfOffsetDateTime);
  static final ColumnType<JsonArray> JSONB = new ColumnType<>("jsonb", JsonArray[]::new, Tuple::addArrayOfJsonArray);
}
