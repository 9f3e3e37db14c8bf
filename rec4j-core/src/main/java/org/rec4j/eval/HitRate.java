package org.rec4j.eval;

/**
 * HR@k: 1 if any relevant item is among the first k, else 0 (He et al. 2017 use it with one
 * held-out item).
 */
public final class HitRate implements RankingMetric {
  @Override
  public String name() {
    return "hr";
  }

  @Override
  public double compute(int[] ranked, int k, Relevance relevant) {
    int n = Math.min(RankingMetric.checkK(k), ranked.length);
    for (int i = 0; i < n; i++) if (relevant.contains(ranked[i])) return 1;
    return 0;
  }
}
