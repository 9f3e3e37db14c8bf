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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EventStore} on a SQLite file (the default) or a PostgreSQL database, reached through JDBC.
 *
 * <h2>Writes: group commit</h2>
 * {@link #append} validates its events, puts them on a bounded queue and waits. One writer thread takes every append
 * that is queued (up to {@link Config#maxBatchEvents} events), inserts them in one transaction, commits, and only then
 * releases the waiting callers. While one commit syncs to disk the next appends queue up, so under load a single sync
 * acknowledges many callers. If a grouped transaction fails before its commit (say one caller's row is rejected), each
 * caller of the group is retried in a transaction of its own, so one bad append cannot fail the others; a failed
 * commit fails the whole group (its outcome may be unknown, and a retry could store events twice). A full queue makes
 * {@code append} wait up to {@link Config#enqueueTimeout} and then throw {@link EventStoreOverloadedException}.
 * {@link #close} refuses new appends ({@link IllegalStateException}), commits everything already queued, then closes
 * the connections.
 *
 * <h2>Durability</h2>
 * {@code append} returns only after the database reported the commit of its transaction. With the default
 * {@link Config#syncEachCommit} = {@code true}:
 * <ul>
 *   <li>SQLite runs in WAL mode with {@code synchronous = FULL}: every commit appends the transaction to the
 *       write-ahead log and fsyncs the log before the commit returns. An acknowledged append survives {@code kill -9}
 *       of this JVM and also an OS crash or power loss (as far as the disk honours fsync).
 *   <li>PostgreSQL: the writer's session sets {@code synchronous_commit = on}, so the server flushes its WAL before it
 *       confirms the commit; the server's {@code fsync} must stay on (its default).
 * </ul>
 * With {@code syncEachCommit = false} SQLite uses {@code synchronous = NORMAL} (the WAL is synced only at checkpoints)
 * and PostgreSQL {@code synchronous_commit = off}. A commit then still reaches the operating system (SQLite) or the
 * server (PostgreSQL) before {@code append} returns, so killing this JVM loses nothing, but an OS or server crash may
 * lose the last commits. The kill test ({@code JdbcEventStoreKillIT}) checks the JVM case for SQLite; a power cut
 * cannot be tested here, which is why the default pays for the fsync (group commit shares its cost).
 *
 * <h2>Schema</h2>
 * Created and migrated on open (see {@link Migrations}); a database written by a newer rec4j is refused. Reads go
 * through a few pooled connections and, in WAL mode, never wait for the writer.
 */
public final class JdbcEventStore implements EventStore {
  /**
   * Tuning of a store.
   *
   * @param queueCapacity appends that may wait for the writer before {@code append} blocks
   * @param maxBatchEvents events the writer groups into one transaction at most (a larger single append still gets a
   *     transaction of its own)
   * @param enqueueTimeout how long {@code append} waits for room in a full queue before it gives up
   * @param readConnections connections kept for queries
   * @param syncEachCommit whether every commit is synced to disk (survives an OS crash) or only handed to the OS or
   *     server (survives a crash of this JVM only); see the class javadoc
   */
  public record Config(
      int queueCapacity, int maxBatchEvents, Duration enqueueTimeout, int readConnections, boolean syncEachCommit) {
    /** 4,096 queued appends, 1,000 events per transaction, 5 s enqueue timeout, 4 readers, fsync on commit. */
    public static final Config DEFAULTS = new Config(4096, 1000, Duration.ofSeconds(5), 4, true);

    /** Validates every field. */
    public Config {
      if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity: expected >= 1, got " + queueCapacity);
      if (maxBatchEvents < 1) {
        throw new IllegalArgumentException("maxBatchEvents: expected >= 1, got " + maxBatchEvents);
      }
      Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
      if (enqueueTimeout.isNegative()) {
        throw new IllegalArgumentException("enqueueTimeout: expected >= 0, got " + enqueueTimeout);
      }
      if (readConnections < 1) {
        throw new IllegalArgumentException("readConnections: expected >= 1, got " + readConnections);
      }
    }

    /** This config with another {@code syncEachCommit}. */
    public Config withSyncEachCommit(boolean sync) {
      return new Config(queueCapacity, maxBatchEvents, enqueueTimeout, readConnections, sync);
    }
  }

  /** One caller's append, completed by the writer thread. */
  private record Append(List<Event> events, CompletableFuture<Void> done) {}

  private static final String INSERT =
      "INSERT INTO events (user_id, item_id, type, value, ts) VALUES (?, ?, ?, ?, ?)";

  private final String url;
  private final String where;
  private final Dialect dialect;
  private final Config config;
  private final ArrayBlockingQueue<Append> queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong commits = new AtomicLong();
  private final ReadPool readers;
  private final Thread writer;
  /** Owned by the writer thread after construction; null after a failure until the next batch reopens it. */
  private Connection writeConnection;
  private PreparedStatement insert;

  private JdbcEventStore(String url, Config config) throws SQLException {
    this.url = url;
    this.where = redact(url);
    this.dialect = Dialect.of(url);
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    Connection c = dialect.openWriter(url, config.syncEachCommit());
    try {
      Migrations.migrate(c, dialect, Migrations.latest(), where);
      insert = c.prepareStatement(INSERT);
    } catch (SQLException | RuntimeException e) {
      ReadPool.closeQuietly(c);
      throw e;
    }
    writeConnection = c;
    this.readers = new ReadPool(config.readConnections(), () -> dialect.openReader(url));
    this.writer = new Thread(this::runWriter, "rec4j-event-writer");
    writer.setDaemon(true); // an acknowledged append is already committed; a forgotten close() loses nothing
    writer.start();
  }

  /** Opens the store with {@link Config#DEFAULTS}; see {@link #open(String, Config)}. */
  public static JdbcEventStore open(String jdbcUrlOrSqliteFile) {
    return open(jdbcUrlOrSqliteFile, Config.DEFAULTS);
  }

  /**
   * Opens (creating and migrating the schema as needed) the store at {@code jdbcUrlOrSqliteFile}: a
   * {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or else the path of a SQLite file, whose missing parent
   * directories are created.
   *
   * @throws IllegalArgumentException for another kind of URL
   * @throws EventStoreException when the database cannot be opened or migrated, or is newer than this code
   */
  public static JdbcEventStore open(String jdbcUrlOrSqliteFile, Config config) {
    Objects.requireNonNull(jdbcUrlOrSqliteFile, "jdbcUrlOrSqliteFile");
    Objects.requireNonNull(config, "config");
    if (jdbcUrlOrSqliteFile.isBlank()) {
      throw new IllegalArgumentException("event store: expected a JDBC URL or a SQLite file path, got an empty string");
    }
    String url = jdbcUrlOrSqliteFile.startsWith("jdbc:") ? jdbcUrlOrSqliteFile : sqliteUrl(jdbcUrlOrSqliteFile);
    Dialect.of(url); // rejects other databases before we try to connect
    try {
      return new JdbcEventStore(url, config);
    } catch (SQLException e) {
      throw new EventStoreException("cannot open the event store at " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  private static String sqliteUrl(String file) {
    Path path = Path.of(file).toAbsolutePath();
    try {
      if (path.getParent() != null) Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new EventStoreException("cannot create the directory of the event database " + path + ": " + e, e);
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
    ensureOpen();
    if (copy.isEmpty()) return;
    Append append = new Append(Collections.unmodifiableList(copy), new CompletableFuture<>());
    boolean queued;
    try {
      queued = queue.offer(append, config.enqueueTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException("interrupted while waiting for room in the write queue; nothing was stored", e);
    }
    if (!queued) throw new EventStoreOverloadedException(queue.size(), config.enqueueTimeout());
    // close() may have run meanwhile, after the writer's last look at the queue: take the append back if still there.
    if (closed.get() && queue.remove(append)) throw closedException();
    await(append.done());
  }

  private static Event validate(Event e, int index) {
    if (e == null) throw new IllegalArgumentException("events[" + index + "]: expected an event, got null");
    // PostgreSQL text cannot hold NUL; refuse it everywhere so both databases accept the same events.
    if (e.user().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("events[" + index + "].user: contains a NUL character");
    }
    if (e.item().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("events[" + index + "].item: contains a NUL character");
    }
    return e;
  }

  private static void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException("interrupted while waiting for the commit; the events may or may not be stored", e);
    } catch (ExecutionException e) {
      // Rethrown as a new exception so the stack trace shows this caller, with the writer's failure as the cause.
      Throwable cause = e.getCause();
      if (cause instanceof IllegalStateException) throw new IllegalStateException(cause.getMessage(), cause);
      throw new EventStoreException(cause.getMessage(), cause);
    }
  }

  private void runWriter() {
    List<Append> batch = new ArrayList<>();
    try {
      while (true) {
        Append first = queue.poll(20, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed.get()) break;
          continue;
        }
        batch.add(first);
        int size = first.events().size();
        for (Append next; (next = queue.peek()) != null && size + next.events().size() <= config.maxBatchEvents(); ) {
          batch.add(queue.poll()); // only this thread takes from the queue, so poll returns what peek saw
          size += next.events().size();
        }
        commit(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      failStopped(batch, e); // nobody interrupts this thread; treated like a crash of the writer
    } catch (RuntimeException | Error e) {
      failStopped(batch, e);
      throw e;
    } finally {
      for (Append a; (a = queue.poll()) != null; ) a.done().completeExceptionally(closedException());
      closeWriteConnection();
    }
  }

  private void failStopped(List<Append> batch, Throwable e) {
    closed.set(true);
    IllegalStateException stopped = new IllegalStateException("event writer stopped: " + e, e);
    for (Append a : batch) a.done().completeExceptionally(stopped);
  }

  /** Commits {@code batch} in one transaction and releases its callers; see the class javadoc for failures. */
  private void commit(List<Append> batch) {
    boolean committing = false;
    try {
      if (writeConnection == null) openWriteConnection();
      for (Append a : batch) {
        for (Event e : a.events()) {
          insert.setString(1, e.user());
          insert.setString(2, e.item());
          insert.setString(3, e.type().name());
          insert.setDouble(4, e.value());
          insert.setLong(5, e.timestampMillis());
          insert.addBatch();
        }
      }
      insert.executeBatch();
      committing = true;
      writeConnection.commit();
      commits.incrementAndGet();
      for (Append a : batch) a.done().complete(null);
    } catch (SQLException e) {
      recoverWriteConnection();
      if (!committing && batch.size() > 1) {
        for (Append a : batch) commit(List.of(a));
        return;
      }
      EventStoreException failure = new EventStoreException(
          (committing ? "commit" : "insert") + " of " + batch.stream().mapToInt(a -> a.events().size()).sum()
              + " events into " + where + " failed: " + e.getMessage(), e);
      for (Append a : batch) a.done().completeExceptionally(failure);
    }
  }

  private void openWriteConnection() throws SQLException {
    Connection c = dialect.openWriter(url, config.syncEachCommit());
    try {
      insert = c.prepareStatement(INSERT);
    } catch (SQLException e) {
      ReadPool.closeQuietly(c);
      throw e;
    }
    writeConnection = c;
  }

  /** After a failure: rolls back, and drops the connection if it is broken so the next batch opens a new one. */
  private void recoverWriteConnection() {
    if (writeConnection == null) return;
    try {
      insert.clearBatch();
      writeConnection.rollback();
      if (writeConnection.isValid(2)) return;
    } catch (SQLException ignored) {
      // Broken: replaced below.
    }
    closeWriteConnection();
  }

  private void closeWriteConnection() {
    if (writeConnection == null) return;
    try {
      writeConnection.rollback(); // nothing is pending; ends the transaction the driver may have begun
    } catch (SQLException ignored) {
      // The connection is going away anyway.
    }
    ReadPool.closeQuietly(writeConnection);
    writeConnection = null;
    insert = null;
  }

  @Override
  public Set<String> itemsOf(String user) {
    Objects.requireNonNull(user, "user");
    return query("items of user " + user, c -> {
      // The literal 'IMPRESSION' (not a parameter) lets the planner use the partial index of migration 2.
      try (PreparedStatement s = c.prepareStatement(
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
    return query("recent events of user " + user, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT item_id, type, value, ts FROM events WHERE user_id = ?"
          + " ORDER BY ts DESC, id DESC LIMIT ?")) {
        s.setString(1, user);
        s.setInt(2, limit);
        List<Event> events = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            events.add(new Event(user, rs.getString(1), Event.Type.valueOf(rs.getString(2)), rs.getDouble(3),
                rs.getLong(4)));
          }
        }
        return List.copyOf(events);
      }
    });
  }

  /** {@inheritDoc} Counts the rows, which takes time proportional to the table on both databases. */
  @Override
  public long count() {
    return query("event count", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM events");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private <T> T query(String what, ReadPool.Query<T> query) {
    ensureOpen();
    try {
      return readers.withConnection(query);
    } catch (SQLException e) {
      throw new EventStoreException("reading the " + what + " from " + where + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException("interrupted while waiting for a connection to read the " + what, e);
    }
  }

  /** Appends waiting for the writer, for a metrics gauge. */
  public int pendingAppends() {
    return queue.size();
  }

  /** Transactions committed so far; {@code appends / commits} shows how much group commit groups. */
  public long commits() {
    return commits.get();
  }

  /** The database, with any password masked. */
  @Override
  public String toString() {
    return "JdbcEventStore[" + where + "]";
  }

  private void ensureOpen() {
    if (closed.get()) throw closedException();
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("event store " + where + " is closed");
  }

  /** Refuses new appends, commits the queued ones, and closes the connections. Idempotent. */
  @Override
  public void close() {
    closed.set(true);
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true; // keep draining: callers are waiting for their commits
      }
    }
    readers.close();
    if (interrupted) Thread.currentThread().interrupt();
  }
}
