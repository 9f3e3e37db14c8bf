package org.rec4j.data.sample;

import org.rec4j.tensor.Rng;

/**
 * Walker's alias method (Vose's construction): draws index {@code i} with probability {@code w[i] /
 * Σw} in O(1) per draw after O(n) set-up. Immutable and thread-safe given per-thread {@link Rng}
 * streams.
 */
public final class AliasTable {
  private final double[] prob;
  private final int[] alias;

  /** A table for non-negative weights with a positive, finite sum. */
  public AliasTable(double[] weights) {
    int n = weights.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight " + i + " must be finite and >= 0, got " + weights[i]);
      }
      sum += weights[i];
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must have a positive sum, got " + sum);
    }
    prob = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      prob[large[--nl]] = 1;
    }
    while (ns > 0) {
      prob[small[--ns]] = 1; // only reached through rounding error
    }
  }

  /** Number of outcomes. */
  public int size() {
    return prob.length;
  }

  /** One draw. */
  public int sample(Rng rng) {
    int i = rng.nextInt(prob.length);
    return rng.nextDouble() < prob[i] ? i : alias[i];
  }
}
