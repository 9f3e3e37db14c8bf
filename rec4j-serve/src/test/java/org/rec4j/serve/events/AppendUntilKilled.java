package org.rec4j.serve.events;

import java.util.List;

/**
 * Child process of {@link JdbcEventStoreKillIT}: appends events from several threads until it is
 * killed, and after each acknowledged append prints {@code THREAD SEQ} (thread {@code THREAD}'s
 * events 1..SEQ are acknowledged).
 *
 * <p>Usage: {@code AppendUntilKilled DATABASE THREADS}
 */
public final class AppendUntilKilled {
  private AppendUntilKilled() {}

  /**
   * Item id of thread {@code thread}'s event number {@code seq}; user id is {@code "writer" +
   * thread}.
   */
  static String item(int thread, int seq) {
    return thread + "-" + seq;
  }

  public static void main(String[] args) {
    JdbcEventStore store = JdbcEventStore.open(args[0]); // never closed: the parent kills us
    int threads = Integer.parseInt(args[1]);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread.ofPlatform()
          .start(() -> {
            for (int seq = 1; ; seq++) {
              store.append(
                  List.of(
                      new Event("writer" + thread, item(thread, seq), Event.Type.CLICK, 1, seq)));
              synchronized (System.out) {
                System.out.println(thread + " " + seq);
                System.out.flush();
              }
            }
          });
    }
  }
}
