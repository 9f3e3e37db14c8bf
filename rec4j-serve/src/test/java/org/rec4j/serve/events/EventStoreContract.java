package org.rec4j.serve.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every database behind {@link JdbcEventStore} must pass: round trip, ordering, concurrency,
 * bad input, closing, and schema migration. Subclasses say where a fresh, empty database is.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class EventStoreContract {
  /**
   * The JDBC URL of a new, empty database; called once or more per test, each call a different
   * database.
   */
  abstract String freshDatabase();

  static Event event(String user, String item, Event.Type type, long ts) {
    return new Event(user, item, type, type == Event.Type.RATING ? 4.5 : 1, ts);
  }

  @Test
  void roundTripKeepsEveryField() {
    String url = freshDatabase();
    List<Event> written =
        List.of(
            event("alice", "i1", Event.Type.IMPRESSION, 1_000),
            event("alice", "i2", Event.Type.RATING, 2_000),
            new Event("alice", "i3", Event.Type.PURCHASE, 12.25, 3_000),
            event("bob", "i1", Event.Type.CLICK, 1_500));
    try (JdbcEventStore store = JdbcEventStore.open(url)) {
      store.append(written);
      assertEquals(4, store.count());
    }
    try (JdbcEventStore store = JdbcEventStore.open(url)) {
      assertEquals(
          List.of(written.get(2), written.get(1), written.get(0)), store.recent("alice", 10));
      assertEquals(List.of(written.get(3)), store.recent("bob", 10));
      assertEquals(List.of(), store.recent("carol", 10));
      assertEquals(4, store.count());
    }
  }

  @Test
  void itemsOfExcludesImpressionsAndRepeats() {
    try (JdbcEventStore store = JdbcEventStore.open(freshDatabase())) {
      store.append(
          List.of(
              event("u", "seen-only", Event.Type.IMPRESSION, 1),
              event("u", "clicked", Event.Type.IMPRESSION, 2),
              event("u", "clicked", Event.Type.CLICK, 3),
              event("u", "clicked", Event.Type.CLICK, 4),
              event("u", "rated", Event.Type.RATING, 5),
              event("u", "bought", Event.Type.PURCHASE, 6),
              event("other", "theirs", Event.Type.CLICK, 7)));
      assertEquals(Set.of("clicked", "rated", "bought"), store.itemsOf("u"));
      assertEquals(Set.of(), store.itemsOf("nobody"));
    }
  }

  @Test
  void recentIsNewestFirstTiesByArrivalAndHonoursLimit() {
    try (JdbcEventStore store = JdbcEventStore.open(freshDatabase())) {
      store.append(
          List.of(
              event("u", "old", Event.Type.CLICK, 10),
              event("u", "tie-first", Event.Type.CLICK, 20)));
      store.append(
          List.of(
              event("u", "tie-second", Event.Type.CLICK, 20),
              event("u", "older", Event.Type.CLICK, 5)));
      assertEquals(
          List.of("tie-second", "tie-first", "old", "older"), items(store.recent("u", 100)));
      assertEquals(List.of("tie-second", "tie-first"), items(store.recent("u", 2)));
      assertEquals(List.of(), store.recent("u", 0));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> store.recent("u", -1));
      assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }
  }

  @Test
  void recentInteractionsAreNewestFirstWithoutImpressionsOrOlderEvents() {
    try (JdbcEventStore store = JdbcEventStore.open(freshDatabase())) {
      RecentInteractions.check(store);
    }
  }

  @Test
  void concurrentAppendsAreAllStoredOnce() throws Exception {
    int threads = 8;
    int appendsPerThread = 60;
    try (JdbcEventStore store = JdbcEventStore.open(freshDatabase())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String user = "user" + t;
        done.add(
            pool.submit(() -> {
              start.await();
              for (int i = 0; i < appendsPerThread; i++) {
                // Every third append carries two events, to mix append sizes within one group.
                List<Event> events =
                    i % 3 == 0
                        ? List.of(
                            event(user, i + "a", Event.Type.CLICK, i),
                            event(user, i + "b", Event.Type.CLICK, i))
                        : List.of(event(user, i + "a", Event.Type.CLICK, i));
                store.append(events);
              }
              return null;
            }));
      }
      start.countDown();
      for (Future<?> f : done) f.get();
      pool.shutdown();

      int perUser = appendsPerThread + (appendsPerThread + 2) / 3;
      for (int t = 0; t < threads; t++) {
        List<String> items = items(store.recent("user" + t, Integer.MAX_VALUE));
        assertEquals(perUser, items.size(), "user" + t + " events");
        assertEquals(
            perUser, new HashSet<>(items).size(), "user" + t + " has duplicates: " + items);
      }
      assertEquals((long) threads * perUser, store.count());
      assertTrue(
          store.commits() <= (long) threads * appendsPerThread, "commits " + store.commits());
    }
  }

  @Test
  void badInputIsRefusedAndStoresNothing() {
    try (JdbcEventStore store = JdbcEventStore.open(freshDatabase())) {
      Event ok = event("u", "i", Event.Type.CLICK, 1);
      assertThrows(NullPointerException.class, () -> store.append(null));
      IllegalArgumentException nullEvent =
          assertThrows(IllegalArgumentException.class, () -> store.append(Arrays.asList(ok, null)));
      assertTrue(nullEvent.getMessage().startsWith("events[1]"), nullEvent.getMessage());
      IllegalArgumentException nul =
          assertThrows(
              IllegalArgumentException.class,
              () -> store.append(List.of(ok, event("u", "bad\0item", Event.Type.CLICK, 2))));
      assertTrue(nul.getMessage().startsWith("events[1].item"), nul.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> store.append(List.of(event("bad\0user", "i", Event.Type.CLICK, 2))));
      assertThrows(NullPointerException.class, () -> store.itemsOf(null));
      assertThrows(NullPointerException.class, () -> store.recent(null, 1));
      assertEquals(0, store.count(), "a refused append stores none of its events");

      store.append(List.of());
      assertEquals(0, store.count());
      // Odd but legal ids survive the round trip.
      Event unicode =
          new Event("ユーザー 'x'; DROP TABLE events; --", "ítem\n\"2\"", Event.Type.RATING, -0.5, -7);
      store.append(List.of(unicode));
      assertEquals(List.of(unicode), store.recent(unicode.user(), 5));
    }
  }

  @Test
  void closeCommitsInFlightAppendsThenRefusesEverything() throws Exception {
    String url = freshDatabase();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<Throwable> unexpected = new ArrayList<>();
    JdbcEventStore store = JdbcEventStore.open(url);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      writers.add(
          Thread.ofPlatform()
              .start(() -> {
                for (int i = 0; ; i++) {
                  String item = thread + "-" + i;
                  try {
                    store.append(List.of(event("u", item, Event.Type.CLICK, i)));
                    acknowledged.add(item);
                  } catch (IllegalStateException closed) {
                    return;
                  } catch (Throwable e) {
                    synchronized (unexpected) {
                      unexpected.add(e);
                    }
                    return;
                  }
                }
              }));
    }
    while (acknowledged.size() < 50) Thread.sleep(5);
    store.close();
    for (Thread w : writers) w.join();
    assertEquals(List.of(), unexpected);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> store.append(List.of(event("u", "late", Event.Type.CLICK, 1))));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> store.itemsOf("u"));
    assertThrows(IllegalStateException.class, store::count);
    store.close(); // idempotent

    try (JdbcEventStore reopened = JdbcEventStore.open(url)) {
      Set<String> stored = reopened.itemsOf("u");
      assertTrue(stored.containsAll(acknowledged), "lost acknowledged events");
      assertEquals(stored.size(), reopened.count());
    }
  }

  @Test
  void version1DatabaseIsMigratedOnOpen() throws SQLException {
    String url = freshDatabase();
    Dialect dialect = Dialect.of(url);
    try (Connection c = dialect.openWriter(url, true)) {
      assertEquals(0, Migrations.migrate(c, dialect, 1, "test"));
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO events (user_id, item_id, type, value, ts) VALUES ('u', 'from-v1', 'CLICK', 1, 5)");
      }
      c.commit();
      assertEquals(List.of(1), versions(c));
    }
    try (JdbcEventStore store = JdbcEventStore.open(url)) {
      assertEquals(Set.of("from-v1"), store.itemsOf("u"));
      store.append(List.of(event("u", "from-v2", Event.Type.CLICK, 6)));
      assertEquals(List.of("from-v2", "from-v1"), items(store.recent("u", 10)));
    }
    try (Connection c = dialect.openWriter(url, true)) {
      assertEquals(List.of(1, 2), versions(c));
      int before = Migrations.migrate(c, dialect, Migrations.latest(), "test");
      assertEquals(Migrations.latest(), before, "a database at the latest version is left alone");
      assertEquals(List.of(1, 2), versions(c));
    }
  }

  @Test
  void databaseFromANewerVersionIsRefused() throws SQLException {
    String url = freshDatabase();
    JdbcEventStore.open(url).close();
    Dialect dialect = Dialect.of(url);
    try (Connection c = dialect.openWriter(url, true);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO schema_version (version, description, applied_ms) VALUES (99, 'from the future', 0)");
      c.commit();
    }
    EventStoreException e = assertThrows(EventStoreException.class, () -> JdbcEventStore.open(url));
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("1.." + Migrations.latest()), e.getMessage());
    assertTrue(e.getMessage().contains("newer rec4j"), e.getMessage());
  }

  static List<String> items(List<Event> events) {
    return events.stream().map(Event::item).toList();
  }

  private static List<Integer> versions(Connection c) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT version FROM schema_version ORDER BY version");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) versions.add(rs.getInt(1));
    }
    c.commit();
    return versions;
  }
}
