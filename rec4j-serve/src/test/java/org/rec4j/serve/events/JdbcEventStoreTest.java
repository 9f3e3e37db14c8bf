package org.rec4j.serve.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on SQLite files, plus what only SQLite can show: WAL mode, URL handling, queueing
 * and grouping.
 */
class JdbcEventStoreTest extends EventStoreContract {
  @TempDir Path dir;
  private final AtomicInteger databases = new AtomicInteger();

  @Override
  String freshDatabase() {
    return "jdbc:sqlite:" + dir.resolve("events-" + databases.incrementAndGet() + ".db");
  }

  @Test
  void plainPathOpensAWalDatabaseAndCreatesItsDirectory() throws SQLException {
    Path file = dir.resolve("a/b/events.db");
    try (JdbcEventStore store = JdbcEventStore.open(file.toString())) {
      store.append(List.of(event("u", "i", Event.Type.CLICK, 1)));
    }
    assertTrue(Files.exists(file));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertEquals("wal", rs.getString(1));
    }
  }

  @Test
  void writerConnectionSyncsAsConfigured() throws SQLException {
    String url = freshDatabase();
    try (Connection full = Dialect.SQLITE.openWriter(url, true);
        Connection normal = Dialect.SQLITE.openWriter(url, false)) {
      assertEquals(2, pragma(full, "synchronous"), "FULL");
      assertEquals(1, pragma(normal, "synchronous"), "NORMAL");
    }
  }

  @Test
  void queriesUseTheIndexes() throws SQLException {
    String url = freshDatabase();
    JdbcEventStore.open(url).close();
    try (Connection c = DriverManager.getConnection(url)) {
      assertTrue(
          plan(
                  c,
                  "SELECT DISTINCT item_id FROM events WHERE user_id = 'u' AND type <> 'IMPRESSION'")
              .contains("events_user_item_seen"));
      assertTrue(
          plan(
                  c,
                  "SELECT item_id FROM events WHERE user_id = 'u' ORDER BY ts DESC, id DESC LIMIT 5")
              .contains("events_user_ts"));
    }
  }

  private static String plan(Connection c, String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + query)) {
      while (rs.next()) plan.append(rs.getString("detail")).append('\n');
    }
    return plan.toString();
  }

  @Test
  void unsupportedOrNonDurableDatabasesAreRefused() {
    IllegalArgumentException mysql =
        assertThrows(
            IllegalArgumentException.class, () -> JdbcEventStore.open("jdbc:mysql://localhost/x"));
    assertTrue(mysql.getMessage().contains("jdbc:sqlite:"), mysql.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JdbcEventStore.open(" "));
    EventStoreException memory =
        assertThrows(EventStoreException.class, () -> JdbcEventStore.open("jdbc:sqlite::memory:"));
    assertTrue(memory.getMessage().contains("WAL"), memory.getMessage());
  }

  @Test
  void messagesNeverShowThePassword() {
    // Port 1 refuses at once, so this needs no server.
    EventStoreException e =
        assertThrows(
            EventStoreException.class,
            () ->
                JdbcEventStore.open(
                    "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2&ssl=false"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("password=***&ssl=false"), e.getMessage());
  }

  @Test
  void configIsValidated() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new JdbcEventStore.Config(0, 10, Duration.ZERO, 1, true));
    assertTrue(e.getMessage().startsWith("queueCapacity"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new JdbcEventStore.Config(1, 0, Duration.ZERO, 1, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> new JdbcEventStore.Config(1, 1, Duration.ofMillis(-1), 1, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> new JdbcEventStore.Config(1, 1, Duration.ZERO, 0, true));
  }

  @Test
  void appendsQueuedDuringACommitShareTheNextOne() throws Exception {
    String url = freshDatabase();
    try (JdbcEventStore store = JdbcEventStore.open(url);
        Connection blocker = holdWriteLock(url)) {
      Thread first = appendInBackground(store, "first");
      awaitTaken(store, first);
      List<Thread> grouped = new ArrayList<>();
      for (int i = 0; i < 5; i++) grouped.add(appendInBackground(store, "grouped-" + i));
      while (store.pendingAppends() < 5) Thread.sleep(1);
      long before = store.commits();
      blocker.rollback();
      first.join();
      for (Thread t : grouped) t.join();
      assertEquals(
          2,
          store.commits() - before,
          "one commit for the first append, one for the five queued behind it");
      assertEquals(6, store.count());
    }
  }

  @Test
  void fullQueueMakesAppendFailAfterTheTimeout() throws Exception {
    String url = freshDatabase();
    var config = new JdbcEventStore.Config(1, 1000, Duration.ofMillis(100), 1, true);
    try (JdbcEventStore store = JdbcEventStore.open(url, config);
        Connection blocker = holdWriteLock(url)) {
      Thread taken = appendInBackground(store, "taken");
      awaitTaken(store, taken);
      Thread queued = appendInBackground(store, "queued");
      while (store.pendingAppends() < 1) Thread.sleep(1);

      long start = System.nanoTime();
      EventStoreOverloadedException e =
          assertThrows(
              EventStoreOverloadedException.class,
              () -> store.append(List.of(event("u", "refused", Event.Type.CLICK, 1))));
      assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
      assertTrue(e.getMessage().contains("retry later"), e.getMessage());

      blocker.rollback();
      taken.join();
      queued.join();
      assertEquals(java.util.Set.of("taken", "queued"), store.itemsOf("u"));
    }
  }

  @Test
  void twoStoresOnOneFileBothWrite() throws Exception {
    // As when a second process (another server, a CLI import) opens the same file: they wait for
    // each other's locks.
    String url = freshDatabase();
    try (JdbcEventStore a = JdbcEventStore.open(url);
        JdbcEventStore b = JdbcEventStore.open(url)) {
      List<Thread> writers = new ArrayList<>();
      for (JdbcEventStore store : List.of(a, b, a, b)) {
        int writer = writers.size();
        writers.add(
            Thread.ofPlatform()
                .start(() -> {
                  for (int i = 0; i < 50; i++)
                    store.append(List.of(event("w" + writer, "i" + i, Event.Type.CLICK, i)));
                }));
      }
      for (Thread t : writers) t.join();
      assertEquals(200, a.count());
      assertEquals(50, b.itemsOf("w0").size());
    }
  }

  @Test
  void oneRejectedAppendDoesNotFailTheOthersOfItsGroup() throws Exception {
    String url = freshDatabase();
    try (JdbcEventStore store = JdbcEventStore.open(url)) {
      // A rule only the database knows about, so the append passes validation and fails inside the
      // group's transaction.
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.item_id = 'poison'"
                + " BEGIN SELECT RAISE(ABORT, 'poisoned item'); END");
      }
      List<Throwable> failures = new ArrayList<>();
      try (Connection blocker = holdWriteLock(url)) {
        Thread first = appendInBackground(store, "first");
        awaitTaken(store, first);
        List<Thread> group = new ArrayList<>();
        for (String item : List.of("good-1", "poison", "good-2")) {
          group.add(
              Thread.ofPlatform()
                  .uncaughtExceptionHandler((t, e) -> {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  })
                  .start(() -> store.append(List.of(event("u", item, Event.Type.CLICK, 1)))));
          while (store.pendingAppends() < group.size()) Thread.sleep(1);
        }
        blocker.rollback();
        first.join();
        for (Thread t : group) t.join();
      }
      assertEquals(java.util.Set.of("first", "good-1", "good-2"), store.itemsOf("u"));
      assertEquals(1, failures.size(), failures.toString());
      assertTrue(failures.get(0) instanceof EventStoreException, failures.toString());
      assertTrue(
          failures.get(0).getMessage().contains("poisoned item"), failures.get(0).getMessage());
    }
  }

  /**
   * A second connection holding the file's write lock, which stalls the store's writer until it
   * rolls back.
   */
  private static Connection holdWriteLock(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM events WHERE id < 0");
    }
    return c;
  }

  private static Thread appendInBackground(JdbcEventStore store, String item) {
    return Thread.ofPlatform()
        .start(() -> store.append(List.of(event("u", item, Event.Type.CLICK, 1))));
  }

  /**
   * Waits until the writer took {@code appender}'s append off the queue and {@code appender} waits
   * for its commit.
   */
  private static void awaitTaken(JdbcEventStore store, Thread appender)
      throws InterruptedException {
    while (appender.getState() != Thread.State.WAITING || store.pendingAppends() > 0)
      Thread.sleep(1);
  }

  private static int pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
