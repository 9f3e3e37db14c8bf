package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rec4j.tensor.kernel.SimdKernelsTest.SIZES;
import static org.rec4j.tensor.kernel.SimdKernelsTest.assertClose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares {@link SimdKernels#gemm} with {@link ScalarKernels#gemm} for all four transpose
 * combinations, several (alpha, beta) pairs, non-zero offsets and leading dimensions larger than
 * the rows, on awkward sizes, the shapes of recommender MLPs (forward and both backward products)
 * and shapes that cross the cache-block edges. The whole C array is compared, so writes outside the
 * m×n window are caught too. Skipped when the Vector API is unavailable.
 */
class SimdGemmTest {
  private static final long SEED = 0x6E33_2026L;
  private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, -1.5f}, {-2f, 1f}};
  private static Kernels simd;

  @BeforeAll
  static void loadSimd() {
    simd = KernelProvider.simdOrNull();
    assumeTrue(simd != null, "Vector API unavailable: SIMD gemm not tested");
  }

  /** Shapes as {m, n, k}. */
  private static List<int[]> shapes() {
    List<int[]> shapes = new ArrayList<>();
    for (int s : SIZES) {
      shapes.add(new int[] {s, 17, 33});
      shapes.add(new int[] {7, s, 16});
      shapes.add(new int[] {33, 31, s});
      shapes.add(new int[] {s, 8, 19}); // one-vector panels: 6-row tiles, then single rows
    }
    shapes.add(new int[] {256, 32, 64}); // MLP forward (256×64)·(64×32)
    shapes.add(new int[] {256, 8, 16}); // MLP forward (256×16)·(16×8)
    shapes.add(new int[] {64, 32, 256}); // weight gradient Xᵀ·G
    shapes.add(new int[] {256, 64, 32}); // input gradient G·Wᵀ
    shapes.add(new int[] {150, 2100, 5}); // more rows than MC, more columns than NC
    shapes.add(new int[] {13, 40, 600}); // k spans three KC blocks
    shapes.add(new int[] {256, 1, 16}); // one-output layer forward: row dot products
    shapes.add(
        new int[] {16, 1, 256}); // ... its weight gradient Xᵀ·g: column sums of a transposed A
    shapes.add(new int[] {256, 16, 1}); // ... its input gradient g·wᵀ: a rank-1 update
    shapes.add(
        new int[] {
          16, 8, 256
        }); // weight gradient of a 16 → 8 layer: 4 single rows after two tiles, long k
    shapes.add(new int[] {32, 16, 256}); // 2 single rows
    shapes.add(new int[] {5, 24, 300}); // single rows only, 3 panels
    shapes.add(new int[] {1, 1, 1});
    shapes.add(new int[] {9, 1, 9}); // n = 1 with row and k tails
    shapes.add(
        new int[] {
          30, 70, 300
        }); // A rows over 1 KiB apart (lda 303) and n past four panels: A packed
    return shapes;
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void gemmMatchesScalar(boolean transA, boolean transB) {
    for (int[] s : shapes()) {
      for (float[] ab : ALPHA_BETA) {
        check(transA, transB, s[0], s[1], s[2], ab[0], ab[1]);
      }
    }
  }

  private static void check(
      boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
    long seed = SEED ^ (m * 1_000_003L + n * 1009L + k) ^ (transA ? 2 : 0) ^ (transB ? 1 : 0);
    SplittableRandom rnd = new SplittableRandom(seed);
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + 3;
    int ldb = bCols + 1;
    int ldc = n + 2;
    float[] a = SimdKernelsTest.random(rnd, aRows * lda);
    float[] b = SimdKernelsTest.random(rnd, bRows * ldb);
    float[] c = SimdKernelsTest.random(rnd, m * ldc);
    if (beta == 0f) Arrays.fill(c, Float.NaN); // C must not be read when beta is 0
    float[] want = c.clone();
    float[] got = c.clone();
    ScalarKernels.INSTANCE.gemm(
        transA, transB, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, want, 3, ldc);
    simd.gemm(transA, transB, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, got, 3, ldc);
    double tol = 1e-6 * (k + 1) * (Math.abs(alpha) + Math.abs(beta) + 1);
    assertClose(
        want,
        got,
        tol,
        "gemm transA="
            + transA
            + " transB="
            + transB
            + " m="
            + m
            + " n="
            + n
            + " k="
            + k
            + " alpha="
            + alpha
            + " beta="
            + beta
            + " seed="
            + seed);
  }
}
