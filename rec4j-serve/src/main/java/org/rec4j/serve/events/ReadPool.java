package org.rec4j.serve.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * A small pool of query connections: at most {@code size} are open, each used by one thread at a
 * time, opened on first need and kept. A connection whose query failed is closed rather than
 * returned, so a broken one is not reused.
 */
final class ReadPool implements AutoCloseable {
  /** A query on a borrowed connection. */
  @FunctionalInterface
  interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  /** Opens a new connection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final Semaphore permits;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ReadPool(int size, Opener opener) {
    this.opener = opener;
    this.permits = new Semaphore(size, true);
  }

  /**
   * Runs {@code query} on a pooled connection, waiting for one if all {@code size} are busy. If the
   * query fails because its connection broke (a server restart, an idle timeout), it runs once more
   * on a new connection: queries only read.
   */
  <T> T withConnection(Query<T> query) throws SQLException, InterruptedException {
    permits.acquire();
    try {
      Connection c;
      synchronized (this) {
        if (closed) throw new IllegalStateException("event store is closed");
        c = idle.pollFirst();
      }
      // A pooled connection may have been dropped by the server since its last use; a new one has
      // not.
      return c == null ? run(opener.open(), query, false) : run(c, query, true);
    } finally {
      permits.release();
    }
  }

  /** Runs {@code query} on {@code c}, then pools {@code c}, or closes it if the query failed. */
  private <T> T run(Connection c, Query<T> query, boolean retryIfBroken) throws SQLException {
    T result;
    try {
      result = query.run(c);
    } catch (SQLException e) {
      boolean broken = !isValid(c);
      release(c, false);
      if (!broken || !retryIfBroken) throw e;
      return run(opener.open(), query, false);
    } catch (RuntimeException | Error e) {
      release(c, false);
      throw e;
    }
    release(c, true);
    return result;
  }

  private static boolean isValid(Connection c) {
    try {
      return !c.isClosed() && c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void release(Connection c, boolean reusable) {
    synchronized (this) {
      if (reusable && !closed) {
        idle.addFirst(c);
        return;
      }
    }
    closeQuietly(c);
  }

  /** Closes the idle connections; busy ones are closed when their query ends. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      for (Connection c; (c = idle.pollFirst()) != null; ) closeQuietly(c);
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing is pending on a connection we drop.
    }
  }
}
