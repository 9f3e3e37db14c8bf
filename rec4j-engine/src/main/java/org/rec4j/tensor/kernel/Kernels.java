package org.rec4j.tensor.kernel;

/**
 * The hot numeric loops of the engine, behind one contract with a scalar reference ({@link
 * ScalarKernels}) and a SIMD implementation on the JDK Vector API chosen once at start-up by {@link
 * KernelProvider}.
 *
 * <p>Arrays are addressed by (array, offset) pairs; matrices are row-major with a leading dimension
 * (row stride). Implementations must agree with {@link ScalarKernels} to within float rounding of a
 * reordered sum.
 */
public interface Kernels {
  /** A short name for logs ("scalar", "simd-512", …). */
  String name();

  /** Σ a[ao+i]·b[bo+i] for i &lt; n. */
  float dot(float[] a, int ao, float[] b, int bo, int n);

  /** y[yo+i] += alpha·x[xo+i]. */
  void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

  /**
   * One row of a CSR sparse × dense product: {@code out[oo+i] += Σ_p v[p]·x[col[p]·d + i]} for p in
   * {@code [from, to)} (in that order) and i in {@code [0, d)} — the same per-element sums, in the
   * same order, as one {@link #axpy} per non-zero, with the output row kept in registers.
   */
  default void spmmRow(
      float[] v, int[] col, int from, int to, float[] x, int d, float[] out, int oo) {
    for (int p = from; p < to; p++) axpy(v[p], x, col[p] * d, out, oo, d);
  }

  /** out = a + b elementwise (out may alias a or b). */
  void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

  /** out = a − b elementwise. */
  void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

  /** out = a · b elementwise. */
  void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

  /** out = alpha · x. */
  void scale(float alpha, float[] x, int xo, float[] out, int oo, int n);

  /** Σ x[xo+i]. */
  float sum(float[] x, int xo, int n);

  /** out = max(x, 0). */
  void relu(float[] x, int xo, float[] out, int oo, int n);

  /** g[go+i] += (y[yo+i] &gt; 0 ? dy[dyo+i] : 0): the ReLU backward given its output y. */
  void reluBackward(float[] y, int yo, float[] dy, int dyo, float[] g, int go, int n);

  /** out = 1 / (1 + e^−x) elementwise (out may alias x). */
  void sigmoid(float[] x, int xo, float[] out, int oo, int n);

  /** Σ x[xo+i]² for i &lt; n (squared L2 norm, for weight decay and gradient clipping). */
  float sumSquares(float[] x, int xo, int n);

  /**
   * max |x[xo+i]| for i &lt; n; 0 when n = 0 and NaN if any element is NaN (divergence checks,
   * clipping).
   */
  float maxAbs(float[] x, int xo, int n);

  /**
   * x[xo + i·ld + j] += bias[bo + j] for i &lt; rows, j &lt; cols: the row-broadcast bias add of a
   * dense layer, in place on a row-major rows×cols matrix with leading dimension ld ≥ cols.
   */
  void addBias(float[] x, int xo, int rows, int cols, int ld, float[] bias, int bo);

  /**
   * out[oo + i·n + j] = act(bias[bo + j] + Σ<sub>p&lt;k</sub> x[xo + i·k + p]·w[wo + p·n + j]) for
   * i &lt; rows, j &lt; n, with act = ReLU when {@code relu} and the identity otherwise; {@code
   * bias} may be null. One narrow dense layer over contiguous rows in a single pass, without
   * packing or a temporary: the inference path of small MLP towers (n = 8…64), where a general gemm
   * spends more on its set-up than on the products. {@code out} must not overlap {@code x}.
   */
  void denseLayer(
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
      int n);

  /**
   * out[oo + i·n + j] = max(0, x[xo + i·n + j] + bias[bo + j]) for i &lt; rows, j &lt; n: a
   * row-vector add fused with ReLU over a contiguous rows×n matrix (out may alias x).
   */
  void addBiasRelu(float[] x, int xo, int rows, int n, float[] bias, int bo, float[] out, int oo);

  /**
   * out[oo + i] = beta·out[oo + i] + Σ<sub>p&lt;k</sub> a[ao + i·k + p]·x[xo + p] for i &lt; rows:
   * the product of a contiguous rows×k matrix with a vector (out is not read when beta is 0).
   */
  void rowDots(
      float[] a, int ao, int rows, int k, float[] x, int xo, float beta, float[] out, int oo);

  /**
   * out[oo + j] += Σ_i x[xo + i·ld + j] for j &lt; cols: column sums of a rows×cols matrix (leading
   * dimension ld ≥ cols) accumulated into out, i.e. the bias gradient of a dense layer.
   */
  void addColumnSums(float[] x, int xo, int rows, int cols, int ld, float[] out, int oo);

  /**
   * One Adam step over {@code n} coordinates in float arithmetic (Kingma &amp; Ba 2015), with the
   * gradient {@code g + l2·w} (coupled L2; pass 0 for none): {@code m = b1·m + (1−b1)·g}, {@code v
   * = b2·v + (1−b2)·g²} (moments below 1e−30 in magnitude are flushed to 0), then {@code w = keep·w
   * − stepSize·m / (√v·invSqrtBias2 + eps)}. {@code m} and {@code v} are addressed like {@code w};
   * {@code stepSize} is lr/(1−β1ᵗ), {@code invSqrtBias2} is 1/√(1−β2ᵗ), {@code keep} is 1 −
   * lr·decay.
   */
  void adamStep(
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
      float l2);

  /**
   * The drift of {@code n} coordinates over steps without a gradient (dense-Adam catch-up): {@code
   * w = keep·w − scale·m / (√v + eps)}, then {@code m ·= d1}, {@code v ·= d2} (flushed below
   * 1e−30).
   */
  void adamDrift(
      float[] w,
      float[] m,
      float[] v,
      int o,
      int n,
      float scale,
      float eps,
      float keep,
      float d1,
      float d2);

  /**
   * General matrix multiply: C = alpha·op(A)·op(B) + beta·C with op(A) of shape m×k and op(B) k×n,
   * where op transposes when the flag is set. A is stored m×k (lda ≥ k) or, transposed, k×m (lda ≥
   * m); likewise B. When beta is 0, C is only written, never read (NaN or garbage in C does not
   * propagate), as in BLAS. Elements of C outside the m×n window (between n and ldc) are left
   * untouched. Large products may be split over {@link Parallel} threads; the result does not
   * depend on the thread count.
   *
   * @throws IllegalArgumentException if a size is negative or a leading dimension is too small
   */
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
