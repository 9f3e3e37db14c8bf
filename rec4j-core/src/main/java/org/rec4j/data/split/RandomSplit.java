package org.rec4j.data.split;

import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.tensor.Rng;

/**
 * Random hold-out by ratio, either over all rows ({@link #global}) or within each user ({@link
 * #perUser}, so every user with enough interactions appears in train and test). Counts are rounded
 * to nearest; per user, at least one row stays in train. Reproducible: the same data, ratios and
 * seed give the same split.
 */
public final class RandomSplit {
  private RandomSplit() {}

  /**
   * Shuffles all rows and cuts {@code testRatio} into test and {@code validationRatio} into
   * validation.
   */
  public static Split global(Interactions data, double testRatio, double validationRatio, Rng rng) {
    check(testRatio, validationRatio);
    int n = data.size();
    int[] rows = data.allRows();
    rng.shuffle(rows, n);
    int test = (int) Math.round(n * testRatio);
    int val = (int) Math.round(n * validationRatio);
    byte[] part = new byte[n];
    for (int k = 0; k < test + val && k < n; k++) {
      part[rows[k]] = k < test ? RowAssignment.TEST : RowAssignment.VALIDATION;
    }
    return RowAssignment.apply(data, part);
  }

  /** The same cut applied to each user's rows separately. */
  public static Split perUser(
      Interactions data, double testRatio, double validationRatio, Rng rng) {
    check(testRatio, validationRatio);
    Csr byUser = data.byUser();
    byte[] part = new byte[data.size()];
    int[] rows = new int[0];
    for (int u = 0; u < byUser.rows(); u++) {
      int n = byUser.degree(u);
      if (rows.length < n) {
        rows = new int[n];
      }
      for (int k = 0; k < n; k++) {
        rows[k] = byUser.edge(byUser.start(u) + k);
      }
      rng.shuffle(rows, n);
      int test = (int) Math.round(n * testRatio);
      int val = (int) Math.round(n * validationRatio);
      int max = Math.max(0, n - 1);
      test = Math.min(test, max);
      val = Math.min(val, max - test);
      for (int k = 0; k < test + val; k++) {
        part[rows[k]] = k < test ? RowAssignment.TEST : RowAssignment.VALIDATION;
      }
    }
    return RowAssignment.apply(data, part);
  }

  private static void check(double testRatio, double validationRatio) {
    RowAssignment.checkRatio("testRatio", testRatio);
    RowAssignment.checkRatio("validationRatio", validationRatio);
    if (testRatio + validationRatio >= 1) {
      throw new IllegalArgumentException(
          "testRatio + validationRatio must be < 1, got " + (testRatio + validationRatio));
    }
  }
}
