package org.rec4j.serve.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;

/**
 * The event schema as an ordered list of migrations, applied on open inside one transaction. Table
 * {@code schema_version} has one row per applied migration; the database's version is the largest.
 * A released migration is never edited: a change to the schema is a new migration at the end of
 * {@link #ALL}.
 *
 * <pre>
 * v1  events(id, user_id, item_id, type, value, ts) and index events_user_ts (user_id, ts)
 * v2  partial index events_user_item_seen (user_id, item_id) WHERE type &lt;&gt; 'IMPRESSION'
 * </pre>
 */
final class Migrations {
  /** One schema step: its statements, given the dialect. */
  record Migration(int version, String description, Function<Dialect, List<String>> statements) {}

  static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "events table with index (user_id, ts)",
              d ->
                  List.of(
                      "CREATE TABLE events (id "
                          + d.idColumn
                          + ", user_id TEXT NOT NULL, item_id TEXT NOT NULL,"
                          + " type TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, ts BIGINT NOT NULL)",
                      "CREATE INDEX events_user_ts ON events (user_id, ts)")),
          // Impressions usually outnumber every other type; this index lets itemsOf (run for each
          // exclude_seen request)
          // read only a user's non-impression items.
          new Migration(
              2,
              "partial index (user_id, item_id) without impressions",
              d ->
                  List.of(
                      "CREATE INDEX events_user_item_seen ON events (user_id, item_id) WHERE type <> 'IMPRESSION'")));

  static final String CREATE_SCHEMA_VERSION =
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
          + " description TEXT NOT NULL, applied_ms BIGINT NOT NULL)";

  private Migrations() {}

  /** The version a database has after {@link #migrate} to the end. */
  static int latest() {
    return ALL.get(ALL.size() - 1).version();
  }

  /**
   * Brings the database on {@code c} (auto-commit off) to version {@code target} and commits;
   * returns the version it had before. Refuses a database newer than this code.
   *
   * @param where the database, as named in error messages
   */
  static int migrate(Connection c, Dialect dialect, int target, String where) throws SQLException {
    try (Statement s = c.createStatement()) {
      dialect.lockForMigration(s);
      s.execute(CREATE_SCHEMA_VERSION);
      int current = currentVersion(c);
      if (current > latest()) {
        throw new EventStoreException(
            "events database "
                + where
                + " has schema version "
                + current
                + ", newer than the versions this rec4j knows (1.."
                + latest()
                + "); it was written by a newer rec4j:"
                + " upgrade rec4j, or point the event store at another database");
      }
      for (Migration m : ALL) {
        if (m.version() <= current || m.version() > target) continue;
        for (String sql : m.statements().apply(dialect)) {
          try {
            s.execute(sql);
          } catch (SQLException e) {
            throw new SQLException(
                "migration "
                    + m.version()
                    + " ("
                    + m.description()
                    + ") failed on "
                    + where
                    + ": "
                    + e.getMessage(),
                e.getSQLState(),
                e);
          }
        }
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
          insert.setInt(1, m.version());
          insert.setString(2, m.description());
          insert.setLong(3, System.currentTimeMillis());
          insert.executeUpdate();
        }
      }
      c.commit();
      return current;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The largest applied version, 0 for an empty database. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
