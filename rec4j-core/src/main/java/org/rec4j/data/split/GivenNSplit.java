package org.rec4j.data.split;

import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.tensor.Rng;

/**
 * "Given N": for each user, {@code n} random interactions go to train and all others to test (the
 * classic collaborative-filtering protocol of Breese et al.). Users with at most {@code n}
 * interactions stay entirely in train. Validation is empty.
 */
public final class GivenNSplit {
  private GivenNSplit() {}

  /** Keeps {@code n} random rows per user in train. */
  public static Split split(Interactions data, int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    Csr byUser = data.byUser();
    byte[] part = new byte[data.size()];
    int[] rows = new int[0];
    for (int u = 0; u < byUser.rows(); u++) {
      int d = byUser.degree(u);
      if (d <= n) {
        continue;
      }
      if (rows.length < d) {
        rows = new int[d];
      }
      for (int k = 0; k < d; k++) {
        rows[k] = byUser.edge(byUser.start(u) + k);
      }
      rng.shuffle(rows, d);
      for (int k = n; k < d; k++) {
        part[rows[k]] = RowAssignment.TEST;
      }
    }
    return RowAssignment.apply(data, part);
  }
}
