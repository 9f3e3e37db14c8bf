package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every elementwise and reduction kernel of {@link SimdKernels} against {@link ScalarKernels}
 * on awkward sizes, at non-zero offsets, and checks that nothing outside the addressed range is
 * written. gemm has its own test, {@link SimdGemmTest}. Skipped when the Vector API is unavailable.
 */
class SimdKernelsTest {
  static final int[] SIZES = {0, 1, 3, 7, 15, 16, 17, 31, 33, 100, 1000, 1023};
  private static final long SEED = 0x5EED_2026L;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;
  private static Kernels simd;

  @BeforeAll
  static void loadSimd() {
    simd = KernelProvider.simdOrNull();
    assumeTrue(simd != null, "Vector API unavailable: SIMD kernels not tested");
  }

  /** n random floats in [-1, 1) plus 5 guard values on each side; the data start at offset 5. */
  static float[] random(SplittableRandom rnd, int n) {
    float[] x = new float[n + 10];
    for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
    return x;
  }

  /** Asserts equality within {@code tol}·(1 + |expected|) per element; NaNs must match. */
  static void assertClose(float[] expected, float[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      float e = expected[i];
      float a = actual[i];
      if (Float.isNaN(e) || Float.isNaN(a)) {
        assertTrue(
            Float.isNaN(e) && Float.isNaN(a), what + " at " + i + ": expected " + e + ", got " + a);
      } else {
        assertTrue(
            Math.abs(e - a) <= tol * (1 + Math.abs(e)),
            what + " at " + i + ": expected " + e + ", got " + a);
      }
    }
  }

  /** A binary elementwise kernel under test. */
  private interface Binary {
    void apply(Kernels k, float[] a, float[] b, float[] out, int n);
  }

  /** A reduction under test. */
  private interface Reduction {
    float apply(Kernels k, float[] x, int n);
  }

  private void checkBinary(String name, Binary op) {
    for (int n : SIZES) {
      long seed = SEED ^ (31L * n) ^ name.hashCode();
      SplittableRandom rnd = new SplittableRandom(seed);
      float[] a = random(rnd, n);
      float[] b = random(rnd, n);
      float[] want = random(rnd, n);
      float[] got = want.clone();
      op.apply(SCALAR, a, b, want, n);
      op.apply(simd, a, b, got, n);
      assertClose(want, got, 1e-6, name + " n=" + n + " seed=" + seed);
    }
  }

  private void checkReduction(String name, Reduction op) {
    for (int n : SIZES) {
      long seed = SEED ^ (31L * n) ^ name.hashCode();
      float[] x = random(new SplittableRandom(seed), n);
      float want = op.apply(SCALAR, x, n);
      float got = op.apply(simd, x, n);
      assertTrue(
          Math.abs(want - got) <= 1e-6 * (n + 1) * (1 + Math.abs(want)),
          name + " n=" + n + " seed=" + seed + ": expected " + want + ", got " + got);
    }
  }

  @Test
  void elementwiseKernelsMatchScalar() {
    checkBinary("add", (k, a, b, out, n) -> k.add(a, 5, b, 4, out, 6, n));
    checkBinary("sub", (k, a, b, out, n) -> k.sub(a, 3, b, 5, out, 5, n));
    checkBinary("mul", (k, a, b, out, n) -> k.mul(a, 5, b, 5, out, 2, n));
    checkBinary("axpy", (k, a, b, out, n) -> k.axpy(-1.75f, a, 4, out, 5, n));
    checkBinary("scale", (k, a, b, out, n) -> k.scale(0.3f, a, 5, out, 3, n));
    checkBinary("relu", (k, a, b, out, n) -> k.relu(a, 5, out, 5, n));
    checkBinary("reluBackward", (k, a, b, out, n) -> k.reluBackward(a, 5, b, 3, out, 4, n));
    checkBinary("sigmoid", (k, a, b, out, n) -> k.sigmoid(a, 5, out, 4, n));
    checkBinary("sigmoidInPlace", (k, a, b, out, n) -> k.sigmoid(out, 5, out, 5, n));
  }

  @Test
  void sigmoidMatchesScalarOnSaturatedInputs() {
    float[] x = {-200f, -88f, -30f, -1e-8f, 0f, 1e-8f, 15f, 30f, 88f, 200f, Float.NaN, -0f, 3f};
    float[] want = new float[x.length];
    float[] got = new float[x.length];
    SCALAR.sigmoid(x, 0, want, 0, x.length);
    simd.sigmoid(x, 0, got, 0, x.length);
    assertClose(want, got, 1e-6, "sigmoid " + Arrays.toString(x));
  }

  @Test
  void reductionsMatchScalar() {
    checkReduction("dot", (k, x, n) -> k.dot(x, 5, x, 3, n));
    checkReduction("sum", (k, x, n) -> k.sum(x, 4, n));
    checkReduction("sumSquares", (k, x, n) -> k.sumSquares(x, 5, n));
    checkReduction("maxAbs", (k, x, n) -> k.maxAbs(x, 5, n));
  }

  @Test
  void maxAbsPropagatesNaN() {
    for (int n : new int[] {1, 7, 17, 33}) {
      float[] x = new float[n];
      x[n / 2] = Float.NaN;
      assertTrue(Float.isNaN(simd.maxAbs(x, 0, n)), "simd n=" + n);
      assertTrue(Float.isNaN(SCALAR.maxAbs(x, 0, n)), "scalar n=" + n);
    }
    assertEquals(0f, simd.maxAbs(new float[0], 0, 0));
  }

  @Test
  void rowBroadcastKernelsMatchScalar() {
    for (int rows : new int[] {0, 1, 3, 17, 64}) {
      for (int cols : SIZES) {
        long seed = SEED ^ (1_000_003L * rows) ^ cols;
        SplittableRandom rnd = new SplittableRandom(seed);
        int ld = cols + 3;
        float[] x = random(rnd, rows * ld);
        float[] bias = random(rnd, cols);
        String what = " rows=" + rows + " cols=" + cols + " seed=" + seed;

        float[] want = x.clone();
        float[] got = x.clone();
        SCALAR.addBias(want, 5, rows, cols, ld, bias, 4);
        simd.addBias(got, 5, rows, cols, ld, bias, 4);
        assertClose(want, got, 1e-6, "addBias" + what);

        float[] sumsWant = bias.clone();
        float[] sumsGot = bias.clone();
        SCALAR.addColumnSums(x, 5, rows, cols, ld, sumsWant, 3);
        simd.addColumnSums(x, 5, rows, cols, ld, sumsGot, 3);
        assertClose(sumsWant, sumsGot, 1e-6 * (rows + 1), "addColumnSums" + what);
      }
    }
  }

  @Test
  void inferenceLayerKernelsMatchScalar() {
    int[] rowCounts = {0, 1, 3, 4, 5, 17, 64};
    int[] widths = {1, 3, 7, 8, 15, 16, 17, 32, 33};
    for (int rows : rowCounts) {
      for (int k : widths) {
        for (int n : widths) {
          long seed = SEED ^ (31L * rows + 1_009L * k + 100_003L * n);
          SplittableRandom rnd = new SplittableRandom(seed);
          float[] x = random(rnd, rows * k);
          float[] w = random(rnd, k * n);
          float[] bias = random(rnd, n);
          float[] init = random(rnd, rows * n);
          String what = " rows=" + rows + " k=" + k + " n=" + n + " seed=" + seed;
          for (boolean relu : new boolean[] {false, true}) {
            for (float[] b : new float[][] {null, bias}) {
              float[] want = init.clone();
              float[] got = init.clone();
              SCALAR.denseLayer(x, 5, rows, k, w, 5, b, 5, relu, want, 5, n);
              simd.denseLayer(x, 5, rows, k, w, 5, b, 5, relu, got, 5, n);
              assertClose(
                  want,
                  got,
                  1e-5 * (k + 1),
                  "denseLayer relu=" + relu + " bias=" + (b != null) + what);
              if (relu) {
                for (int i = 5; i < 5 + rows * n; i++)
                  assertTrue(got[i] >= 0f, "denseLayer relu output < 0" + what);
              }
            }
          }
          if (n == 1) { // addBiasRelu over rows×k, once per (rows, k), also in place
            float[] biasK = random(rnd, k);
            float[] want = random(rnd, rows * k);
            float[] got = want.clone();
            SCALAR.addBiasRelu(x, 5, rows, k, biasK, 5, want, 5);
            simd.addBiasRelu(x, 5, rows, k, biasK, 5, got, 5);
            assertClose(want, got, 1e-6, "addBiasRelu" + what);
            float[] inPlace = x.clone();
            simd.addBiasRelu(inPlace, 5, rows, k, biasK, 5, inPlace, 5);
            float[] tail = want.clone();
            System.arraycopy(x, 0, tail, 0, 5);
            System.arraycopy(x, 5 + rows * k, tail, 5 + rows * k, 5);
            assertClose(tail, inPlace, 1e-6, "addBiasRelu in place" + what);
          }
          for (float beta : new float[] {0f, 0.5f}) {
            float[] dWant = init.clone();
            float[] dGot = init.clone();
            SCALAR.rowDots(x, 5, rows, k, w, 5, beta, dWant, 5);
            simd.rowDots(x, 5, rows, k, w, 5, beta, dGot, 5);
            assertClose(dWant, dGot, 1e-5 * (k + 1), "rowDots beta=" + beta + what);
          }
        }
      }
    }
  }

  @Test
  void denseLayerEqualsGemmPlusBiasAndRelu() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    int rows = 13, k = 32, n = 16;
    float[] x = random(rnd, rows * k);
    float[] w = random(rnd, k * n);
    float[] bias = random(rnd, n);
    float[] want = new float[rows * n];
    SCALAR.gemm(false, false, rows, n, k, 1f, x, 5, k, w, 5, n, 0f, want, 0, n);
    SCALAR.addBias(want, 0, rows, n, n, bias, 5);
    SCALAR.relu(want, 0, want, 0, rows * n);
    float[] got = new float[rows * n];
    simd.denseLayer(x, 5, rows, k, w, 5, bias, 5, true, got, 0, n);
    assertClose(want, got, 1e-5, "denseLayer vs gemm + addBias + relu");
  }

  @Test
  void nameReportsVectorWidth() {
    assertTrue(simd.name().startsWith("simd-"), simd.name());
    assertTrue(
        Arrays.asList("simd-128", "simd-256", "simd-512").contains(simd.name()), simd.name());
  }

  /**
   * The CSR row kernel equals the scalar one bit for bit (same per-element order of fused and
   * unfused sums as one axpy per non-zero), for widths with and without a vector tail, rows of 0, 1
   * and many non-zeros; nothing outside the output row is written.
   */
  @Test
  void spmmRowMatchesScalarBitForBit() {
    SplittableRandom rnd = new SplittableRandom(SEED + 7);
    for (int d : new int[] {1, 7, 8, 16, 33, 64, 100}) {
      for (int nnz : new int[] {0, 1, 2, 5, 40}) {
        int rows = 30;
        float[] x = random(rnd, rows * d);
        float[] v = new float[nnz];
        int[] col = new int[nnz];
        for (int p = 0; p < nnz; p++) {
          v[p] = (float) (rnd.nextDouble() * 2 - 1);
          col[p] = rnd.nextInt(rows);
        }
        float[] a = random(rnd, d), b = a.clone();
        // the axpy form through the simd kernels, then the register form
        float[] viaAxpy = a.clone();
        for (int p = 0; p < nnz; p++) simd.axpy(v[p], x, 5 + col[p] * d, viaAxpy, 5, d);
        simd.spmmRow(v, col, 0, nnz, shift(x), d, b, 5);
        assertArrayEquals(viaAxpy, b, "simd spmmRow d=" + d + " nnz=" + nnz);
        float[] c = a.clone();
        SCALAR.spmmRow(v, col, 0, nnz, shift(x), d, c, 5);
        assertClose(c, b, 1e-6, "scalar vs simd spmmRow d=" + d + " nnz=" + nnz);
      }
    }
  }

  /** {@code x} without its 5 leading guard values (so column c's row starts at c·d). */
  private static float[] shift(float[] x) {
    return java.util.Arrays.copyOfRange(x, 5, x.length);
  }
}
