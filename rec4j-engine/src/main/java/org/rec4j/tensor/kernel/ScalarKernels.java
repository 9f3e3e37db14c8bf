package org.rec4j.tensor.kernel;

/** The plain-Java reference implementation of {@link Kernels}; every SIMD kernel is tested against it. */
public final class ScalarKernels implements Kernels {
  /** The shared instance. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

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
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (beta == 0f) {
        for (int j = 0; j < n; j++) c[ci + j] = 0f;
      } else if (beta != 1f) {
        for (int j = 0; j < n; j++) c[ci + j] *= beta;
      }
      for (int p = 0; p < k; p++) {
        float av = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
        if (av == 0f) continue;
        if (!transB) {
          int bp = bOff + p * ldb;
          for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
        } else {
          for (int j = 0; j < n; j++) c[ci + j] += av * b[bOff + j * ldb + p];
        }
      }
    }
  }
}
