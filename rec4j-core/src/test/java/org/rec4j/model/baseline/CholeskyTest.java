package org.rec4j.model.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rec4j.tensor.Rng;

/**
 * The blocked Cholesky inverse: A · A⁻¹ = I on sizes around the block and the 2×2 register block,
 * and symmetry.
 */
class CholeskyTest {
  /** A random symmetric positive-definite matrix G Gᵀ + n·I. */
  static double[] spd(int n, long seed) {
    Rng rng = new Rng(seed);
    double[] g = new double[n * n];
    for (int i = 0; i < g.length; i++) g[i] = rng.nextFloat() - 0.5;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? n * 0.1 : 0;
        for (int k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
        a[i * n + j] = s;
      }
    }
    return a;
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 7, 63, 64, 65, 130, 203})
  void inverseTimesMatrixIsIdentity(int n) {
    double[] a = spd(n, n);
    double[] inv = Cholesky.invert(a.clone(), n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
        assertEquals(i == j ? 1 : 0, s, 1e-9, "(A A^-1)[" + i + "][" + j + "]");
        assertEquals(inv[i * n + j], inv[j * n + i], 0, "symmetric");
      }
    }
  }

  @Test
  void factorReconstructsTheMatrix() {
    int n = 97;
    double[] a = spd(n, 3), l = a.clone();
    Cholesky.factor(l, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = 0; k <= j; k++) s += l[i * n + k] * l[j * n + k];
        assertEquals(a[i * n + j], s, 1e-9 * Math.abs(a[i * n + j]) + 1e-10);
      }
    }
  }

  @Test
  void notPositiveDefiniteIsRefusedNamingTheRow() {
    double[] a = {1, 2, 2, 1}; // eigenvalues 3 and -1
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cholesky.invert(a, 2));
    assertTrue(
        e.getMessage().contains("not positive definite") && e.getMessage().contains("row 1"),
        e.getMessage());
  }
}
