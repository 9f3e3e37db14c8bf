package org.rec4j.serve.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * What differs between the databases {@link JdbcEventStore} runs on: how a connection is opened and
 * made durable, the type of the generated id column, and how a migration locks out concurrent
 * migrations.
 */
enum Dialect {
  /**
   * A SQLite file in WAL mode, with a busy timeout so that two processes on one file wait for each
   * other's write lock. Transactions stay deferred: the driver begins the next transaction right
   * after each commit, and an immediate one would hold the file's write lock while the writer
   * idles.
   */
  SQLITE("INTEGER PRIMARY KEY") {
    @Override
    Connection openWriter(String url, boolean syncEachCommit) throws SQLException {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      Connection c = DriverManager.getConnection(url, config.toProperties());
      try (Statement s = c.createStatement()) {
        String mode = queryString(s, "PRAGMA journal_mode = WAL");
        if (!"wal".equalsIgnoreCase(mode)) {
          c.close();
          throw new SQLException(
              "SQLite refused WAL mode (journal_mode is "
                  + mode
                  + "); an in-memory or read-only"
                  + " database cannot hold events durably");
        }
        s.execute("PRAGMA synchronous = " + (syncEachCommit ? "FULL" : "NORMAL"));
        String level = queryString(s, "PRAGMA synchronous");
        if (!level.equals(syncEachCommit ? "2" : "1")) {
          c.close();
          throw new SQLException("SQLite kept synchronous = " + level + " after it was set");
        }
      }
      c.setAutoCommit(false);
      return c;
    }

    @Override
    Connection openReader(String url) throws SQLException {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      Connection c = DriverManager.getConnection(url, config.toProperties());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA query_only = 1");
      }
      return c;
    }

    @Override
    void lockForMigration(Statement s) throws SQLException {
      // A write that changes nothing, so the transaction holds the write lock before it reads the
      // version.
      s.execute(Migrations.CREATE_SCHEMA_VERSION);
      s.execute("DELETE FROM schema_version WHERE version < 0");
    }
  },

  /**
   * PostgreSQL. Batched inserts are rewritten into multi-row {@code INSERT}s ({@code
   * reWriteBatchedInserts}), and the writer session sets {@code synchronous_commit} so a server
   * default of {@code off} cannot weaken the guarantee.
   */
  POSTGRES("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY") {
    @Override
    Connection openWriter(String url, boolean syncEachCommit) throws SQLException {
      Connection c = DriverManager.getConnection(url, postgresProperties(url, true));
      try (Statement s = c.createStatement()) {
        s.execute("SET synchronous_commit = " + (syncEachCommit ? "on" : "off"));
      }
      c.setAutoCommit(false);
      return c;
    }

    @Override
    Connection openReader(String url) throws SQLException {
      Connection c = DriverManager.getConnection(url, postgresProperties(url, false));
      c.setReadOnly(true);
      return c;
    }

    @Override
    void lockForMigration(Statement s) throws SQLException {
      // Transaction-scoped, released at commit or rollback; the key is arbitrary but fixed.
      s.execute("SELECT pg_advisory_xact_lock(7283349100211)");
    }
  };

  /**
   * How long a SQLite connection waits for another connection's lock before failing with
   * SQLITE_BUSY.
   */
  static final int BUSY_TIMEOUT_MS = 10_000;

  /** Column type of {@code events.id}: a 64-bit key the database assigns in insertion order. */
  final String idColumn;

  Dialect(String idColumn) {
    this.idColumn = idColumn;
  }

  /**
   * The dialect of {@code jdbcUrl}, which must start with {@code jdbc:sqlite:} or {@code
   * jdbc:postgresql:}.
   */
  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRES;
    throw new IllegalArgumentException(
        "event store URL: expected jdbc:sqlite:..., jdbc:postgresql:... or a file path,"
            + " got "
            + JdbcEventStore.redact(jdbcUrl));
  }

  /**
   * Opens the writer's connection: auto-commit off, durable commits (see {@link JdbcEventStore}).
   */
  abstract Connection openWriter(String url, boolean syncEachCommit) throws SQLException;

  /** Opens a connection for queries, in auto-commit mode. */
  abstract Connection openReader(String url) throws SQLException;

  /** Inside the migration transaction, waits until no other process migrates the same database. */
  abstract void lockForMigration(Statement s) throws SQLException;

  private static String queryString(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) throw new SQLException("no result from " + sql);
      return rs.getString(1);
    }
  }

  private static Properties postgresProperties(String url, boolean writer) {
    Properties p = new Properties();
    p.setProperty("ApplicationName", writer ? "rec4j-events-writer" : "rec4j-events-reader");
    if (!url.contains("reWriteBatchedInserts")) p.setProperty("reWriteBatchedInserts", "true");
    return p;
  }
}
