package org.rec4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rating, classification, beyond-accuracy metrics and the statistics helpers. */
class PointwiseMetricTest {

  @Test
  void ratingErrors() {
    float[] p = {3f, 4f, 1f}, y = {2f, 4f, 4f};
    assertEquals((1 + 0 + 3) / 3.0, new Mae().compute(p, y), 1e-12);
    assertEquals(Math.sqrt((1 + 0 + 9) / 3.0), new Rmse().compute(p, y), 1e-12);
    assertEquals((0.5 + 0 + 0.75) / 3, new Mape().compute(p, y), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> new Rmse().compute(new float[2], new float[3]));
  }

  @Test
  void aucEqualsPairCountingWithTies() {
    Random r = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + r.nextInt(40);
      float[] s = new float[n], y = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = r.nextInt(6); // many ties
        y[i] = r.nextBoolean() ? 1 : 0;
      }
      y[0] = 1;
      y[1] = 0;
      double pairs = 0, good = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (y[i] == 1 && y[j] == 0) {
            pairs++;
            good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          }
        }
      }
      assertEquals(good / pairs, new Auc().compute(s, y), 1e-12, "trial " + trial);
    }
  }

  @Test
  void groupAucWeightsByImpressionsAndSkipsSingleClassUsers() {
    float[] s = {0.9f, 0.1f, 0.2f, 0.8f, 0.5f, 0.4f, 0.3f};
    float[] y = {1, 0, 1, 0, 1, 1, 1};
    int[] g = {0, 0, 1, 1, 2, 2, 2};
    // user 0: AUC 1 (2 impressions); user 1: AUC 0 (2); user 2 all positive: skipped
    assertEquals((1.0 * 2 + 0.0 * 2) / 4, new GroupAuc().compute(s, y, g), 1e-12);
  }

  @Test
  void logLossFormulaAndClipping() {
    float[] p = {0.8f, 0.3f}, y = {1, 0};
    assertEquals(-(Math.log(0.8f) + Math.log(1 - 0.3f)) / 2, new LogLoss().compute(p, y), 1e-7);
    double worst = new LogLoss().compute(new float[] {0f}, new float[] {1f});
    assertEquals(-Math.log(1e-7), worst, 1e-9);
  }

  @Test
  void beyondAccuracy() {
    int[][] lists = {{0, 1}, {1, 2}};
    assertEquals(3.0 / 5, new CatalogCoverage(5).compute(lists), 1e-12);
    float[][] f = {{1, 0}, {1, 0}, {0, 1}};
    assertEquals((0.0 + 1.0) / 2, new IntraListDiversity(f).compute(lists), 1e-12);
    int[] pop = {4, 2, 1};
    double nov = (-log2(4 / 4.0) - log2(2 / 4.0) - log2(2 / 4.0) - log2(1 / 4.0)) / 4;
    assertEquals(nov, new Novelty(pop, 4).compute(lists), 1e-12);
    assertEquals(
        ((4 + 2) / 2.0 + (2 + 1) / 2.0) / 2, new PopularityBias(pop).compute(lists), 1e-12);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void statistics() {
    var s = Statistics.summarize(new double[] {1, 2, 3, 4});
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
    assertEquals(0.3, Statistics.regularizedBeta(0.3, 1, 1), 1e-12);
    assertEquals(0.5, Statistics.regularizedBeta(0.5, 3.5, 3.5), 1e-10);
    assertEquals(Math.log(24), Statistics.lgamma(5), 1e-10);
    // d = (1, 2, 3, 4, 0.5, 1.5): mean 2, sd sqrt(1.7), t = 2 / (sqrt(1.7)/sqrt(6)); df 5;
    // two-sided p = 0.0131935 (scipy.stats.ttest_rel on the same pairs)
    double[] a = {2, 3, 4, 5, 1.5, 2.5}, b = {1, 1, 1, 1, 1, 1};
    var t = Statistics.pairedTTest(a, b);
    assertEquals(2 / (Math.sqrt(1.7) / Math.sqrt(6)), t.t(), 1e-9);
    assertEquals(5, t.degreesOfFreedom());
    assertEquals(0.0131935, t.pValue(), 1e-6);
  }
}
