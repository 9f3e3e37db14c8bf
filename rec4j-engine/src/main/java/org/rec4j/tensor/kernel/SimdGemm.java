package org.rec4j.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded, cache-blocked gemm on the Vector API, the serial half of {@link
 * SimdKernels#gemm}.
 *
 * <p>Blocking follows the usual Goto scheme: columns in blocks of {@link #NC}, the inner dimension
 * in blocks of {@link #KC}, rows in blocks of {@link #MC}. Each KC×NC block of op(B) is packed into
 * panels {@link #NR} = 2·VLEN floats wide (zero padded), so the micro-kernel reads B contiguously
 * and without masks whatever the transpose flag. The micro-kernel broadcasts A(i, p) through a (row
 * stride, column stride) pair, so it reads either layout of A in place; A is packed into MR-row
 * panels ([panel][p][row], contiguous) only when n ≥ {@link #PACK_A_MIN_N}, where each packed block
 * is reused across enough column panels to repay the copy, and its rows are at least {@link
 * #PACK_A_MIN_STRIDE} floats apart. The small products of recommender MLPs (n = 8…64, k ≤ 64)
 * therefore copy nothing but B, which is tiny.
 *
 * <p>Two degenerate shapes skip the tiles, whose padding would waste most of their work: n = 1 (a
 * matrix-vector product — the one-output layer of a scoring tower, and its weight gradient) runs as
 * dot products of A's rows (four rows per pass) or, for a transposed A, as sums of its contiguous
 * stored rows; k = 1 (the input gradient of that layer, g·wᵀ) runs as one scaled copy of the B row
 * per row of C.
 *
 * <p>The micro-kernel keeps an {@link #MR}×NR tile of C in 12 vector registers across the whole k
 * loop, then hands it to {@code update} through a small per-thread buffer, which applies C =
 * alpha·tile + beta·C (masked on the last panel, C unread when beta is 0). The last panel is only
 * one vector wide when that suffices, so n = 8 or n = 16 do not pay for 2·VLEN. Block sizes were
 * picked by measurement on a Zen 5 core (KC 128…512 and MC 96…192 were within noise of each other
 * at 1024³; see docs/benchmarks-kernels.md).
 *
 * <p>Packing buffers are per thread and grow once, so a warmed-up caller allocates nothing.
 */
final class SimdGemm {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int L = SPECIES.length();

  /** Rows of C per micro-kernel tile. */
  static final int MR = 6;

  /** Columns of C per micro-kernel tile (two vectors). */
  static final int NR = 2 * L;

  static final int KC = 256;
  static final int MC = 24 * MR;
  static final int NC = 2048;

  /**
   * A is packed only when each of its blocks is reused by at least this many columns of C (four
   * panels).
   */
  static final int PACK_A_MIN_N = 4 * NR;

  /**
   * ... and only when its rows lie at least this many floats (1 KiB) apart. Rows closer than that
   * share pages and do not collide in the cache, so the tile reads them in place as fast as from a
   * copy; for the input gradient G·Wᵀ of an MLP layer (256 × 32 · 32 × 64) skipping the copy took
   * 30 → 22 µs (docs/benchmarks-kernels.md).
   */
  static final int PACK_A_MIN_STRIDE = 256;

  private static final ThreadLocal<float[]> TILE =
      ThreadLocal.withInitial(() -> new float[MR * NR]);
  private static final ThreadLocal<float[][]> PACK = ThreadLocal.withInitial(() -> new float[3][0]);

  private SimdGemm() {}

  /**
   * The {@link Kernels#gemm} contract (arguments already checked, m, n &gt; 0). With {@code
   * parallel}, each packed block of B is shared and the row blocks that use it are spread over
   * {@link Parallel}; otherwise everything runs on the calling thread. Each row of C is computed
   * the same way either way, so the results are identical.
   */
  static void gemm(
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
      int ldc,
      boolean parallel) {
    if (k == 0) {
      scaleC(m, n, beta, c, cOff, ldc);
      return;
    }
    int ars = transA ? 1 : lda; // A(i, p) = a[aOff + i * ars + p * acs]
    int acs = transA ? lda : 1;
    if (n == 1) { // a matrix-vector product: the output layer of every scoring tower and its weight
      // gradient
      float[] x = contiguousB(b, bOff, transB ? 1 : ldb, k);
      int xo = x == b ? bOff : 0;
      if (parallel && !transA) {
        Parallel.forRows(
            m,
            MR,
            (from, to) -> rowDots(from, to, k, alpha, a, aOff, lda, x, xo, beta, c, cOff, ldc));
      } else if (transA) {
        columnSums(m, k, alpha, a, aOff, lda, x, xo, beta, c, cOff, ldc);
      } else {
        rowDots(0, m, k, alpha, a, aOff, lda, x, xo, beta, c, cOff, ldc);
      }
      return;
    }
    if (k == 1) { // a rank-1 update: the input gradient of a one-output layer
      float[] y = contiguousB(b, bOff, transB ? ldb : 1, n);
      rankOne(m, n, alpha, a, aOff, ars, y, y == b ? bOff : 0, beta, c, cOff, ldc);
      return;
    }
    float[] packed = grow(PACK.get(), 0, Math.min(KC, k) * roundUp(Math.min(NC, n), NR));
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        if (transB) {
          packTransposed(b, bOff + jc * ldb + pc, ldb, kc, nc, packed);
        } else {
          packRows(b, bOff + pc * ldb + jc, ldb, kc, nc, packed);
        }
        float betaBlock = pc == 0 ? beta : 1f;
        int ao = aOff + pc * acs;
        int co = cOff + jc;
        if (parallel) {
          Parallel.forRows(
              m,
              MR,
              (from, to) ->
                  rows(from, to, nc, kc, alpha, a, ao, ars, acs, packed, betaBlock, c, co, ldc));
        } else {
          rows(0, m, nc, kc, alpha, a, ao, ars, acs, packed, betaBlock, c, co, ldc);
        }
      }
    }
  }

  /**
   * Rows [from, to) of one kc-deep pass: MC-row blocks of A (packed when worth it) times the packed
   * B.
   */
  private static void rows(
      int from,
      int to,
      int nc,
      int kc,
      float alpha,
      float[] a,
      int ao,
      int ars,
      int acs,
      float[] bp,
      float beta,
      float[] c,
      int co,
      int ldc) {
    boolean packA = nc >= PACK_A_MIN_N && ars >= PACK_A_MIN_STRIDE;
    float[] ap = packA ? grow(PACK.get(), 1, kc * MC) : null;
    for (int ic = from; ic < to; ic += MC) {
      int mc = Math.min(MC, to - ic);
      int aoi = ao + ic * ars;
      int coi = co + ic * ldc;
      if (packA) {
        packA(a, aoi, ars, acs, mc, kc, ap);
        block(mc, nc, kc, alpha, ap, 0, 1, MR, kc * MR, a, aoi, ars, acs, bp, beta, c, coi, ldc);
      } else {
        block(
            mc, nc, kc, alpha, a, aoi, ars, acs, MR * ars, a, aoi, ars, acs, bp, beta, c, coi, ldc);
      }
    }
  }

  /** Copies the full MR-row panels of an mc×kc block of A into dst as [panel][p][row]. */
  private static void packA(float[] a, int ao, int rs, int cs, int mc, int kc, float[] dst) {
    int d = 0;
    for (int i = 0; i + MR <= mc; i += MR) {
      for (int r = 0; r < MR; r++) {
        int src = ao + (i + r) * rs;
        for (int p = 0; p < kc; p++) dst[d + p * MR + r] = a[src + p * cs];
      }
      d += MR * kc;
    }
  }

  /**
   * One mc×nc block of C from a packed kc×nc block of B: panels of NR (or, last, L) columns × tiles
   * of MR rows. Full tiles read A through (ta, tao + t·tileStep, trs, tcs), packed or not; leftover
   * rows read A in place.
   */
  private static void block(
      int mc,
      int nc,
      int kc,
      float alpha,
      float[] ta,
      int tao,
      int trs,
      int tcs,
      int tileStep,
      float[] a,
      int ao,
      int rs,
      int cs,
      float[] bp,
      float beta,
      float[] c,
      int co,
      int ldc) {
    float[] t = TILE.get();
    int tiles = mc / MR;
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int bo = jr * kc;
      for (int i = 0; i < tiles; i++) {
        if (nr > L) {
          tile6x2(kc, ta, tao + i * tileStep, trs, tcs, bp, bo, t);
        } else {
          tile6x1(kc, ta, tao + i * tileStep, trs, tcs, bp, bo, t);
        }
        update(t, MR, nr, alpha, beta, c, co + i * MR * ldc + jr, ldc);
      }
      for (int i = tiles * MR; i < mc; i++) {
        if (nr > L) {
          row1x2(kc, a, ao + i * rs, cs, bp, bo, t);
        } else {
          row1x1(kc, a, ao + i * rs, cs, bp, bo, t);
        }
        update(t, 1, nr, alpha, beta, c, co + i * ldc + jr, ldc);
      }
    }
  }

  // The micro-kernels below take no vector parameters and return none: they write their
  // accumulators to the
  // tile buffer t (row r at r·NR). Vector values that cross a call boundary the JIT does not inline
  // get boxed,
  // and which calls get inlined depends on compile timing; this way every vector stays inside one
  // method.

  /** t = A(6 rows) · B(kc × 2L panel). */
  private static void tile6x2(
      int kc, float[] a, int ao, int rs, int cs, float[] bp, int bo, float[] t) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    for (int p = 0, ai = ao, bi = bo; p < kc; p++, ai += cs, bi += NR) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
      FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, a[ai + rs]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, a[ai + 2 * rs]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, a[ai + 3 * rs]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(SPECIES, a[ai + 4 * rs]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(SPECIES, a[ai + 5 * rs]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    c00.intoArray(t, 0);
    c01.intoArray(t, L);
    c10.intoArray(t, NR);
    c11.intoArray(t, NR + L);
    c20.intoArray(t, 2 * NR);
    c21.intoArray(t, 2 * NR + L);
    c30.intoArray(t, 3 * NR);
    c31.intoArray(t, 3 * NR + L);
    c40.intoArray(t, 4 * NR);
    c41.intoArray(t, 4 * NR + L);
    c50.intoArray(t, 5 * NR);
    c51.intoArray(t, 5 * NR + L);
  }

  /** t = A(6 rows) · B(kc × L panel). */
  private static void tile6x1(
      int kc, float[] a, int ao, int rs, int cs, float[] bp, int bo, float[] t) {
    FloatVector c0 = FloatVector.zero(SPECIES);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    FloatVector c4 = c0;
    FloatVector c5 = c0;
    for (int p = 0, ai = ao, bi = bo; p < kc; p++, ai += cs, bi += L) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
      c0 = FloatVector.broadcast(SPECIES, a[ai]).fma(b0, c0);
      c1 = FloatVector.broadcast(SPECIES, a[ai + rs]).fma(b0, c1);
      c2 = FloatVector.broadcast(SPECIES, a[ai + 2 * rs]).fma(b0, c2);
      c3 = FloatVector.broadcast(SPECIES, a[ai + 3 * rs]).fma(b0, c3);
      c4 = FloatVector.broadcast(SPECIES, a[ai + 4 * rs]).fma(b0, c4);
      c5 = FloatVector.broadcast(SPECIES, a[ai + 5 * rs]).fma(b0, c5);
    }
    c0.intoArray(t, 0);
    c1.intoArray(t, NR);
    c2.intoArray(t, 2 * NR);
    c3.intoArray(t, 3 * NR);
    c4.intoArray(t, 4 * NR);
    c5.intoArray(t, 5 * NR);
  }

  /** t = A(1 row) · B(kc × 2L panel). */
  private static void row1x2(int kc, float[] a, int ao, int cs, float[] bp, int bo, float[] t) {
    FloatVector c0 = FloatVector.zero(SPECIES);
    FloatVector c1 = c0;
    for (int p = 0, ai = ao, bi = bo; p < kc; p++, ai += cs, bi += NR) {
      FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
      c0 = x.fma(FloatVector.fromArray(SPECIES, bp, bi), c0);
      c1 = x.fma(FloatVector.fromArray(SPECIES, bp, bi + L), c1);
    }
    c0.intoArray(t, 0);
    c1.intoArray(t, L);
  }

  /** t = A(1 row) · B(kc × L panel). */
  private static void row1x1(int kc, float[] a, int ao, int cs, float[] bp, int bo, float[] t) {
    FloatVector c0 = FloatVector.zero(SPECIES);
    for (int p = 0, ai = ao, bi = bo; p < kc; p++, ai += cs, bi += L) {
      c0 = FloatVector.broadcast(SPECIES, a[ai]).fma(FloatVector.fromArray(SPECIES, bp, bi), c0);
    }
    c0.intoArray(t, 0);
  }

  /** C[row r, 0..nr) = alpha·t[r·NR ..] + beta·C for r &lt; rows; C is not read when beta is 0. */
  private static void update(
      float[] t, int rows, int nr, float alpha, float beta, float[] c, int co, int ldc) {
    // full vectors unmasked; a partial tail in scalar code (a masked store always runs a per-lane
    // bounds check)
    int full = nr - nr % L;
    for (int r = 0; r < rows; r++) {
      int j = 0;
      for (; j < full; j += L) {
        int ci = co + r * ldc + j;
        FloatVector v = FloatVector.fromArray(SPECIES, t, r * NR + j).mul(alpha);
        if (beta != 0f) v = FloatVector.fromArray(SPECIES, c, ci).mul(beta).add(v);
        v.intoArray(c, ci);
      }
      for (; j < nr; j++) {
        int ci = co + r * ldc + j;
        float v = alpha * t[r * NR + j];
        c[ci] = beta == 0f ? v : beta * c[ci] + v;
      }
    }
  }

  /** Packs op(B) = B (kc rows of nc floats, row stride ldb) into NR-wide panels, zero padded. */
  private static void packRows(float[] b, int bo, int ldb, int kc, int nc, float[] dst) {
    for (int jr = 0; jr < nc; jr += NR) {
      int w = panelWidth(nc - jr);
      int cols = Math.min(w, nc - jr);
      int d = jr * kc;
      for (int p = 0; p < kc; p++, d += w) {
        System.arraycopy(b, bo + p * ldb + jr, dst, d, cols);
        for (int j = cols; j < w; j++) dst[d + j] = 0f;
      }
    }
  }

  /**
   * Packs op(B) = Bᵀ (B stored nc rows of kc floats, row stride ldb) into NR-wide panels, zero
   * padded.
   */
  private static void packTransposed(float[] b, int bo, int ldb, int kc, int nc, float[] dst) {
    for (int jr = 0; jr < nc; jr += NR) {
      int w = panelWidth(nc - jr);
      int cols = Math.min(w, nc - jr);
      int d = jr * kc;
      for (int j = 0; j < cols; j++) {
        int src = bo + (jr + j) * ldb;
        for (int p = 0; p < kc; p++) dst[d + p * w + j] = b[src + p];
      }
      for (int j = cols; j < w; j++) {
        for (int p = 0; p < kc; p++) dst[d + p * w + j] = 0f;
      }
    }
  }

  /**
   * Width of the panel holding the next {@code remaining} columns: NR, or L when one vector is
   * enough.
   */
  private static int panelWidth(int remaining) {
    return remaining > L ? NR : L;
  }

  /**
   * The {@code len} values {@code b[bo + j·stride]} as a contiguous array: {@code b} itself when
   * the stride is 1, else a per-thread copy starting at 0.
   */
  private static float[] contiguousB(float[] b, int bo, int stride, int len) {
    if (stride == 1) return b;
    float[] x = grow(PACK.get(), 2, len);
    for (int j = 0; j < len; j++) x[j] = b[bo + j * stride];
    return x;
  }

  /**
   * C[i] = alpha·(A row i · x) + beta·C[i] for rows [from, to) of a row-major A, four rows per
   * pass: full vectors of each row multiplied and summed lane-wise, lanes added in order, then the
   * k mod L tail in scalar code. Also {@link SimdKernels#rowDots}.
   */
  static void rowDots(
      int from,
      int to,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] x,
      int xo,
      float beta,
      float[] c,
      int co,
      int ldc) {
    int bound = SPECIES.loopBound(k);
    int i = from;
    for (; i + 4 <= to; i += 4) {
      int a0 = ao + i * lda;
      FloatVector s0 = FloatVector.zero(SPECIES);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      for (int p = 0; p < bound; p += L) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, xo + p);
        s0 = FloatVector.fromArray(SPECIES, a, a0 + p).fma(xv, s0);
        s1 = FloatVector.fromArray(SPECIES, a, a0 + lda + p).fma(xv, s1);
        s2 = FloatVector.fromArray(SPECIES, a, a0 + 2 * lda + p).fma(xv, s2);
        s3 = FloatVector.fromArray(SPECIES, a, a0 + 3 * lda + p).fma(xv, s3);
      }
      float d0 = SimdKernels.laneSum(s0);
      float d1 = SimdKernels.laneSum(s1);
      float d2 = SimdKernels.laneSum(s2);
      float d3 = SimdKernels.laneSum(s3);
      for (int p = bound; p < k; p++) {
        float xp = x[xo + p];
        d0 += a[a0 + p] * xp;
        d1 += a[a0 + lda + p] * xp;
        d2 += a[a0 + 2 * lda + p] * xp;
        d3 += a[a0 + 3 * lda + p] * xp;
      }
      store(c, co + i * ldc, alpha * d0, beta);
      store(c, co + (i + 1) * ldc, alpha * d1, beta);
      store(c, co + (i + 2) * ldc, alpha * d2, beta);
      store(c, co + (i + 3) * ldc, alpha * d3, beta);
    }
    for (; i < to; i++) {
      int ai = ao + i * lda;
      FloatVector s0 = FloatVector.zero(SPECIES);
      for (int p = 0; p < bound; p += L)
        s0 =
            FloatVector.fromArray(SPECIES, a, ai + p)
                .fma(FloatVector.fromArray(SPECIES, x, xo + p), s0);
      float d = SimdKernels.laneSum(s0);
      for (int p = bound; p < k; p++) d += a[ai + p] * x[xo + p];
      store(c, co + i * ldc, alpha * d, beta);
    }
  }

  /**
   * C[i] = alpha·Σ<sub>p</sub> x[p]·A(i, p) + beta·C[i] for a transposed A (A(i, p) = a[ao + p·lda
   * + i]): C is built L rows at a time from contiguous rows of the stored matrix, two accumulators
   * per block over alternate p.
   */
  private static void columnSums(
      int m,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] x,
      int xo,
      float beta,
      float[] c,
      int co,
      int ldc) {
    int bound = SPECIES.loopBound(m);
    float[] t = TILE.get();
    for (int i = 0; i < bound; i += L) {
      FloatVector s0 = FloatVector.zero(SPECIES);
      FloatVector s1 = s0;
      int p = 0;
      for (; p + 2 <= k; p += 2) {
        s0 =
            FloatVector.fromArray(SPECIES, a, ao + p * lda + i)
                .fma(FloatVector.broadcast(SPECIES, x[xo + p]), s0);
        s1 =
            FloatVector.fromArray(SPECIES, a, ao + (p + 1) * lda + i)
                .fma(FloatVector.broadcast(SPECIES, x[xo + p + 1]), s1);
      }
      if (p < k)
        s0 =
            FloatVector.fromArray(SPECIES, a, ao + p * lda + i)
                .fma(FloatVector.broadcast(SPECIES, x[xo + p]), s0);
      s0.add(s1).intoArray(t, 0);
      for (int r = 0; r < L; r++) store(c, co + (i + r) * ldc, alpha * t[r], beta);
    }
    for (int i = bound; i < m; i++) {
      float d = 0f;
      for (int p = 0; p < k; p++) d += a[ao + p * lda + i] * x[xo + p];
      store(c, co + i * ldc, alpha * d, beta);
    }
  }

  /** C[i, ·] = alpha·A(i, 0)·y + beta·C[i, ·] (k = 1), y contiguous of length n. */
  private static void rankOne(
      int m,
      int n,
      float alpha,
      float[] a,
      int ao,
      int ars,
      float[] y,
      int yo,
      float beta,
      float[] c,
      int co,
      int ldc) {
    int bound = SPECIES.loopBound(n);
    for (int i = 0; i < m; i++) {
      float s = alpha * a[ao + i * ars];
      int ci = co + i * ldc;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector v = FloatVector.fromArray(SPECIES, y, yo + j).mul(s);
        if (beta != 0f) v = FloatVector.fromArray(SPECIES, c, ci + j).mul(beta).add(v);
        v.intoArray(c, ci + j);
      }
      for (; j < n; j++) store(c, ci + j, s * y[yo + j], beta);
    }
  }

  /** c[i] = v + beta·c[i], c not read when beta is 0. */
  private static void store(float[] c, int i, float v, float beta) {
    c[i] = beta == 0f ? v : beta * c[i] + v;
  }

  private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) c[ci + j] = beta == 0f ? 0f : beta * c[ci + j];
    }
  }

  private static float[] grow(float[][] bufs, int which, int size) {
    if (bufs[which].length < size) bufs[which] = new float[size];
    return bufs[which];
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }
}
