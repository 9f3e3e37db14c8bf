package org.rec4j.serve.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Throw-away schemas on the PostgreSQL server named by {@code REC4J_PG_URL}, for tests and the
 * benchmark.
 */
final class PostgresSchemas {
  static final String ENV = "REC4J_PG_URL";
  private static String unavailable =
      ENV + " is not set; run eval \"$(.ci/postgres)\" to test PostgreSQL";

  private PostgresSchemas() {}

  /**
   * {@code REC4J_PG_URL} if set and a connection succeeds, else null (and {@link #whyUnavailable}
   * says why).
   */
  static String reachableUrl() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) return null;
    try (Connection c = DriverManager.getConnection(url)) {
      if (c.isValid(5)) return url;
      unavailable = ENV + "=" + JdbcEventStore.redact(url) + " connects but does not answer";
      return null;
    } catch (SQLException e) {
      unavailable = ENV + "=" + JdbcEventStore.redact(url) + " is not reachable: " + e.getMessage();
      return null;
    }
  }

  static String whyUnavailable() {
    return unavailable;
  }

  /** Creates an empty schema with a random name and returns the name. */
  static String create(String url) {
    String schema = "rec4j_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, "CREATE SCHEMA " + schema);
    return schema;
  }

  /** {@code url} with {@code schema} as the only schema on its search path. */
  static String urlFor(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static void drop(String url, String schema) {
    execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          sql + " failed on " + JdbcEventStore.redact(url) + ": " + e.getMessage(), e);
    }
  }
}
