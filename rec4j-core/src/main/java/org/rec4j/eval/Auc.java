package org.rec4j.eval;

import java.util.Arrays;

/**
 * Area under the ROC curve for binary labels (label &gt; 0.5 is positive), computed exactly as the
 * Mann–Whitney statistic with average ranks for tied scores, in O(n log n).
 */
public final class Auc implements PointwiseMetric {
  @Override
  public String name() {
    return "auc";
  }

  @Override
  public double compute(float[] predicted, float[] actual) {
    PointwiseMetric.check(predicted, actual);
    double v = auc(predicted, actual, 0, predicted.length, null);
    if (Double.isNaN(v))
      throw new IllegalArgumentException("AUC needs both positive and negative labels");
    return v;
  }

  /**
   * AUC of the entries {@code order[from..to)} (or {@code from..to} when {@code order} is null);
   * NaN if that range holds only one class.
   */
  static double auc(float[] score, float[] label, int from, int to, int[] order) {
    int n = to - from;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = order == null ? from + i : order[from + i];
    Arrays.sort(idx, (a, b) -> Float.compare(score[a], score[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) j++;
      double avgRank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (label[idx[t]] > 0.5f) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) return Double.NaN;
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }
}
