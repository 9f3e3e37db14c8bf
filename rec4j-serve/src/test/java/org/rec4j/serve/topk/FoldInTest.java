package org.rec4j.serve.topk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rec4j.model.MF;
import org.rec4j.model.ModelOptions;

/**
 * The Cholesky solve, and fold-in on an MF whose items fall in two groups with opposite directions.
 */
class FoldInTest {
  @Test
  void choleskySolvesSymmetricPositiveDefiniteSystems() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n : new int[] {1, 2, 5, 17}) {
      double[] m = new double[n * n];
      for (int i = 0; i < m.length; i++) m[i] = rnd.nextDouble() - 0.5;
      double[] a = new double[n * n]; // a = m·mᵀ + n·I
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = i == j ? n : 0;
          for (int k = 0; k < n; k++) s += m[i * n + k] * m[j * n + k];
          a[i * n + j] = s;
        }
      }
      double[] x = new double[n];
      for (int i = 0; i < n; i++) x[i] = rnd.nextDouble() * 4 - 2;
      double[] b = new double[n];
      for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i] += a[i * n + j] * x[j];
      double[] got = FoldIn.choleskySolve(a.clone(), b, n);
      assertArrayEquals(x, got, 1e-9, "n=" + n);
    }
  }

  /**
   * MF with item i's vector +e0 for even i and −e0 for odd i (plus small noise), users spread
   * around 0.
   */
  private static DotProduct twoGroups() {
    int users = 50, items = 40, f = 4;
    MF mf = new MF(ModelOptions.implicit(users, items, f));
    var s = mf.stateDict();
    SplittableRandom rnd = new SplittableRandom(11);
    float[] q = s.get("item.weight").data(), p = s.get("user.weight").data();
    for (int i = 0; i < items; i++) {
      for (int c = 0; c < f; c++) q[i * f + c] = (float) (rnd.nextGaussian() * 0.05);
      q[i * f] += i % 2 == 0 ? 1f : -1f;
    }
    for (int u = 0; u < users; u++)
      for (int c = 0; c < f; c++) p[u * f + c] = (float) rnd.nextGaussian();
    mf.loadStateDict(s);
    return DotProduct.of(mf);
  }

  @Test
  void foldedInUserPrefersTheGroupOfTheirItems() {
    DotProduct dot = twoGroups();
    FoldIn fold = new FoldIn(dot);
    assertTrue(
        fold.lambda() > 0.2 && fold.lambda() < 2,
        "prior from users of variance ~1: " + fold.lambda());
    for (int parity = 0; parity < 2; parity++) {
      int[] history = {parity, parity + 2, parity + 4};
      float[] x = fold.userVector(history, 42);
      assertEquals(dot.dim(), x.length);
      assertEquals(1f, x[dot.dim() - 1], "MF's bias slot stays 1");
      float[] scores = new float[dot.numItems()];
      dot.dotAll(x, 0, scores);
      for (int i = 0; i < dot.numItems(); i++) {
        for (int j = 0; j < dot.numItems(); j++) {
          if (i % 2 == parity && j % 2 != parity)
            assertTrue(scores[i] > scores[j], "parity " + parity + ": item " + i + " vs " + j);
        }
      }
      assertArrayEquals(x, fold.userVector(history, 42), "deterministic for a seed");
    }
    assertNull(fold.userVector(new int[0], 1), "no history, no vector");
    assertNull(fold.userVector(new int[] {-1, 999}, 1), "items outside the catalog are ignored");
  }

  @Test
  void moreEvidenceMovesFurtherFromThePrior() {
    DotProduct dot = twoGroups();
    FoldIn fold = new FoldIn(dot);
    float[] few = fold.userVector(new int[] {0}, 3);
    float[] many = fold.userVector(new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, 3);
    assertTrue(
        many[0] > few[0] && few[0] > 0,
        "weight on the even direction: one item " + few[0] + ", ten " + many[0]);
  }
}
