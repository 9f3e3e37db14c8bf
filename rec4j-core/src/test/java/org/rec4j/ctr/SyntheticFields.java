package org.rec4j.ctr;

import java.util.List;
import org.rec4j.tensor.Rng;

/**
 * A tiny field dataset whose label depends on a feature interaction: fields {@code a} and {@code b}
 * (8 values each), a noise field {@code c}, a multi-hot field {@code tags} and a numeric field
 * {@code x}. With {@code pureXor} the click probability is 0.9 when the parities of a and b differ
 * and 0.1 otherwise — no single field carries any signal, so a linear model stays at AUC 0.5;
 * otherwise a main effect of {@code a} and of {@code x} is added on top. The second target (for
 * multi-task models) is a noisy rating-like {@code 3 + logit/2}.
 */
final class SyntheticFields {
  private SyntheticFields() {}

  static FieldDataset make(int n, boolean pureXor, long seed) {
    Rng rng = new Rng(seed);
    int[] a = new int[n], b = new int[n], c = new int[n];
    int[][] tags = new int[n][];
    double[] x = new double[n];
    float[] labels = new float[n];
    int[] groups = new int[n];
    float[] second = new float[n];
    for (int e = 0; e < n; e++) {
      a[e] = rng.nextInt(8);
      b[e] = rng.nextInt(8);
      c[e] = rng.nextInt(5);
      int k = rng.nextInt(3);
      tags[e] = new int[k];
      for (int j = 0; j < k; j++) tags[e][j] = rng.nextInt(6);
      x[e] = rng.nextGaussian();
      double logit = ((a[e] % 2) != (b[e] % 2) ? 2.2 : -2.2);
      if (!pureXor) logit += (a[e] < 4 ? 1.0 : -1.0) + 0.8 * x[e];
      labels[e] = rng.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1f : 0f;
      second[e] = (float) (3 + logit / 2 + 0.3 * rng.nextGaussian());
      groups[e] = e % 50;
    }
    List<FieldValues> fields =
        List.of(
            FieldValues.categorical("a", a, 8),
            FieldValues.categorical("b", b, 8),
            FieldValues.categorical("c", c, 5),
            FieldValues.multiHot("tags", tags, 6, Field.Pooling.MEAN),
            FieldValues.numeric("x", x));
    int[] id = new int[n];
    for (int e = 0; e < n; e++) id[e] = e;
    return FieldDataset.join(fields, List.of(id, id, id, id, id), labels, groups, second);
  }
}
