package org.rec4j.data.sample;

import java.util.Arrays;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.tensor.Rng;

/**
 * Candidate items to rank for each test row, under the three usual protocols:
 *
 * <ul>
 *   <li>{@link #sampled}: the test item plus {@code n} distinct negatives drawn by a sampler
 *       (uniform or popularity) that excludes the user's training items — the NCF "1 + 99"
 *       protocol;
 *   <li>{@link #provided}: lists that came with the data (NCF {@code .test.negative}), test item
 *       prepended;
 *   <li>{@link #fullCatalog}: every item the user has no training interaction with (the unbiased
 *       protocol).
 * </ul>
 *
 * The test item is always at position 0 of a sampled or provided list.
 */
public final class EvalCandidates {
  private static final int MAX_TRIES = 100;

  private EvalCandidates() {}

  /** Test item plus {@code n} distinct negatives per test row. */
  public static int[][] sampled(Interactions test, NegativeSampler sampler, int n, Rng rng) {
    int[][] out = new int[test.size()][];
    for (int r = 0; r < test.size(); r++) {
      int u = test.user(r);
      int[] c = new int[n + 1];
      c[0] = test.item(r);
      int filled = 1;
      int tries = 0;
      while (filled <= n) {
        int i = sampler.sample(u, rng);
        boolean dup = i == c[0];
        for (int k = 1; k < filled && !dup; k++) {
          dup = c[k] == i;
        }
        if (!dup) {
          c[filled++] = i;
        } else if (++tries > MAX_TRIES * (n + 1)) {
          throw new IllegalStateException(
              "test row " + r + ": cannot find " + n + " distinct negatives");
        }
      }
      out[r] = c;
    }
    return out;
  }

  /** Test item followed by the given negatives, per test row. */
  public static int[][] provided(Interactions test, int[][] negatives) {
    if (negatives.length != test.size()) {
      throw new IllegalArgumentException(
          "expected one negative list per test row (" + test.size() + "), got " + negatives.length);
    }
    int[][] out = new int[test.size()][];
    for (int r = 0; r < test.size(); r++) {
      out[r] = new int[negatives[r].length + 1];
      out[r][0] = test.item(r);
      System.arraycopy(negatives[r], 0, out[r], 1, negatives[r].length);
    }
    return out;
  }

  /** All items without a training interaction of {@code user}, ascending. */
  public static int[] fullCatalog(int user, Csr trainByUser, int numItems) {
    int[] out = new int[numItems];
    int n = 0;
    int p = user < trainByUser.rows() ? trainByUser.start(user) : 0;
    int end = user < trainByUser.rows() ? trainByUser.end(user) : 0;
    for (int i = 0; i < numItems; i++) {
      while (p < end && trainByUser.target(p) < i) {
        p++;
      }
      if (p < end && trainByUser.target(p) == i) {
        continue;
      }
      out[n++] = i;
    }
    return Arrays.copyOf(out, n);
  }
}
