package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kernels must give the same results whichever way the JIT has compiled them: the first calls run
 * interpreted or in C1, later ones in C2. A float lane reduction ({@code reduceLanes(ADD)}, whose
 * order the Vector API leaves open: C2 sums as a tree) and a vector {@code lanewise(EXP)} (a
 * different approximation in C2) both changed their results once compiled, which made training
 * depend on compile timing — two identical NeuMF runs gave HR@10 .5939 and .5937. Each kernel here
 * is called until it has surely been compiled, on data whose result depends on the order of
 * additions, and every result must equal the first.
 */
class ReductionDeterminismTest {
  private static Kernels simd;
  private static final int CALLS = 30_000;

  @BeforeAll
  static void loadSimd() {
    simd = KernelProvider.simdOrNull();
    assumeTrue(simd != null, "Vector API unavailable");
  }

  /**
   * Values spanning 16 orders of magnitude with both signs: their float sum depends on the
   * association.
   */
  private static float[] orderSensitive(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++)
      x[i] =
          (float)
              ((r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextInt(-8, 8)) * (1 + r.nextDouble()));
    return x;
  }

  private static void sameEveryCall(String what, DoubleSupplier f) {
    double first = f.getAsDouble();
    for (int i = 1; i < CALLS; i++) {
      double v = f.getAsDouble();
      if (Double.doubleToLongBits(v) != Double.doubleToLongBits(first)) {
        assertEquals(first, v, 0.0, what + ": call " + i + " differs from the first call");
      }
    }
  }

  @Test
  void dotSumAndSumOfSquaresDoNotDependOnCompilation() {
    float[] a = orderSensitive(67, 1), b = orderSensitive(67, 2);
    sameEveryCall("dot", () -> simd.dot(a, 1, b, 2, 64));
    sameEveryCall("sum", () -> simd.sum(a, 0, 67));
    sameEveryCall("sumSquares", () -> simd.sumSquares(a, 3, 61));
  }

  @Test
  void rowDotsKernelAndMatrixVectorGemmDoNotDependOnCompilation() {
    float[] a = orderSensitive(256 * 16, 3), x = orderSensitive(16, 4), out = new float[256];
    sameEveryCall(
        "rowDots",
        () -> {
          simd.rowDots(a, 0, 256, 16, x, 0, 0f, out, 0);
          return checksum(out);
        });
    float[] c = new float[256];
    sameEveryCall(
        "gemm n=1",
        () -> { // the one-output layer of a 16-wide tower over a 256-row batch
          simd.gemm(false, false, 256, 1, 16, 1f, a, 0, 16, x, 0, 1, 0f, c, 0, 1);
          return checksum(c);
        });
  }

  @Test
  void sigmoidDoesNotDependOnCompilation() {
    float[] x = new float[1000], y = new float[1000];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-20, 20);
    sameEveryCall(
        "sigmoid",
        () -> {
          simd.sigmoid(x, 0, y, 0, x.length);
          return checksum(y);
        });
  }

  /** A sum of the values' bit patterns: any change in any value changes it. */
  private static double checksum(float[] v) {
    long h = 0;
    for (float f : v) h = 31 * h + Float.floatToRawIntBits(f);
    return h;
  }
}
