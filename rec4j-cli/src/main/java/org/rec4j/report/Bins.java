package org.rec4j.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Small numeric helpers of the panels: histograms as step outlines, seeded sub-samples, ranges. */
final class Bins {
  /** Seed of every random draw in a report (sub-samples, jitter), so reports are reproducible. */
  static final long SEED = 20170403L;

  private Bins() {}

  /**
   * The share of finite {@code values} in each of {@code n} equal bins over {@code [lo, hi]};
   * values outside are counted in the first or last bin.
   */
  static double[] shares(float[] values, double lo, double hi, int n) {
    double[] c = new double[n];
    int finite = 0;
    for (float v : values) {
      if (!Float.isFinite(v)) continue;
      int b =
          (int)
              Math.floor(
                  (v - lo) / (hi - lo) * n
                      + 1e-9); // a value on an edge belongs to the bin above it
      c[Math.max(0, Math.min(n - 1, b))]++;
      finite++;
    }
    if (finite > 0) for (int i = 0; i < n; i++) c[i] /= finite;
    return c;
  }

  /**
   * The outline of a histogram as a polyline: {@code {xs, ys}} going from {@code (lo, 0)} along the
   * top of every bin to {@code (hi, 0)}, so a plain line (or area) series draws the bars' outline.
   */
  static double[][] outline(double[] shares, double lo, double hi) {
    int n = shares.length;
    double[] x = new double[2 * n + 2], y = new double[2 * n + 2];
    double w = (hi - lo) / n;
    // XChart places ticks only at data x values when all distinct x values are equally spaced, and
    // then labels
    // them off by one step; nudging the starting point by 1 % of a bin (far below a pixel) keeps
    // its normal ticks
    x[0] = lo - w * 0.01;
    for (int i = 0; i < n; i++) {
      x[2 * i + 1] = lo + i * w;
      x[2 * i + 2] = lo + (i + 1) * w;
      y[2 * i + 1] = shares[i];
      y[2 * i + 2] = shares[i];
    }
    x[2 * n + 1] = hi;
    return new double[][] {x, y};
  }

  /**
   * Up to {@code max} distinct indices of {@code [0, n)}, drawn uniformly with a fixed seed, in
   * ascending order.
   */
  static int[] sample(int n, int max) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    if (n <= max) return idx;
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < max; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, max);
    Arrays.sort(out);
    return out;
  }

  /** Whether every finite value is a whole number (e.g. MovieLens stars). */
  static boolean wholeNumbers(float[] values) {
    for (float v : values) if (Float.isFinite(v) && v != Math.rint(v)) return false;
    return true;
  }

  /** The {@code q}-quantile (0–1) of the finite values, or NaN when there are none. */
  static double quantile(double[] values, double q) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) return Double.NaN;
    return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
  }

  /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code raw} (> 0). */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= raw * (1 - 1e-9)) return m * p;
    return 10 * p;
  }

  /** Number of non-finite entries. */
  static int nonFinite(float[] values) {
    int n = 0;
    for (float v : values) if (!Float.isFinite(v)) n++;
    return n;
  }
}
