package io.autoanime.db;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** Column values as the API writes them. */
public final class Rows {
  private Rows() {}

  /** A {@code timestamptz} column as an ISO-8601 instant in UTC, or null. */
  public static String instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant().toString();
  }
}
