package org.rec4j.data.split;

import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.tensor.Rng;

/**
 * Leave-one-out: each user's latest interaction goes to test and, optionally, the one before to
 * validation (the NCF / SASRec protocol). "Latest" is by timestamp, ties broken by row order (later
 * row = later), so a file without timestamps but in time order also works. Users with too few
 * interactions (1, or 2 with validation) stay entirely in train. {@link #random} picks the held-out
 * rows uniformly instead.
 */
public final class LeaveOneOutSplit {
  private LeaveOneOutSplit() {}

  /** Holds out each user's latest row (and the previous one if {@code withValidation}). */
  public static Split latest(Interactions data, boolean withValidation) {
    Csr byUser = data.byUser();
    byte[] part = new byte[data.size()];
    for (int u = 0; u < byUser.rows(); u++) {
      int need = withValidation ? 3 : 2;
      if (byUser.degree(u) < need) {
        continue;
      }
      int last = -1;
      int second = -1;
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        int r = byUser.edge(p);
        if (last < 0 || later(data, r, last)) {
          second = last;
          last = r;
        } else if (second < 0 || later(data, r, second)) {
          second = r;
        }
      }
      part[last] = RowAssignment.TEST;
      if (withValidation) {
        part[second] = RowAssignment.VALIDATION;
      }
    }
    return RowAssignment.apply(data, part);
  }

  /**
   * Holds out one uniformly chosen row per user (and another for validation if {@code
   * withValidation}).
   */
  public static Split random(Interactions data, boolean withValidation, Rng rng) {
    Csr byUser = data.byUser();
    byte[] part = new byte[data.size()];
    for (int u = 0; u < byUser.rows(); u++) {
      int n = byUser.degree(u);
      if (n < (withValidation ? 3 : 2)) {
        continue;
      }
      int a = rng.nextInt(n);
      part[byUser.edge(byUser.start(u) + a)] = RowAssignment.TEST;
      if (withValidation) {
        int b = rng.nextInt(n - 1);
        b = b >= a ? b + 1 : b;
        part[byUser.edge(byUser.start(u) + b)] = RowAssignment.VALIDATION;
      }
    }
    return RowAssignment.apply(data, part);
  }

  private static boolean later(Interactions data, int r, int than) {
    long a = data.timestamp(r);
    long b = data.timestamp(than);
    return a > b || (a == b && r > than);
  }
}
