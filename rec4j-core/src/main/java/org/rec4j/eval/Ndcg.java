package org.rec4j.eval;

/**
 * NDCG@k (Järvelin &amp; Kekäläinen 2002): DCG = Σ<sub>i≤k</sub> gain(relᵢ) / log₂(i + 1) (1-based
 * positions), normalized by the DCG of the ideal ordering of the user's relevant items. Gain is the
 * grade itself ({@link Gain#LINEAR}; binary relevance gives the usual 1/log₂(i+1)) or
 * 2<sup>grade</sup> − 1 ({@link Gain#EXPONENTIAL}, Burges et al. 2005).
 */
public final class Ndcg implements RankingMetric {
  /** How a grade becomes a gain. */
  public enum Gain {
    LINEAR,
    EXPONENTIAL
  }

  private final Gain gain;

  /** NDCG with linear gain (binary NDCG for binary relevance). */
  public Ndcg() {
    this(Gain.LINEAR);
  }

  /** NDCG with the given gain. */
  public Ndcg(Gain gain) {
    this.gain = gain;
  }

  @Override
  public String name() {
    return gain == Gain.LINEAR ? "ndcg" : "ndcg_exp";
  }

  private double gain(float grade) {
    return gain == Gain.LINEAR ? grade : Math.pow(2, grade) - 1;
  }

  @Override
  public double compute(int[] ranked, int k, Relevance relevant) {
    int n = Math.min(RankingMetric.checkK(k), ranked.length);
    double dcg = 0;
    for (int i = 0; i < n; i++) {
      float g = relevant.grade(ranked[i]);
      if (g > 0) dcg += gain(g) / log2(i + 2);
    }
    float[] ideal = relevant.gradesDescending();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.length); i++) idcg += gain(ideal[i]) / log2(i + 2);
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
