package org.rec4j.data;

import java.util.Arrays;

/**
 * Each user's items in chronological order, for sequential models (SASRec, BERT4Rec, GRU4Rec). Ties
 * in time keep file order, so files that are already chronological (SASRec format, no timestamps)
 * keep their order. With {@code maxLength > 0}, only each user's latest {@code maxLength} items are
 * kept.
 */
public final class UserSequences {
  private final int[] offsets;
  private final int[] items;

  private UserSequences(int[] offsets, int[] items) {
    this.offsets = offsets;
    this.items = items;
  }

  /**
   * Sequences of every user of {@code data}, truncated to the last {@code maxLength} (0 = no
   * limit).
   */
  public static UserSequences of(Interactions data, int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
    }
    int users = data.numUsers();
    int[] count = new int[users];
    for (int r = 0; r < data.size(); r++) {
      count[data.user(r)]++;
    }
    int[] offsets = new int[users + 1];
    for (int u = 0; u < users; u++) {
      int kept = maxLength == 0 ? count[u] : Math.min(count[u], maxLength);
      offsets[u + 1] = offsets[u] + kept;
    }
    int[] items = new int[offsets[users]];
    int[] chrono = chronologicalRows(data);
    int[] start = new int[users + 1];
    for (int u = 0; u < users; u++) {
      start[u + 1] = start[u] + count[u];
    }
    int[] byUser = new int[data.size()];
    int[] fill = Arrays.copyOf(start, users);
    for (int r : chrono) {
      byUser[fill[data.user(r)]++] = r;
    }
    for (int u = 0; u < users; u++) {
      int kept = offsets[u + 1] - offsets[u];
      for (int k = 0; k < kept; k++) {
        items[offsets[u] + k] = data.item(byUser[start[u + 1] - kept + k]);
      }
    }
    return new UserSequences(offsets, items);
  }

  /**
   * All rows ordered by (timestamp, row): timestamps are rank-compressed so one primitive sort does
   * it.
   */
  private static int[] chronologicalRows(Interactions data) {
    int n = data.size();
    int[] rows = new int[n];
    if (!data.hasTimestamps()) {
      Arrays.setAll(rows, r -> r);
      return rows;
    }
    long[] distinct = Arrays.copyOf(data.timestampColumn(), n);
    Arrays.sort(distinct);
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || distinct[k] != distinct[m - 1]) {
        distinct[m++] = distinct[k];
      }
    }
    long[] keys = new long[n];
    for (int r = 0; r < n; r++) {
      long rank = Arrays.binarySearch(distinct, 0, m, data.timestamp(r));
      keys[r] = (rank << 32) | r;
    }
    Arrays.sort(keys);
    for (int k = 0; k < n; k++) {
      rows[k] = (int) keys[k];
    }
    return rows;
  }

  /** Number of users (sequences, some possibly empty). */
  public int users() {
    return offsets.length - 1;
  }

  /** Length of user {@code u}'s sequence. */
  public int length(int u) {
    return offsets[u + 1] - offsets[u];
  }

  /** The {@code k}-th oldest kept item of user {@code u}. */
  public int item(int u, int k) {
    return items[offsets[u] + k];
  }

  /** A copy of user {@code u}'s sequence, oldest first. */
  public int[] sequence(int u) {
    return Arrays.copyOfRange(items, offsets[u], offsets[u + 1]);
  }
}
