package org.rec4j.data;

import java.util.Arrays;

/**
 * Each user's items in chronological order, for sequential models (SASRec, BERT4Rec, GRU4Rec). Ties in time keep
 * file order, so files that are already chronological (SASRec format, no timestamps) keep their order. With
 * {@code maxLength > 0}, only each user's latest {@code maxLength} items are kept.
 */
public final class UserSequences {
  private final int[] offsets;
  private final int[] items;

  private UserSequences(int[] offsets, int[] items) {
    this.offsets = offsets;
    this.items = items;
  }

  /** Sequences of every user of {@code data}, truncated to the last {@code maxLength} (0 = no limit). */
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
    Csr byUser = data.byUser();
    for (int u = 0; u < users; u++) {
      int from = byUser.start(u);
      int n = byUser.degree(u);
      Integer[] order = new Integer[n];
      for (int p = 0; p < n; p++) {
        order[p] = byUser.edge(from + p);
      }
      Arrays.sort(order, (a, b) -> {
        int c = Long.compare(data.timestamp(a), data.timestamp(b));
        return c != 0 ? c : Integer.compare(a, b);
      });
      int kept = offsets[u + 1] - offsets[u];
      for (int k = 0; k < kept; k++) {
        items[offsets[u] + k] = data.item(order[n - kept + k]);
      }
    }
    return new UserSequences(offsets, items);
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
