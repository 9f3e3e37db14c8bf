package org.rec4j.data.sample;

import org.rec4j.data.Csr;

/**
 * In-batch negatives: in a batch of (user, positive item) pairs, the positives of the other rows
 * serve as each row's negatives (the sampled-softmax trick of two-tower models). {@link #mask} says
 * which of them are valid: not the row itself and not an item the row's user interacted with in
 * training (an accidental positive).
 */
public final class InBatchNegatives {
  private InBatchNegatives() {}

  /** {@code mask[a][b]}: whether {@code items[b]} is a valid negative for row {@code a}. */
  public static boolean[][] mask(int[] users, int[] items, Csr trainByUser) {
    int n = users.length;
    if (items.length != n) {
      throw new IllegalArgumentException(
          "users and items must have the same length, got " + n + " and " + items.length);
    }
    boolean[][] m = new boolean[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        m[a][b] =
            a != b
                && items[b] != items[a]
                && (users[a] >= trainByUser.rows() || !trainByUser.contains(users[a], items[b]));
      }
    }
    return m;
  }
}
