package org.rec4j.tensor.kernel;

/**
 * The part of gemm shared by the providers: argument checks ({@link #check}, used by all), and for
 * kernels without their own parallel scheme ({@link ScalarKernels}) splitting a large product over
 * blocks of output rows on {@link Parallel} ({@link #run}). Each row block is an independent
 * smaller gemm (same B, a slice of A and C), so such a provider only writes a single-threaded
 * {@link Serial} kernel. {@link SimdGemm} splits inside its blocking instead, so that its threads
 * share each packed block of B rather than each packing all of B.
 */
final class GemmDriver {
  /** A single-threaded gemm with the {@link Kernels#gemm} contract. */
  @FunctionalInterface
  interface Serial {
    void gemm(
        boolean transA,
        boolean transB,
        int m,
        int n,
        int k,
        float alpha,
        float[] a,
        int aOff,
        int lda,
        float[] b,
        int bOff,
        int ldb,
        float beta,
        float[] c,
        int cOff,
        int ldc);
  }

  private GemmDriver() {}

  /**
   * Runs {@code serial} on the whole problem, or on row blocks in parallel when the problem is
   * large enough. Row blocks are multiples of {@code align} rows so a provider's register tiles
   * stay full.
   */
  static void run(
      Serial serial,
      int align,
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    check(transA, transB, m, n, k, lda, ldb, ldc);
    if (m == 0 || n == 0) return;
    long flops = 2L * m * n * k;
    if (!Parallel.worthSplitting(flops, m, align)) {
      serial.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    Parallel.forRows(
        m,
        align,
        (from, to) ->
            serial.gemm(
                transA,
                transB,
                to - from,
                n,
                k,
                alpha,
                a,
                aOff + (transA ? from : from * lda),
                lda,
                b,
                bOff,
                ldb,
                beta,
                c,
                cOff + from * ldc,
                ldc));
  }

  /** Checks sizes and leading dimensions, naming the offending value. */
  static void check(
      boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "gemm sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
    }
    checkLd("lda", lda, transA ? m : k);
    checkLd("ldb", ldb, transB ? k : n);
    checkLd("ldc", ldc, n);
  }

  private static void checkLd(String name, int ld, int rowLength) {
    if (ld < Math.max(1, rowLength)) {
      throw new IllegalArgumentException(name + " must be >= max(1, " + rowLength + "), got " + ld);
    }
  }
}
