package org.rec4j.eval;

/**
 * A per-user top-k accuracy metric: a function of the first {@code k} entries of a ranked list and
 * the user's held-out {@link Relevance}. Implementations are pure functions of their input;
 * averaging over users is the evaluator's job.
 */
public interface RankingMetric {
  /**
   * A short name used in reports and JSON keys, e.g. {@code "ndcg"} (the evaluator appends
   * {@code @k}).
   */
  String name();

  /**
   * The metric for one user.
   *
   * @param ranked items in decreasing score order; only the first {@code min(k, ranked.length)}
   *     count
   * @param k cut-off, ≥ 1
   * @param relevant the held-out relevant items (non-empty)
   */
  double compute(int[] ranked, int k, Relevance relevant);

  /** Rejects a non-positive cut-off. */
  static int checkK(int k) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    return k;
  }
}
