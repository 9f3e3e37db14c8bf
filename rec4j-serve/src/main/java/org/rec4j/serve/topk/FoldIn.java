package org.rec4j.serve.topk;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Fold-in of a user the model has never seen, from the items of their logged events: the user
 * vector of a dot-product model that the model's own training objective would give them with the
 * item side frozen.
 *
 * <p>With item vectors v<sub>i</sub> fixed, the new user's free coordinates x solve a small
 * L2-regularized logistic regression — positives y = 1 for the user's items, sampled negatives y =
 * 0 (uniform over the other items, {@link #NEGATIVES_PER_POSITIVE} per positive, as implicit models
 * are trained) — on the score z<sub>i</sub> = ⟨x, v<sub>i</sub>⟩ + tail<sub>i</sub> + b, where the
 * tail is the fixed part of the dot product (MF's item bias) and b the global offset. The penalty
 * λ‖x‖² is the Gaussian prior fitted to the known users: λ = 1 / (2σ²) with σ² the mean square of
 * their free coordinates, so a user with few events stays near the population and one with many
 * moves towards their items. It is minimized by {@link #NEWTON_STEPS} Newton steps from x = 0 (the
 * problem is convex and at most a few hundred examples × d ≤ 200, so each step is one d×d Cholesky
 * solve).
 *
 * <p>Deterministic: negatives are drawn from a generator seeded by the caller (the user id's hash),
 * so the same user and events give the same answer.
 */
public final class FoldIn {
  /** Sampled negatives per positive item. */
  public static final int NEGATIVES_PER_POSITIVE = 4;

  /** Newton iterations. */
  public static final int NEWTON_STEPS = 8;

  /** At most this many positives are used (the caller passes the most recent first). */
  public static final int MAX_POSITIVES = 200;

  private final DotProduct dot;
  private final int free;
  private final double lambda;

  /**
   * A fold-in for the users of {@code dot}'s model, its prior fitted to the model's known users.
   */
  public FoldIn(DotProduct dot) {
    this.dot = dot;
    this.free = dot.free();
    double sum = 0;
    long n = 0;
    for (int u = 0; u < dot.numUsers(); u++) {
      float[] x = dot.user(u);
      for (int c = 0; c < free; c++) sum += (double) x[c] * x[c];
      n += free;
    }
    double var = n == 0 ? 0 : sum / n;
    this.lambda = 1.0 / (2.0 * Math.max(var, 1e-8));
  }

  /** The regularization weight λ (from the known users' spread). */
  public double lambda() {
    return lambda;
  }

  /**
   * The full user vector (length {@code dot.dim()}, fixed coordinates set to 1) for a user whose
   * positive items are {@code positives} (dense ids, at most {@link #MAX_POSITIVES} used), or null
   * when there are none.
   */
  public float[] userVector(int[] positives, long seed) {
    int nItems = dot.numItems();
    BitSet pos = new BitSet(nItems);
    int np = 0;
    for (int i : positives) {
      if (i >= 0 && i < nItems && !pos.get(i) && np < MAX_POSITIVES) {
        pos.set(i);
        np++;
      }
    }
    if (np == 0) return null;
    int free = this.free;
    int others = nItems - np;
    int nn = Math.min(NEGATIVES_PER_POSITIVE * np, others);
    int[] ex = new int[np + nn];
    float[] y = new float[np + nn];
    int m = 0;
    for (int i = pos.nextSetBit(0); i >= 0; i = pos.nextSetBit(i + 1)) {
      ex[m] = i;
      y[m++] = 1f;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    while (m < np + nn) {
      int j = rnd.nextInt(nItems);
      if (!pos.get(j)) ex[m++] = j; // with replacement, as training samples them
    }
    double[] base =
        new double[ex.length]; // fixed part of each score: tail coordinates + global offset
    for (int e = 0; e < ex.length; e++) {
      double t = dot.globalOffset();
      for (int c = free; c < dot.dim(); c++) t += dot.itemAt(ex[e], c);
      base[e] = t;
    }
    double[] x = new double[free];
    double[] g = new double[free];
    double[] h = new double[free * free];
    for (int step = 0; step < NEWTON_STEPS; step++) {
      for (int c = 0; c < free; c++) g[c] = 2 * lambda * x[c];
      java.util.Arrays.fill(h, 0);
      for (int c = 0; c < free; c++) h[c * free + c] = 2 * lambda;
      for (int e = 0; e < ex.length; e++) {
        int i = ex[e];
        double z = base[e];
        for (int c = 0; c < free; c++) z += x[c] * dot.itemAt(i, c);
        double p = 1 / (1 + Math.exp(-z));
        double r = p - y[e], w = p * (1 - p);
        for (int a = 0; a < free; a++) {
          double va = dot.itemAt(i, a);
          g[a] += r * va;
          for (int b = 0; b <= a; b++) h[a * free + b] += w * va * dot.itemAt(i, b);
        }
      }
      double[] d = choleskySolve(h, g, free);
      for (int c = 0; c < free; c++) x[c] -= d[c];
    }
    float[] v = new float[dot.dim()];
    for (int c = 0; c < free; c++) v[c] = (float) x[c];
    for (int c = free; c < v.length; c++) v[c] = 1f;
    return v;
  }

  /**
   * Solves A·d = b for a symmetric positive definite A given by its lower triangle (row-major n×n,
   * overwritten by the Cholesky factor). A here is a Hessian plus 2λI, so it is positive definite.
   */
  static double[] choleskySolve(double[] a, double[] b, int n) {
    for (int j = 0; j < n; j++) {
      double s = a[j * n + j];
      for (int k = 0; k < j; k++) s -= a[j * n + k] * a[j * n + k];
      double l = Math.sqrt(Math.max(s, 1e-300));
      a[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        double t = a[i * n + j];
        for (int k = 0; k < j; k++) t -= a[i * n + k] * a[j * n + k];
        a[i * n + j] = t / l;
      }
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double t = b[i];
      for (int k = 0; k < i; k++) t -= a[i * n + k] * z[k];
      z[i] = t / a[i * n + i];
    }
    double[] d = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double t = z[i];
      for (int k = i + 1; k < n; k++) t -= a[k * n + i] * d[k];
      d[i] = t / a[i * n + i];
    }
    return d;
  }
}
