package org.rec4j.eval;

/** Precision@k: relevant items among the first k, divided by k. */
public final class Precision implements RankingMetric {
  @Override
  public String name() {
    return "precision";
  }

  @Override
  public double compute(int[] ranked, int k, Relevance relevant) {
    int n = Math.min(RankingMetric.checkK(k), ranked.length);
    int hits = 0;
    for (int i = 0; i < n; i++) if (relevant.contains(ranked[i])) hits++;
    return (double) hits / k;
  }
}
