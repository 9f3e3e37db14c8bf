package org.rec4j.eval;

/** MRR@k: the reciprocal rank (1-based) of the first relevant item among the first k, or 0. */
public final class Mrr implements RankingMetric {
  @Override
  public String name() {
    return "mrr";
  }

  @Override
  public double compute(int[] ranked, int k, Relevance relevant) {
    int n = Math.min(RankingMetric.checkK(k), ranked.length);
    for (int i = 0; i < n; i++) if (relevant.contains(ranked[i])) return 1.0 / (i + 1);
    return 0;
  }
}
