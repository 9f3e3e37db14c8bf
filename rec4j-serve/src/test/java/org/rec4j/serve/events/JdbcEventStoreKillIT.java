package org.rec4j.serve.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged append survives {@code kill -9}: a child JVM ({@link AppendUntilKilled}) appends
 * from four threads and reports each acknowledgement on stdout; we SIGKILL it mid-stream, reopen
 * its SQLite file and look for every event it reported.
 */
class JdbcEventStoreKillIT {
  static final int THREADS = 4;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyAcknowledgedAppendSurvivesKill9() throws Exception {
    Path db = dir.resolve("events.db");
    assertAcknowledgedSurviveKill(
        db.toString(),
        dir,
        () ->
            assertTrue(
                Files.exists(Path.of(db + "-wal")),
                "no WAL left behind: the child was not killed"));
  }

  /**
   * Kills an {@link AppendUntilKilled} child appending to {@code database} mid-stream, runs {@code
   * afterKill}, then reopens the database and asserts that every append the child acknowledged is
   * there, and nothing more than the appends still in flight.
   */
  static void assertAcknowledgedSurviveKill(String database, Path dir, Runnable afterKill)
      throws Exception {
    Path stderr = Files.createTempFile(dir, "child", ".err");
    TreeMap<Integer, Integer> acknowledged = killMidStream(database, stderr);

    int total = acknowledged.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(
        total >= 200,
        "child acknowledged only "
            + total
            + " appends before the kill; its stderr:\n"
            + read(stderr));
    afterKill.run();
    try (JdbcEventStore store = JdbcEventStore.open(database)) {
      long stored = store.count();
      for (var e : acknowledged.entrySet()) {
        Set<String> items = store.itemsOf("writer" + e.getKey());
        List<String> lost = new ArrayList<>();
        for (int seq = 1; seq <= e.getValue(); seq++) {
          String item = AppendUntilKilled.item(e.getKey(), seq);
          if (!items.contains(item)) lost.add(item);
        }
        assertEquals(List.of(), lost, "acknowledged but lost");
      }
      // Each thread has at most one append in flight, which may or may not have committed; nothing
      // else may be there.
      assertTrue(
          stored >= total && stored <= total + THREADS,
          "stored " + stored + ", acknowledged " + total);
      System.out.printf(
          "kill -9 test on %s: %d appends acknowledged, %d stored%n", store, total, stored);
    }
  }

  /**
   * Runs the child until it acknowledged 2,000 appends or 2 s passed, kills it with SIGKILL, and
   * returns the highest acknowledged sequence number of each thread (including lines still in the
   * pipe after the kill).
   */
  private static TreeMap<Integer, Integer> killMidStream(String db, Path stderr)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(),
                db,
                String.valueOf(THREADS))
            .redirectError(stderr.toFile())
            .start();
    TreeMap<Integer, Integer> acknowledged = new TreeMap<>();
    int lines = 0;
    long deadline = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String[] parts = line.split(" ");
        acknowledged.merge(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Math::max);
        if (lines++ == 0) deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        if (child.isAlive() && (lines >= 2_000 || System.nanoTime() > deadline)) {
          // SIGKILL, as Process.destroyForcibly() sends, but through the handle:
          // Process.destroyForcibly() also
          // closes our end of the pipe, and we want the acknowledgements still in it.
          child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
    }
    child.waitFor();
    assertEquals(
        128 + 9,
        child.exitValue(),
        () -> "child did not die by SIGKILL; its stderr:\n" + read(stderr));
    return acknowledged;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
