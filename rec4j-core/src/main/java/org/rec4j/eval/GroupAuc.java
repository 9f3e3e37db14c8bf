package org.rec4j.eval;

import java.util.Arrays;

/**
 * Group (per-user) AUC as in Zhou et al. 2018 (DIN): the AUC of each user's impressions, averaged
 * with weights equal to the user's number of impressions; users whose impressions are all positive
 * or all negative are skipped.
 */
public final class GroupAuc {
  /** The gAUC of {@code score} vs {@code label} grouped by {@code group} (e.g. user ids). */
  public double compute(float[] score, float[] label, int[] group) {
    PointwiseMetric.check(score, label);
    if (group.length != score.length)
      throw new IllegalArgumentException(
          group.length + " group ids for " + score.length + " predictions");
    int n = score.length;
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) boxed[i] = i;
    Arrays.sort(boxed, (a, b) -> Integer.compare(group[a], group[b]));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = boxed[i];
    double weighted = 0;
    long weight = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && group[order[j]] == group[order[i]]) j++;
      double a = Auc.auc(score, label, i, j, order);
      if (!Double.isNaN(a)) {
        weighted += a * (j - i);
        weight += j - i;
      }
      i = j;
    }
    if (weight == 0)
      throw new IllegalArgumentException(
          "gAUC is undefined: no group has both positive and negative labels");
    return weighted / weight;
  }
}
