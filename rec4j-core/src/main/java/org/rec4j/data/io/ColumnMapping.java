package org.rec4j.data.io;

import java.util.List;
import java.util.Objects;

/**
 * Which columns of a CSV/TSV file hold what. Each reference is a header name (when the file has a
 * header) or a 0-based column number; {@code null} means absent (no rating column: values are 1; no
 * timestamp column: none).
 *
 * @param user user id column (required)
 * @param item item id column (required)
 * @param rating rating column or null
 * @param timestamp timestamp column (integer epoch seconds) or null
 * @param context categorical context columns, stored as interaction context codes
 */
public record ColumnMapping(
    String user, String item, String rating, String timestamp, List<String> context) {

  /** Validates the required columns and copies the context list. */
  public ColumnMapping {
    Objects.requireNonNull(user, "user column");
    Objects.requireNonNull(item, "item column");
    context = List.copyOf(context);
  }

  /** Columns 0, 1, 2, 3 = user, item, rating, timestamp. */
  public static ColumnMapping positional() {
    return new ColumnMapping("0", "1", "2", "3", List.of());
  }

  /** Columns 0, 1 = user, item (implicit feedback). */
  public static ColumnMapping implicit() {
    return new ColumnMapping("0", "1", null, null, List.of());
  }
}
