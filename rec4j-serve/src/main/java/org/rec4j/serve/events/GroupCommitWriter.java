package org.rec4j.serve.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write side of {@link JdbcEventStore}: a bounded queue of appends and one thread that commits
 * everything queued (up to {@code maxBatchEvents} events) in one transaction, then releases the
 * callers. See {@link JdbcEventStore} for the guarantees; this class owns the write connection,
 * reopening it after a failure.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** One caller's append, completed by the writer thread. */
  private record Append(List<Event> events, CompletableFuture<Void> done) {}

  private static final String INSERT =
      "INSERT INTO events (user_id, item_id, type, value, ts) VALUES (?, ?, ?, ?, ?)";

  private final String url;
  private final String where;
  private final Dialect dialect;
  private final JdbcEventStore.Config config;
  private final ArrayBlockingQueue<Append> queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;

  /** Used by the writer thread only; null after a failure until the next batch reopens it. */
  private Connection connection;

  private PreparedStatement insert;

  /**
   * Starts the writer on {@code connection}, an open writer connection of {@code dialect} whose
   * schema is migrated.
   *
   * @param where the database as messages name it (password masked)
   */
  GroupCommitWriter(
      Connection connection,
      Dialect dialect,
      String url,
      String where,
      JdbcEventStore.Config config)
      throws SQLException {
    this.url = url;
    this.where = where;
    this.dialect = dialect;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.insert = connection.prepareStatement(INSERT);
    this.connection = connection;
    this.thread = new Thread(this::run, "rec4j-event-writer");
    thread.setDaemon(
        true); // an acknowledged append is already committed; a forgotten close() loses nothing
    thread.start();
  }

  /** Queues {@code events} (validated, non-empty) and waits for their commit. */
  void append(List<Event> events) {
    ensureOpen();
    Append append = new Append(events, new CompletableFuture<>());
    boolean queued;
    try {
      queued = queue.offer(append, config.enqueueTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException(
          "interrupted while waiting for room in the write queue; nothing was stored", e);
    }
    if (!queued) throw new EventStoreOverloadedException(queue.size(), config.enqueueTimeout());
    // close() may have run meanwhile, after the writer's last look at the queue: take the append
    // back if still there.
    if (closed.get() && queue.remove(append)) throw closedException();
    await(append.done());
  }

  private static void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException(
          "interrupted while waiting for the commit; the events may or may not be stored", e);
    } catch (ExecutionException e) {
      // Rethrown as a new exception so the stack trace shows this caller, with the writer's failure
      // as the cause.
      Throwable cause = e.getCause();
      if (cause instanceof IllegalStateException)
        throw new IllegalStateException(cause.getMessage(), cause);
      throw new EventStoreException(cause.getMessage(), cause);
    }
  }

  private void run() {
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
        for (Append next;
            (next = queue.peek()) != null
                && size + next.events().size() <= config.maxBatchEvents(); ) {
          batch.add(
              queue.poll()); // only this thread takes from the queue, so poll returns what peek saw
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
      for (Append a; (a = queue.poll()) != null; )
        a.done().completeExceptionally(closedException());
      closeConnection();
    }
  }

  private void failStopped(List<Append> batch, Throwable e) {
    closed.set(true);
    IllegalStateException stopped = new IllegalStateException("event writer stopped: " + e, e);
    for (Append a : batch) a.done().completeExceptionally(stopped);
  }

  /**
   * Commits {@code batch} in one transaction and releases its callers; see {@link JdbcEventStore}
   * for failures.
   */
  private void commit(List<Append> batch) {
    commit(batch, true);
  }

  /**
   * One attempt at {@code batch}. A failure before the commit is safe to retry (nothing was
   * stored): if the connection broke, the whole batch is retried once on a new one; if the database
   * refused a row, each append is retried alone.
   */
  private void commit(List<Append> batch, boolean mayRetry) {
    boolean committing = false;
    try {
      if (connection == null) reopen();
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
      connection.commit();
      commits.incrementAndGet();
      for (Append a : batch) a.done().complete(null);
    } catch (SQLException e) {
      boolean broken = !recover();
      if (!committing && mayRetry && broken) {
        commit(batch, false);
        return;
      }
      if (!committing && mayRetry && batch.size() > 1) {
        for (Append a : batch) commit(List.of(a), false);
        return;
      }
      EventStoreException failure =
          new EventStoreException(
              (committing ? "commit" : "insert")
                  + " of "
                  + batch.stream().mapToInt(a -> a.events().size()).sum()
                  + " events into "
                  + where
                  + " failed: "
                  + e.getMessage(),
              e);
      for (Append a : batch) a.done().completeExceptionally(failure);
    }
  }

  private void reopen() throws SQLException {
    Connection c = dialect.openWriter(url, config.syncEachCommit());
    try {
      insert = c.prepareStatement(INSERT);
    } catch (SQLException e) {
      ReadPool.closeQuietly(c);
      throw e;
    }
    connection = c;
  }

  /**
   * After a failure: rolls back, and drops the connection if it is broken so the next attempt opens
   * a new one. Returns whether the connection is still usable.
   */
  private boolean recover() {
    if (connection == null) return false;
    try {
      insert.clearBatch();
      connection.rollback();
      if (connection.isValid(2)) return true;
    } catch (SQLException ignored) {
      // Broken: replaced below.
    }
    closeConnection();
    return false;
  }

  private void closeConnection() {
    if (connection == null) return;
    try {
      connection.rollback(); // nothing is pending; ends the transaction the driver may have begun
    } catch (SQLException ignored) {
      // The connection is going away anyway.
    }
    ReadPool.closeQuietly(connection);
    connection = null;
    insert = null;
  }

  /** Appends waiting for the writer. */
  int pending() {
    return queue.size();
  }

  /** Transactions committed so far. */
  long commits() {
    return commits.get();
  }

  /** Throws if {@link #close} was called or the writer stopped. */
  void ensureOpen() {
    if (closed.get()) throw closedException();
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("event store " + where + " is closed");
  }

  /**
   * Refuses new appends, commits the queued ones, and closes the connection once the writer is
   * done. Idempotent.
   */
  @Override
  public void close() {
    closed.set(true);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // keep draining: callers are waiting for their commits
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
