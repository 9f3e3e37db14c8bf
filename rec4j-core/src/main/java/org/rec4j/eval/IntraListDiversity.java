package org.rec4j.eval;

/**
 * Intra-list diversity (Ziegler et al. 2005): for each list, the mean pairwise distance 1 − cos(fᵢ,
 * fⱼ) between the feature vectors of its items (e.g. multi-hot genres); averaged over lists with at
 * least two items. Items with an all-zero feature vector are at distance 1 from everything.
 */
public final class IntraListDiversity implements ListMetric {
  private final float[][] features;

  /** Diversity by the given per-item feature vectors (row = item id). */
  public IntraListDiversity(float[][] features) {
    this.features = features;
  }

  @Override
  public String name() {
    return "diversity";
  }

  @Override
  public double compute(int[][] lists) {
    double total = 0;
    int n = 0;
    for (int[] l : lists) {
      if (l.length < 2) continue;
      double s = 0;
      int pairs = 0;
      for (int a = 0; a < l.length; a++) {
        for (int b = a + 1; b < l.length; b++) {
          s += 1 - cosine(features[l[a]], features[l[b]]);
          pairs++;
        }
      }
      total += s / pairs;
      n++;
    }
    return n == 0 ? 0 : total / n;
  }

  private static double cosine(float[] x, float[] y) {
    double d = 0, nx = 0, ny = 0;
    for (int i = 0; i < x.length; i++) {
      d += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return nx == 0 || ny == 0 ? 0 : d / Math.sqrt(nx * ny);
  }
}
