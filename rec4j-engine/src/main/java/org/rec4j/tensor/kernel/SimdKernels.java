package org.rec4j.tensor.kernel;

import static org.rec4j.tensor.kernel.SimdGemm.L;
import static org.rec4j.tensor.kernel.SimdGemm.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Kernels} on the JDK Vector API ({@code jdk.incubator.vector}), using the platform's
 * preferred float vector width ({@code FloatVector.SPECIES_PREFERRED}: 16 lanes on AVX-512, 8 on
 * AVX2). Loaded reflectively by {@link KernelProvider}, which falls back to {@link ScalarKernels}
 * when the module is absent.
 *
 * <p>Elementwise kernels step one vector at a time with masked loads and stores (the mask is
 * all-true except on the tail); dot and sumSquares keep two accumulators, so reductions sum in a
 * different order (and round slightly differently) than the scalar reference. No method passes
 * vectors across a call: values that cross a call the JIT did not inline get boxed, which costs far
 * more than the arithmetic. gemm is {@link SimdGemm} behind the argument checks of {@link
 * GemmDriver}; large products share each packed block of B between the {@link Parallel} threads.
 */
public final class SimdKernels implements Kernels {
  /** The shared instance; {@link KernelProvider} reads this field reflectively. */
  public static final SimdKernels INSTANCE = new SimdKernels();

  private static final int ADD = 0;
  private static final int SUB = 1;
  private static final int MUL = 2;

  private SimdKernels() {}

  @Override
  public String name() {
    return "simd-" + SPECIES.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = s0;
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      s0 =
          FloatVector.fromArray(SPECIES, a, ao + i)
              .fma(FloatVector.fromArray(SPECIES, b, bo + i), s0);
      s1 =
          FloatVector.fromArray(SPECIES, a, ao + i + L)
              .fma(FloatVector.fromArray(SPECIES, b, bo + i + L), s1);
    }
    for (; i < n; i += L) {
      VectorMask<Float> m = SPECIES.indexInRange(i, n);
      s0 =
          FloatVector.fromArray(SPECIES, a, ao + i, m)
              .fma(FloatVector.fromArray(SPECIES, b, bo + i, m), s0);
    }
    return laneSum(s0.add(s1));
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    // full vectors unmasked, the tail in scalar code: a partial mask near an array's end falls off
    // the
    // intrinsified path into a per-lane bounds check that costs more than the scalar tail
    int bound = SPECIES.loopBound(n), i = 0;
    FloatVector a = FloatVector.broadcast(SPECIES, alpha);
    for (; i < bound; i += L) {
      FloatVector.fromArray(SPECIES, x, xo + i)
          .fma(a, FloatVector.fromArray(SPECIES, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
  }

  @Override
  public void spmmRow(
      float[] v, int[] col, int from, int to, float[] x, int d, float[] out, int oo) {
    if (to - from < 2) {
      if (to > from) axpy(v[from], x, col[from] * d, out, oo, d);
      return;
    }
    int bound = SPECIES.loopBound(d), i = 0;
    // four vectors of the output row at a time stay in registers across the row's non-zeros;
    // each lane sums fma(x, v, acc) in non-zero order, as axpy does
    for (; i + 4 * L <= bound; i += 4 * L) {
      FloatVector a0 = FloatVector.fromArray(SPECIES, out, oo + i);
      FloatVector a1 = FloatVector.fromArray(SPECIES, out, oo + i + L);
      FloatVector a2 = FloatVector.fromArray(SPECIES, out, oo + i + 2 * L);
      FloatVector a3 = FloatVector.fromArray(SPECIES, out, oo + i + 3 * L);
      for (int p = from; p < to; p++) {
        FloatVector w = FloatVector.broadcast(SPECIES, v[p]);
        int xo = col[p] * d + i;
        a0 = FloatVector.fromArray(SPECIES, x, xo).fma(w, a0);
        a1 = FloatVector.fromArray(SPECIES, x, xo + L).fma(w, a1);
        a2 = FloatVector.fromArray(SPECIES, x, xo + 2 * L).fma(w, a2);
        a3 = FloatVector.fromArray(SPECIES, x, xo + 3 * L).fma(w, a3);
      }
      a0.intoArray(out, oo + i);
      a1.intoArray(out, oo + i + L);
      a2.intoArray(out, oo + i + 2 * L);
      a3.intoArray(out, oo + i + 3 * L);
    }
    for (; i < bound; i += L) {
      FloatVector a0 = FloatVector.fromArray(SPECIES, out, oo + i);
      for (int p = from; p < to; p++)
        a0 =
            FloatVector.fromArray(SPECIES, x, col[p] * d + i)
                .fma(FloatVector.broadcast(SPECIES, v[p]), a0);
      a0.intoArray(out, oo + i);
    }
    for (; i < d; i++) {
      float acc = out[oo + i];
      for (int p = from; p < to; p++) acc += v[p] * x[col[p] * d + i];
      out[oo + i] = acc;
    }
  }

  @Override
  public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    binary(ADD, a, ao, b, bo, out, oo, n);
  }

  @Override
  public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    binary(SUB, a, ao, b, bo, out, oo, n);
  }

  @Override
  public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    binary(MUL, a, ao, b, bo, out, oo, n);
  }

  @Override
  public void scale(float alpha, float[] x, int xo, float[] out, int oo, int n) {
    int bound = SPECIES.loopBound(n), i = 0;
    for (; i < bound; i += L)
      FloatVector.fromArray(SPECIES, x, xo + i).mul(alpha).intoArray(out, oo + i);
    for (; i < n; i++) out[oo + i] = alpha * x[xo + i];
  }

  @Override
  public float sum(float[] x, int xo, int n) {
    FloatVector s = FloatVector.zero(SPECIES);
    for (int i = 0; i < n; i += L) {
      s = s.add(FloatVector.fromArray(SPECIES, x, xo + i, SPECIES.indexInRange(i, n)));
    }
    return laneSum(s);
  }

  @Override
  public void relu(float[] x, int xo, float[] out, int oo, int n) {
    int bound = SPECIES.loopBound(n), i = 0;
    for (; i < bound; i += L)
      FloatVector.fromArray(SPECIES, x, xo + i).max(0f).intoArray(out, oo + i);
    for (; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0f);
  }

  @Override
  public void reluBackward(float[] y, int yo, float[] dy, int dyo, float[] g, int go, int n) {
    int bound = SPECIES.loopBound(n), i = 0;
    for (; i < bound; i += L) {
      VectorMask<Float> pos =
          FloatVector.fromArray(SPECIES, y, yo + i).compare(VectorOperators.GT, 0f);
      FloatVector.fromArray(SPECIES, g, go + i)
          .add(FloatVector.fromArray(SPECIES, dy, dyo + i), pos)
          .intoArray(g, go + i);
    }
    for (; i < n; i++) if (y[yo + i] > 0f) g[go + i] += dy[dyo + i];
  }

  /**
   * The scalar kernel's {@code Math.exp} form. A vector {@code lanewise(EXP)} compiles in C2 to a
   * different approximation than the per-lane {@code Math.exp} the interpreter and C1 run, so its
   * results changed once the kernel was compiled ({@code ReductionDeterminismTest}); {@code
   * Math.exp} is the same in every tier.
   */
  @Override
  public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
    ScalarKernels.INSTANCE.sigmoid(x, xo, out, oo, n);
  }

  @Override
  public float sumSquares(float[] x, int xo, int n) {
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = s0;
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      FloatVector v0 = FloatVector.fromArray(SPECIES, x, xo + i);
      FloatVector v1 = FloatVector.fromArray(SPECIES, x, xo + i + L);
      s0 = v0.fma(v0, s0);
      s1 = v1.fma(v1, s1);
    }
    for (; i < n; i += L) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, xo + i, SPECIES.indexInRange(i, n));
      s0 = v.fma(v, s0);
    }
    return laneSum(s0.add(s1));
  }

  @Override
  public float maxAbs(float[] x, int xo, int n) {
    FloatVector mx = FloatVector.zero(SPECIES);
    for (int i = 0; i < n; i += L) {
      mx = mx.max(FloatVector.fromArray(SPECIES, x, xo + i, SPECIES.indexInRange(i, n)).abs());
    }
    return mx.reduceLanes(VectorOperators.MAX);
  }

  @Override
  public void addBias(float[] x, int xo, int rows, int cols, int ld, float[] bias, int bo) {
    for (int i = 0; i < rows; i++) add(x, xo + i * ld, bias, bo, x, xo + i * ld, cols);
  }

  /**
   * Register tiles of eight accumulators, enough to hide the FMA latency (4 cycles × 2 ports): four
   * rows × two column vectors while two full vectors of columns remain, else eight rows × one
   * vector; the bias is their start value. ReLU is a second pass over the (cache-resident) output:
   * applying it per tile would need a vector helper call or a merge of two vector values, and C2
   * boxes both (measured: a third of the time went to allocating vectors). Leftover rows go one at
   * a time; columns past the last full vector (n mod L) to a scalar loop.
   */
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
    int nv = n - n % L;
    if (bias
        == null) { // a zero bias rather than a conditional vector (C2 boxes a merge of two vector
      // values)
      bias = new float[n];
      bo = 0;
    }
    int j = 0;
    for (; j + 2 * L <= nv; j += 2 * L) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bias, bo + j);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bias, bo + j + L);
      int i = 0;
      for (; i + 4 <= rows; i += 4) {
        int x0 = xo + i * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
        FloatVector a0 = b0, a1 = b0, a2 = b0, a3 = b0, c0 = b1, c1 = b1, c2 = b1, c3 = b1;
        for (int p = 0, wp = wo + j; p < k; p++, wp += n) {
          FloatVector w0 = FloatVector.fromArray(SPECIES, w, wp);
          FloatVector w1 = FloatVector.fromArray(SPECIES, w, wp + L);
          FloatVector v = FloatVector.broadcast(SPECIES, x[x0 + p]);
          a0 = w0.fma(v, a0);
          c0 = w1.fma(v, c0);
          v = FloatVector.broadcast(SPECIES, x[x1 + p]);
          a1 = w0.fma(v, a1);
          c1 = w1.fma(v, c1);
          v = FloatVector.broadcast(SPECIES, x[x2 + p]);
          a2 = w0.fma(v, a2);
          c2 = w1.fma(v, c2);
          v = FloatVector.broadcast(SPECIES, x[x3 + p]);
          a3 = w0.fma(v, a3);
          c3 = w1.fma(v, c3);
        }
        int o = oo + i * n + j;
        a0.intoArray(out, o);
        c0.intoArray(out, o + L);
        a1.intoArray(out, o + n);
        c1.intoArray(out, o + n + L);
        a2.intoArray(out, o + 2 * n);
        c2.intoArray(out, o + 2 * n + L);
        a3.intoArray(out, o + 3 * n);
        c3.intoArray(out, o + 3 * n + L);
      }
      denseRows(x, xo, i, rows, k, w, wo, bias, bo, out, oo, n, j, j + 2 * L);
    }
    for (; j < nv; j += L) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bias, bo + j);
      int i = 0;
      for (; i + 8 <= rows; i += 8) {
        int x0 = xo + i * k;
        FloatVector a0 = b0, a1 = b0, a2 = b0, a3 = b0, a4 = b0, a5 = b0, a6 = b0, a7 = b0;
        for (int p = 0, wp = wo + j; p < k; p++, wp += n) {
          FloatVector wv = FloatVector.fromArray(SPECIES, w, wp);
          int xp = x0 + p;
          a0 = wv.fma(FloatVector.broadcast(SPECIES, x[xp]), a0);
          a1 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + k]), a1);
          a2 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + 2 * k]), a2);
          a3 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + 3 * k]), a3);
          a4 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + 4 * k]), a4);
          a5 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + 5 * k]), a5);
          a6 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + 6 * k]), a6);
          a7 = wv.fma(FloatVector.broadcast(SPECIES, x[xp + 7 * k]), a7);
        }
        int o = oo + i * n + j;
        a0.intoArray(out, o);
        a1.intoArray(out, o + n);
        a2.intoArray(out, o + 2 * n);
        a3.intoArray(out, o + 3 * n);
        a4.intoArray(out, o + 4 * n);
        a5.intoArray(out, o + 5 * n);
        a6.intoArray(out, o + 6 * n);
        a7.intoArray(out, o + 7 * n);
      }
      denseRows(x, xo, i, rows, k, w, wo, bias, bo, out, oo, n, j, j + L);
    }
    if (nv < n) {
      for (int r = 0; r < rows; r++) {
        int xi = xo + r * k, oi = oo + r * n;
        for (int c = nv; c < n; c++) {
          float s = bias[bo + c];
          for (int p = 0; p < k; p++) s += x[xi + p] * w[wo + p * n + c];
          out[oi + c] = s;
        }
      }
    }
    if (relu) relu(out, oo, out, oo, rows * n);
  }

  /**
   * Rows [from, rows) of {@link #denseLayer} for the full column vectors in [j0, j1), one row and
   * vector at a time.
   */
  private static void denseRows(
      float[] x,
      int xo,
      int from,
      int rows,
      int k,
      float[] w,
      int wo,
      float[] bias,
      int bo,
      float[] out,
      int oo,
      int n,
      int j0,
      int j1) {
    for (int i = from; i < rows; i++) {
      int xi = xo + i * k, oi = oo + i * n;
      for (int j = j0; j < j1; j += L) {
        FloatVector a = FloatVector.fromArray(SPECIES, bias, bo + j);
        for (int p = 0, wp = wo + j; p < k; p++, wp += n) {
          a =
              FloatVector.fromArray(SPECIES, w, wp)
                  .fma(FloatVector.broadcast(SPECIES, x[xi + p]), a);
        }
        a.intoArray(out, oi + j);
      }
    }
  }

  /**
   * When n is a multiple of the vector length, one flat loop over all rows×n elements with the bias
   * offset wrapping at n (rows of 16–64 floats give the per-row inner loop too few trips to pay for
   * its set-up); else row by row.
   */
  @Override
  public void addBiasRelu(
      float[] x, int xo, int rows, int n, float[] bias, int bo, float[] out, int oo) {
    if (n % L == 0 && n > 0) {
      int total = rows * n;
      for (int t = 0, j = 0; t < total; t += L) {
        FloatVector.fromArray(SPECIES, x, xo + t)
            .add(FloatVector.fromArray(SPECIES, bias, bo + j))
            .max(0f)
            .intoArray(out, oo + t);
        j += L;
        if (j == n) j = 0;
      }
      return;
    }
    int bound = SPECIES.loopBound(n);
    for (int i = 0; i < rows; i++) {
      int xi = xo + i * n, oi = oo + i * n, j = 0;
      for (; j < bound; j += L) {
        FloatVector.fromArray(SPECIES, x, xi + j)
            .add(FloatVector.fromArray(SPECIES, bias, bo + j))
            .max(0f)
            .intoArray(out, oi + j);
      }
      for (; j < n; j++) out[oi + j] = Math.max(x[xi + j] + bias[bo + j], 0f);
    }
  }

  /**
   * The n = 1 path of the gemm ({@code SimdGemm.rowDots}) on contiguous rows and a contiguous
   * output.
   */
  @Override
  public void rowDots(
      float[] a, int ao, int rows, int k, float[] x, int xo, float beta, float[] out, int oo) {
    SimdGemm.rowDots(0, rows, k, 1f, a, ao, k, x, xo, beta, out, oo, 1);
  }

  @Override
  public void addColumnSums(float[] x, int xo, int rows, int cols, int ld, float[] out, int oo) {
    for (int j = 0; j < cols; j += L) {
      VectorMask<Float> m = SPECIES.indexInRange(j, cols);
      FloatVector s = FloatVector.zero(SPECIES);
      for (int i = 0, xi = xo + j; i < rows; i++, xi += ld)
        s = s.add(FloatVector.fromArray(SPECIES, x, xi, m));
      s.add(FloatVector.fromArray(SPECIES, out, oo + j, m)).intoArray(out, oo + j, m);
    }
  }

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
    int bound = SPECIES.loopBound(n);
    int j = 0;
    for (; j < bound; j += L) {
      int i = wo + j;
      FloatVector gi =
          FloatVector.fromArray(SPECIES, g, go + j)
              .add(FloatVector.fromArray(SPECIES, w, i).mul(l2));
      FloatVector mi = FloatVector.fromArray(SPECIES, m, i).mul(b1).add(gi.mul(1f - b1));
      FloatVector vi = FloatVector.fromArray(SPECIES, v, i).mul(b2).add(gi.mul(gi).mul(1f - b2));
      mi = flush(mi);
      vi = flush(vi);
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector den = vi.sqrt().mul(invSqrtBias2).add(eps);
      FloatVector.fromArray(SPECIES, w, i).mul(keep).sub(mi.mul(stepSize).div(den)).intoArray(w, i);
    }
    if (j
        < n) { // scalar tail: a masked store always runs a per-lane bounds check, slower than 8–15
      // scalar lanes
      ScalarKernels.INSTANCE.adamStep(
          w, wo + j, g, go + j, m, v, n - j, b1, b2, stepSize, invSqrtBias2, eps, keep, l2);
    }
  }

  /**
   * The sum of v's lanes, first to last. Not {@code reduceLanes(ADD)}: the Vector API leaves the
   * order of a float reduction open, and C2 adds as a tree while the interpreter and C1 add in lane
   * order, so the same call gave different results before and after compilation — training runs
   * differed with JIT timing ({@code ReductionDeterminismTest}). Lane extraction with the constant
   * indices of this unrolled loop compiles to shuffles; measured as fast as the reduction in a 256
   * × 16 row-dot loop.
   */
  static float laneSum(FloatVector v) {
    float s = 0f;
    for (int r = 0; r < L; r++) s += v.lane(r);
    return s;
  }

  /** 2^-76: adding and subtracting it rounds every value to a multiple of 2^-99 (about 1.6e-30). */
  private static final float FLUSH = 0x1p-76f;

  /**
   * Flushes lanes of magnitude below about 1e-30 to zero (so decaying moments never turn subnormal)
   * by adding and subtracting {@link #FLUSH}; larger values change by at most 2^-100 in absolute
   * terms, far below their own float precision. Mask-based forms ({@code abs().lt(..)} + {@code
   * blend}) were not all intrinsified in these kernels on AVX2 and boxed vectors every call (JFR
   * allocation profile), so this uses two plain additions.
   */
  private static FloatVector flush(FloatVector x) {
    return x.add(FLUSH).sub(FLUSH);
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
    int bound = SPECIES.loopBound(n);
    int j = 0;
    for (; j < bound; j += L) {
      int i = o + j;
      FloatVector mi = FloatVector.fromArray(SPECIES, m, i),
          vi = FloatVector.fromArray(SPECIES, v, i);
      FloatVector den = vi.sqrt().add(eps);
      FloatVector.fromArray(SPECIES, w, i).mul(keep).sub(mi.mul(scale).div(den)).intoArray(w, i);
      mi = mi.mul(d1);
      vi = vi.mul(d2);
      flush(mi).intoArray(m, i);
      flush(vi).intoArray(v, i);
    }
    if (j < n) {
      ScalarKernels.INSTANCE.adamDrift(w, m, v, o + j, n - j, scale, eps, keep, d1, d2);
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
    GemmDriver.check(transA, transB, m, n, k, lda, ldb, ldc);
    if (m == 0 || n == 0) return;
    boolean parallel = Parallel.worthSplitting(2L * m * n * k, m, SimdGemm.MR);
    SimdGemm.gemm(
        transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
  }

  /**
   * out = a op b. The operation is chosen by a switch on plain ints, each arm with its own constant
   * vector operation, so every arm is intrinsified even if the JIT does not inline this method into
   * its caller (a {@code VectorOperators} argument would only be constant after inlining).
   */
  private static void binary(
      int op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    int bound = SPECIES.loopBound(n), i = 0;
    // one loop per operation: a single vector result per iteration, never a merge of differently
    // computed vectors,
    // which C2 would have to box
    switch (op) {
      case ADD -> {
        for (; i < bound; i += L)
          FloatVector.fromArray(SPECIES, a, ao + i)
              .add(FloatVector.fromArray(SPECIES, b, bo + i))
              .intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
      }
      case SUB -> {
        for (; i < bound; i += L)
          FloatVector.fromArray(SPECIES, a, ao + i)
              .sub(FloatVector.fromArray(SPECIES, b, bo + i))
              .intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
      }
      default -> {
        for (; i < bound; i += L)
          FloatVector.fromArray(SPECIES, a, ao + i)
              .mul(FloatVector.fromArray(SPECIES, b, bo + i))
              .intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
      }
    }
  }
}
