package org.rec4j.tensor.kernel;

/**
 * The plain-Java reference implementation of {@link Kernels}; every SIMD kernel is tested against
 * it.
 */
public final class ScalarKernels implements Kernels {
  /** The shared instance. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  /**
   * Rows of B kept hot per pass of the non-transposed-B gemm loop (a block of {@code K_BLOCK × n}
   * floats).
   */
  private static final int K_BLOCK = 128;

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
  }

  @Override
  public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
  }

  @Override
  public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
  }

  @Override
  public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
  }

  @Override
  public void scale(float alpha, float[] x, int xo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = alpha * x[xo + i];
  }

  @Override
  public float sum(float[] x, int xo, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += x[xo + i];
    return s;
  }

  @Override
  public void relu(float[] x, int xo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0f);
  }

  @Override
  public void reluBackward(float[] y, int yo, float[] dy, int dyo, float[] g, int go, int n) {
    for (int i = 0; i < n; i++) if (y[yo + i] > 0f) g[go + i] += dy[dyo + i];
  }

  @Override
  public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = (float) (1.0 / (1.0 + Math.exp(-x[xo + i])));
  }

  @Override
  public float sumSquares(float[] x, int xo, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += x[xo + i] * x[xo + i];
    return s;
  }

  @Override
  public float maxAbs(float[] x, int xo, int n) {
    float m = 0f;
    for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(x[xo + i]));
    return m;
  }

  @Override
  public void addBias(float[] x, int xo, int rows, int cols, int ld, float[] bias, int bo) {
    for (int i = 0; i < rows; i++) {
      int xi = xo + i * ld;
      for (int j = 0; j < cols; j++) x[xi + j] += bias[bo + j];
    }
  }

  @Override
  public void denseLayer(
      float[] x,
      int xo,
      int rows,
      int k,
      float[] w,
      int wo,
      float[] bias,
      int bo,
      boolean relu,
      float[] out,
      int oo,
      int n) {
    for (int i = 0; i < rows; i++) {
      int xi = xo + i * k, oi = oo + i * n;
      for (int j = 0; j < n; j++) out[oi + j] = bias == null ? 0f : bias[bo + j];
      for (int p = 0; p < k; p++) {
        float xp = x[xi + p];
        int wp = wo + p * n;
        for (int j = 0; j < n; j++) out[oi + j] += xp * w[wp + j];
      }
      if (relu) for (int j = 0; j < n; j++) out[oi + j] = Math.max(out[oi + j], 0f);
    }
  }

  @Override
  public void addBiasRelu(
      float[] x, int xo, int rows, int n, float[] bias, int bo, float[] out, int oo) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++)
        out[oo + i * n + j] = Math.max(x[xo + i * n + j] + bias[bo + j], 0f);
    }
  }

  @Override
  public void rowDots(
      float[] a, int ao, int rows, int k, float[] x, int xo, float beta, float[] out, int oo) {
    for (int i = 0; i < rows; i++) {
      float s = dot(a, ao + i * k, x, xo, k);
      out[oo + i] = beta == 0f ? s : beta * out[oo + i] + s;
    }
  }

  @Override
  public void addColumnSums(float[] x, int xo, int rows, int cols, int ld, float[] out, int oo) {
    for (int i = 0; i < rows; i++) {
      int xi = xo + i * ld;
      for (int j = 0; j < cols; j++) out[oo + j] += x[xi + j];
    }
  }

  /**
   * Splits large products over {@link Parallel} row blocks; each block runs {@code gemmSerial}: C
   * is first scaled by beta (cleared when beta is 0, so its old contents are never read), then
   * op(A)·op(B) is accumulated in an order that walks B and C along rows.
   */
  @Override
  public void adamStep(
      float[] w,
      int wo,
      float[] g,
      int go,
      float[] m,
      float[] v,
      int n,
      float b1,
      float b2,
      float stepSize,
      float invSqrtBias2,
      float eps,
      float keep,
      float l2) {
    for (int j = 0; j < n; j++) {
      int i = wo + j;
      float gi = g[go + j] + l2 * w[i];
      float mi = b1 * m[i] + (1f - b1) * gi;
      float vi = b2 * v[i] + (1f - b2) * gi * gi;
      if (Math.abs(mi) < 1e-30f) mi = 0f;
      if (Math.abs(vi) < 1e-30f) vi = 0f;
      m[i] = mi;
      v[i] = vi;
      w[i] = keep * w[i] - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBias2 + eps);
    }
  }

  @Override
  public void adamDrift(
      float[] w,
      float[] m,
      float[] v,
      int o,
      int n,
      float scale,
      float eps,
      float keep,
      float d1,
      float d2) {
    for (int i = o; i < o + n; i++) {
      w[i] = keep * w[i] - scale * m[i] / ((float) Math.sqrt(v[i]) + eps);
      float mi = m[i] * d1, vi = v[i] * d2;
      m[i] = Math.abs(mi) < 1e-30f ? 0f : mi;
      v[i] = Math.abs(vi) < 1e-30f ? 0f : vi;
    }
  }

  @Override
  public void gemm(
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
    GemmDriver.run(
        ScalarKernels::gemmSerial,
        1,
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a,
        aOff,
        lda,
        b,
        bOff,
        ldb,
        beta,
        c,
        cOff,
        ldc);
  }

  private static void gemmSerial(
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
    int ars = transA ? 1 : lda; // A(i, p) = a[aOff + i * ars + p * acs]
    int acs = transA ? lda : 1;
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) c[ci + j] = beta == 0f ? 0f : beta * c[ci + j];
    }
    if (!transB) {
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        int p1 = Math.min(k, p0 + K_BLOCK);
        for (int i = 0; i < m; i++) {
          int ci = cOff + i * ldc;
          for (int p = p0; p < p1; p++) {
            float av = alpha * a[aOff + i * ars + p * acs];
            int bp = bOff + p * ldb;
            for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
          }
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        for (int j = 0; j < n; j++) {
          int bj = bOff + j * ldb;
          float s = 0f;
          for (int p = 0; p < k; p++) s += a[aOff + i * ars + p * acs] * b[bj + p];
          c[ci + j] += alpha * s;
        }
      }
    }
  }
}
