package org.rec4j.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a ranking evaluation: per metric@k the mean over evaluated users and the per-user
 * values (for distributions and paired tests), the top lists, the number of users evaluated and the
 * wall time.
 */
public record RankingResult(
    Map<String, Double> means,
    Map<String, double[]> perUser,
    int[][] lists,
    int users,
    double seconds) {
  /**
   * The mean of {@code key} (e.g. {@code "ndcg@10"}), failing with the available keys if absent.
   */
  public double get(String key) {
    Double v = means.get(key);
    if (v == null)
      throw new IllegalArgumentException("no metric '" + key + "'; have " + means.keySet());
    return v;
  }

  /** A copy of the means with beyond-accuracy metrics over the top lists added. */
  public Map<String, Double> withListMetrics(ListMetric... metrics) {
    Map<String, Double> m = new LinkedHashMap<>(means);
    for (ListMetric lm : metrics) m.put(lm.name(), lm.compute(lists));
    return m;
  }
}
