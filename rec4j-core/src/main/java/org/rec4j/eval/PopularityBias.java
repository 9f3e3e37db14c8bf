package org.rec4j.eval;

/**
 * Average recommendation popularity (ARP, Abdollahpouri et al. 2019): for each list the mean
 * training interaction count of its items, averaged over lists. Higher means more popularity-biased
 * recommendations.
 */
public final class PopularityBias implements ListMetric {
  private final int[] popularity;

  /** Popularity bias given per-item training interaction counts. */
  public PopularityBias(int[] popularity) {
    this.popularity = popularity;
  }

  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public double compute(int[][] lists) {
    double total = 0;
    int n = 0;
    for (int[] l : lists) {
      if (l.length == 0) continue;
      double s = 0;
      for (int i : l) s += popularity[i];
      total += s / l.length;
      n++;
    }
    return n == 0 ? 0 : total / n;
  }
}
