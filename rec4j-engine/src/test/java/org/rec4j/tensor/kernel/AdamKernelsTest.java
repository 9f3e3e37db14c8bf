package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Adam kernels: SIMD against scalar on awkward sizes, and the scalar kernel against the double
 * formula.
 */
class AdamKernelsTest {
  private static final int[] SIZES = {0, 1, 3, 7, 15, 16, 17, 31, 33, 100, 1000, 1023};

  private static float[] random(Random r, int n, float scale, boolean positive) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++)
      a[i] = positive ? scale * r.nextFloat() : scale * (2 * r.nextFloat() - 1);
    return a;
  }

  @Test
  void simdMatchesScalar() {
    Kernels simd = KernelProvider.simdOrNull();
    Assumptions.assumeTrue(simd != null, "Vector API unavailable");
    long seed = 77;
    Random r = new Random(seed);
    for (int n : SIZES) {
      int off = 5;
      float[] w = random(r, n + off, 1f, false), g = random(r, n + 3, 1f, false);
      float[] m = random(r, n + off, 0.1f, false), v = random(r, n + off, 0.01f, true);
      if (n > 2) m[off + 1] = 1e-31f; // flushed to zero by both
      float[][] a = {w.clone(), m.clone(), v.clone()}, b = {w.clone(), m.clone(), v.clone()};
      ScalarKernels.INSTANCE.adamStep(
          a[0], off, g, 3, a[1], a[2], n, 0.9f, 0.999f, 0.01f, 1.3f, 1e-8f, 0.999f, 0.001f);
      simd.adamStep(
          b[0], off, g, 3, b[1], b[2], n, 0.9f, 0.999f, 0.01f, 1.3f, 1e-8f, 0.999f, 0.001f);
      for (int k = 0; k < 3; k++)
        for (int i = 0; i < n + off; i++)
          assertEquals(
              a[k][i],
              b[k][i],
              2e-6f * (1 + Math.abs(a[k][i])),
              "adamStep n=" + n + " seed " + seed);
      ScalarKernels.INSTANCE.adamDrift(a[0], a[1], a[2], off, n, 0.05f, 1e-8f, 0.99f, 0.5f, 0.9f);
      simd.adamDrift(b[0], b[1], b[2], off, n, 0.05f, 1e-8f, 0.99f, 0.5f, 0.9f);
      for (int k = 0; k < 3; k++)
        for (int i = 0; i < n + off; i++)
          assertEquals(
              a[k][i],
              b[k][i],
              2e-6f * (1 + Math.abs(a[k][i])),
              "adamDrift n=" + n + " seed " + seed);
    }
  }

  @Test
  void scalarStepEqualsTheFormula() {
    float[] w = {0.5f}, g = {0.2f}, m = {0.1f}, v = {0.04f};
    ScalarKernels.INSTANCE.adamStep(w, 0, g, 0, m, v, 1, 0.9f, 0.999f, 0.01f, 2f, 1e-8f, 1f, 0f);
    double mm = 0.9 * 0.1 + 0.1 * 0.2, vv = 0.999 * 0.04 + 0.001 * 0.04;
    assertEquals(mm, m[0], 1e-7);
    assertEquals(vv, v[0], 1e-8);
    assertEquals(0.5 - 0.01 * mm / (Math.sqrt(vv) * 2 + 1e-8), w[0], 1e-7);
  }
}
