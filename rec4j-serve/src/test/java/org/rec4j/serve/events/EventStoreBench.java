package org.rec4j.serve.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Append throughput of {@link JdbcEventStore}: 1 and 8 concurrent writers, 1 and 100 events per
 * append, on a SQLite file with {@code synchronous = FULL} (the default) and {@code NORMAL}, and on
 * PostgreSQL when {@code REC4J_PG_URL} is reachable. Each case uses a fresh database, warms up for
 * half a second, then counts acknowledged events for {@code SECONDS} (default 3). Run from the
 * worktree root:
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -pl rec4j-serve -am -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=$PWD/target/serve-test.cp
 * java -cp rec4j-serve/target/test-classes:rec4j-serve/target/classes:$(cat target/serve-test.cp) \
 *     org.rec4j.serve.events.EventStoreBench [SECONDS]
 * </pre>
 */
public final class EventStoreBench {
  private EventStoreBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    Path dir = Files.createTempDirectory("rec4j-event-bench");
    String pg = PostgresSchemas.reachableUrl();
    System.out.printf(
        "%-16s %7s %5s %12s %12s %13s%n",
        "database", "writers", "batch", "events/s", "appends/s", "events/commit");
    int run = 0;
    for (boolean sync : new boolean[] {true, false}) {
      for (int writers : new int[] {1, 8}) {
        for (int batch : new int[] {1, 100}) {
          String file = dir.resolve("bench-" + run++ + ".db").toString();
          measure(sync ? "sqlite FULL" : "sqlite NORMAL", file, sync, writers, batch, seconds);
        }
      }
    }
    if (pg == null) {
      System.out.println("postgresql: skipped (" + PostgresSchemas.whyUnavailable() + ")");
      return;
    }
    for (int writers : new int[] {1, 8}) {
      for (int batch : new int[] {1, 100}) {
        String schema = PostgresSchemas.create(pg);
        try {
          measure("postgresql", PostgresSchemas.urlFor(pg, schema), true, writers, batch, seconds);
        } finally {
          PostgresSchemas.drop(pg, schema);
        }
      }
    }
  }

  private static void measure(
      String name, String where, boolean sync, int writers, int batch, double seconds)
      throws InterruptedException {
    JdbcEventStore.Config config = JdbcEventStore.Config.DEFAULTS.withSyncEachCommit(sync);
    try (JdbcEventStore store = JdbcEventStore.open(where, config)) {
      LongAdder events = new LongAdder();
      LongAdder appends = new LongAdder();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch finished = new CountDownLatch(writers);
      for (int w = 0; w < writers; w++) {
        String user = "bench-user-" + w;
        Thread.ofPlatform()
            .start(() -> {
              try {
                for (long seq = 0; !stop.get(); ) {
                  List<Event> chunk = new ArrayList<>(batch);
                  for (int i = 0; i < batch; i++, seq++) {
                    chunk.add(new Event(user, "item-" + (seq % 5000), Event.Type.CLICK, 1, seq));
                  }
                  store.append(chunk);
                  events.add(batch);
                  appends.increment();
                }
              } finally {
                finished.countDown();
              }
            });
      }
      Thread.sleep(500);
      long events0 = events.sum();
      long appends0 = appends.sum();
      long commits0 = store.commits();
      long start = System.nanoTime();
      Thread.sleep((long) (seconds * 1000));
      double elapsed = (System.nanoTime() - start) / 1e9;
      long e = events.sum() - events0;
      long a = appends.sum() - appends0;
      long c = store.commits() - commits0;
      stop.set(true);
      finished.await();
      System.out.printf(
          "%-16s %7d %5d %12.0f %12.0f %13.1f%n",
          name, writers, batch, e / elapsed, a / elapsed, c == 0 ? 0.0 : (double) e / c);
    }
  }
}
