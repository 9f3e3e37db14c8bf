package org.rec4j.eval;

/**
 * Novelty as mean self-information (Zhou et al. 2010): the mean over all recommended items of −log₂
 * p(i), where p(i) is the fraction of users who interacted with item i in training (items never
 * seen count once, to stay finite).
 */
public final class Novelty implements ListMetric {
  private final int[] popularity;
  private final int numUsers;

  /** Novelty given per-item training interaction counts and the number of users. */
  public Novelty(int[] popularity, int numUsers) {
    if (numUsers <= 0) throw new IllegalArgumentException("numUsers must be > 0, got " + numUsers);
    this.popularity = popularity;
    this.numUsers = numUsers;
  }

  @Override
  public String name() {
    return "novelty";
  }

  @Override
  public double compute(int[][] lists) {
    double s = 0;
    long n = 0;
    for (int[] l : lists) {
      for (int i : l) {
        double p = Math.max(popularity[i], 1) / (double) numUsers;
        s -= Math.log(Math.min(p, 1.0)) / Math.log(2);
        n++;
      }
    }
    return n == 0 ? 0 : s / n;
  }
}
