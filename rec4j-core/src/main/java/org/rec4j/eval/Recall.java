package org.rec4j.eval;

/** Recall@k: relevant items among the first k, divided by the number of relevant items. */
public final class Recall implements RankingMetric {
  @Override
  public String name() {
    return "recall";
  }

  @Override
  public double compute(int[] ranked, int k, Relevance relevant) {
    int n = Math.min(RankingMetric.checkK(k), ranked.length);
    int hits = 0;
    for (int i = 0; i < n; i++) if (relevant.contains(ranked[i])) hits++;
    return relevant.size() == 0 ? 0 : (double) hits / relevant.size();
  }
}
