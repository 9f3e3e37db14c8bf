package org.rec4j.eval;

/**
 * AP@k (averaged over users it is MAP@k): Σ over relevant positions i ≤ k of precision@i, divided
 * by min(k, number of relevant items).
 */
public final class AveragePrecision implements RankingMetric {
  @Override
  public String name() {
    return "map";
  }

  @Override
  public double compute(int[] ranked, int k, Relevance relevant) {
    int n = Math.min(RankingMetric.checkK(k), ranked.length);
    int hits = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (relevant.contains(ranked[i])) {
        hits++;
        sum += (double) hits / (i + 1);
      }
    }
    int denom = Math.min(k, relevant.size());
    return denom == 0 ? 0 : sum / denom;
  }
}
