package org.rec4j.serve.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An {@link EventStore} on a SQLite file (the default) or a PostgreSQL database, reached through
 * JDBC.
 *
 * <h2>Writes: group commit</h2>
 *
 * {@link #append} validates its events, puts them on a bounded queue and waits. One writer thread
 * takes every append that is queued (up to {@link Config#maxBatchEvents} events), inserts them in
 * one transaction, commits, and only then releases the waiting callers. While one commit syncs to
 * disk the next appends queue up, so under load a single sync acknowledges many callers. If a
 * grouped transaction fails before its commit (say one caller's row is rejected), each caller of
 * the group is retried in a transaction of its own, so one bad append cannot fail the others; a
 * failed commit fails the whole group (its outcome may be unknown, and a retry could store events
 * twice). A full queue makes {@code append} wait up to {@link Config#enqueueTimeout} and then throw
 * {@link EventStoreOverloadedException}. {@link #close} refuses new appends ({@link
 * IllegalStateException}), commits everything already queued, then closes the connections. A
 * connection the server dropped (restart, idle timeout) is replaced: a batch that failed on it
 * before its commit is retried once on a new connection, and so is a query.
 *
 * <h2>Durability</h2>
 *
 * {@code append} returns only after the database reported the commit of its transaction. With the
 * default {@link Config#syncEachCommit} = {@code true}:
 *
 * <ul>
 *   <li>SQLite runs in WAL mode with {@code synchronous = FULL}: every commit appends the
 *       transaction to the write-ahead log and fsyncs the log before the commit returns. An
 *       acknowledged append survives {@code kill -9} of this JVM and also an OS crash or power loss
 *       (as far as the disk honours fsync).
 *   <li>PostgreSQL: the writer's session sets {@code synchronous_commit = on}, so the server
 *       flushes its WAL before it confirms the commit; the server's {@code fsync} must stay on (its
 *       default).
 * </ul>
 *
 * With {@code syncEachCommit = false} SQLite uses {@code synchronous = NORMAL} (the WAL is synced
 * only at checkpoints) and PostgreSQL {@code synchronous_commit = off}. A commit then still reaches
 * the operating system (SQLite) or the server (PostgreSQL) before {@code append} returns, so
 * killing this JVM loses nothing, but an OS or server crash may lose the last commits. The kill
 * tests ({@code JdbcEventStoreKillIT}, and the same in {@code PostgresEventStoreIT}) check the JVM
 * case; a power cut cannot be tested here, which is why the default pays for the fsync (group
 * commit shares its cost).
 *
 * <h2>Schema</h2>
 *
 * Created and migrated on open (see {@link Migrations}); a database written by a newer rec4j is
 * refused. Reads go through a few pooled connections and, in WAL mode, never wait for the writer.
 */
public final class JdbcEventStore implements EventStore {
  /**
   * Tuning of a store.
   *
   * @param queueCapacity appends that may wait for the writer before {@code append} blocks
   * @param maxBatchEvents events the writer groups into one transaction at most (a larger single
   *     append still gets a transaction of its own)
   * @param enqueueTimeout how long {@code append} waits for room in a full queue before it gives up
   * @param readConnections connections kept for queries
   * @param syncEachCommit whether every commit is synced to disk (survives an OS crash) or only
   *     handed to the OS or server (survives a crash of this JVM only); see the class javadoc
   */
  public record Config(
      int queueCapacity,
      int maxBatchEvents,
      Duration enqueueTimeout,
      int readConnections,
      boolean syncEachCommit) {
    /**
     * 4,096 queued appends, 1,000 events per transaction, 5 s enqueue timeout, 4 readers, fsync on
     * commit.
     */
    public static final Config DEFAULTS = new Config(4096, 1000, Duration.ofSeconds(5), 4, true);

    /** Validates every field. */
    public Config {
      if (queueCapacity < 1)
        throw new IllegalArgumentException("queueCapacity: expected >= 1, got " + queueCapacity);
      if (maxBatchEvents < 1) {
        throw new IllegalArgumentException("maxBatchEvents: expected >= 1, got " + maxBatchEvents);
      }
      Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
      if (enqueueTimeout.isNegative()) {
        throw new IllegalArgumentException("enqueueTimeout: expected >= 0, got " + enqueueTimeout);
      }
      if (readConnections < 1) {
        throw new IllegalArgumentException(
            "readConnections: expected >= 1, got " + readConnections);
      }
    }

    /** This config with another {@code syncEachCommit}. */
    public Config withSyncEachCommit(boolean sync) {
      return new Config(queueCapacity, maxBatchEvents, enqueueTimeout, readConnections, sync);
    }
  }

  private final String where;
  private final GroupCommitWriter writer;
  private final ReadPool readers;

  private JdbcEventStore(String url, Config config) throws SQLException {
    this.where = redact(url);
    Dialect dialect = Dialect.of(url);
    Connection c = dialect.openWriter(url, config.syncEachCommit());
    try {
      Migrations.migrate(c, dialect, Migrations.latest(), where);
      this.writer = new GroupCommitWriter(c, dialect, url, where, config);
    } catch (SQLException | RuntimeException e) {
      ReadPool.closeQuietly(c);
      throw e;
    }
    this.readers = new ReadPool(config.readConnections(), () -> dialect.openReader(url));
  }

  /** Opens the store with {@link Config#DEFAULTS}; see {@link #open(String, Config)}. */
  public static JdbcEventStore open(String jdbcUrlOrSqliteFile) {
    return open(jdbcUrlOrSqliteFile, Config.DEFAULTS);
  }

  /**
   * Opens (creating and migrating the schema as needed) the store at {@code jdbcUrlOrSqliteFile}: a
   * {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or else the path of a SQLite file, whose
   * missing parent directories are created.
   *
   * @throws IllegalArgumentException for another kind of URL
   * @throws EventStoreException when the database cannot be opened or migrated, or is newer than
   *     this code
   */
  public static JdbcEventStore open(String jdbcUrlOrSqliteFile, Config config) {
    Objects.requireNonNull(jdbcUrlOrSqliteFile, "jdbcUrlOrSqliteFile");
    Objects.requireNonNull(config, "config");
    if (jdbcUrlOrSqliteFile.isBlank()) {
      throw new IllegalArgumentException(
          "event store: expected a JDBC URL or a SQLite file path, got an empty string");
    }
    String url =
        jdbcUrlOrSqliteFile.startsWith("jdbc:")
            ? jdbcUrlOrSqliteFile
            : sqliteUrl(jdbcUrlOrSqliteFile);
    Dialect.of(url); // rejects other databases before we try to connect
    try {
      return new JdbcEventStore(url, config);
    } catch (SQLException e) {
      throw new EventStoreException(
          "cannot open the event store at " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  private static String sqliteUrl(String file) {
    Path path = Path.of(file).toAbsolutePath();
    try {
      if (path.getParent() != null) Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new EventStoreException(
          "cannot create the directory of the event database " + path + ": " + e, e);
    }
    return "jdbc:sqlite:" + path;
  }

  /** {@code url} with any password replaced by {@code ***}, for messages and logs. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public void append(List<Event> events) {
    Objects.requireNonNull(events, "events");
    List<Event> copy = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) copy.add(validate(events.get(i), i));
    writer.ensureOpen();
    if (!copy.isEmpty()) writer.append(Collections.unmodifiableList(copy));
  }

  private static Event validate(Event e, int index) {
    if (e == null)
      throw new IllegalArgumentException("events[" + index + "]: expected an event, got null");
    // PostgreSQL text cannot hold NUL; refuse it everywhere so both databases accept the same
    // events.
    if (e.user().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("events[" + index + "].user: contains a NUL character");
    }
    if (e.item().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("events[" + index + "].item: contains a NUL character");
    }
    return e;
  }

  @Override
  public Set<String> itemsOf(String user) {
    Objects.requireNonNull(user, "user");
    return query(
        "items of user " + user,
        c -> {
          // The literal 'IMPRESSION' (not a parameter) lets the planner use the partial index of
          // migration 2.
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT DISTINCT item_id FROM events WHERE user_id = ? AND type <> 'IMPRESSION'")) {
            s.setString(1, user);
            Set<String> items = new LinkedHashSet<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) items.add(rs.getString(1));
            }
            return Collections.unmodifiableSet(items);
          }
        });
  }

  @Override
  public List<Event> recent(String user, int limit) {
    Objects.requireNonNull(user, "user");
    if (limit < 0) throw new IllegalArgumentException("limit: expected >= 0, got " + limit);
    if (limit == 0) return List.of();
    return query(
        "recent events of user " + user,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT item_id, type, value, ts FROM events WHERE user_id = ?"
                      + " ORDER BY ts DESC, id DESC LIMIT ?")) {
            s.setString(1, user);
            s.setInt(2, limit);
            return events(user, s);
          }
        });
  }

  /** The events of {@code user} a query selecting (item_id, type, value, ts) returns, in order. */
  private static List<Event> events(String user, PreparedStatement s) throws SQLException {
    List<Event> events = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        events.add(
            new Event(
                user,
                rs.getString(1),
                Event.Type.valueOf(rs.getString(2)),
                rs.getDouble(3),
                rs.getLong(4)));
      }
    }
    return List.copyOf(events);
  }

  /** {@inheritDoc} One query on the index (user_id, ts). */
  @Override
  public List<Event> recentInteractions(String user, long sinceMillis, int limit) {
    Objects.requireNonNull(user, "user");
    if (limit < 0) throw new IllegalArgumentException("limit: expected >= 0, got " + limit);
    if (limit == 0) return List.of();
    return query(
        "recent interactions of user " + user,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT item_id, type, value, ts FROM events WHERE user_id = ? AND ts >= ?"
                      + " AND type <> 'IMPRESSION' ORDER BY ts DESC, id DESC LIMIT ?")) {
            s.setString(1, user);
            s.setLong(2, sinceMillis);
            s.setInt(3, limit);
            return events(user, s);
          }
        });
  }

  /**
   * {@inheritDoc} Counts the rows, which takes time proportional to the table on both databases.
   */
  @Override
  public long count() {
    return query(
        "event count",
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM events");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private <T> T query(String what, ReadPool.Query<T> query) {
    writer.ensureOpen();
    try {
      return readers.withConnection(query);
    } catch (SQLException e) {
      throw new EventStoreException(
          "reading the " + what + " from " + where + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException(
          "interrupted while waiting for a connection to read the " + what, e);
    }
  }

  /** Appends waiting for the writer, for a metrics gauge. */
  public int pendingAppends() {
    return writer.pending();
  }

  /**
   * Transactions committed so far; {@code appends / commits} shows how much group commit groups.
   */
  public long commits() {
    return writer.commits();
  }

  /** The database, with any password masked. */
  @Override
  public String toString() {
    return "JdbcEventStore[" + where + "]";
  }

  /** Refuses new appends, commits the queued ones, and closes the connections. Idempotent. */
  @Override
  public void close() {
    writer.close();
    readers.close();
  }
}
