package org.rec4j.model.baseline;

import java.util.stream.IntStream;

/**
 * The inverse of a dense symmetric positive-definite matrix through its Cholesky factor, in double
 * precision: A = L Lᵀ, then U = L<sup>−ᵀ</sup> (rows of the inverse factor), then A<sup>−1</sup> =
 * U Uᵀ.
 *
 * <p>Matrices are row-major {@code double[n·n]}. The factorization is blocked (right-looking,
 * blocks of {@value #BLOCK}): each block's trailing update, the triangular inverse (8 columns at a
 * time) and U Uᵀ are dot products over contiguous row segments with a 2×2 register block, spread
 * over the common fork-join pool (both cores). Cost: about n³/3 multiply–adds for the factor and
 * the inverse factor together and n³/6 for U Uᵀ — O(n³) time; memory: the input array (overwritten
 * by the inverse) plus one n×n work array — O(n²).
 */
public final class Cholesky {
  static final int BLOCK = 64;
  private static final int ROWS_PER_TASK = 16;

  private Cholesky() {}

  /**
   * Overwrites the symmetric positive-definite {@code a} (n×n, only its lower triangle is read)
   * with A<sup>−1</sup> (full, symmetric) and returns it.
   *
   * @throws IllegalArgumentException when A is not positive definite (a pivot ≤ 0), naming the row
   */
  public static double[] invert(double[] a, int n) {
    if (a.length != (long) n * n)
      throw new IllegalArgumentException(
          "matrix holds " + a.length + " values, expected " + n + "x" + n);
    factor(a, n);
    double[] u = inverseFactorTransposed(a, n);
    java.util.Arrays.fill(a, 0);
    int tiles = (n + BLOCK - 1) / BLOCK;
    IntStream.range(0, tiles)
        .parallel()
        .forEach(t -> {
          int i0 = t * BLOCK, i1 = Math.min(n, i0 + BLOCK);
          for (int j0 = 0; j0 < i1; j0 += BLOCK) {
            // U[i][k] = 0 for k < i, so the products of rows i >= i0 start at column i0
            lowerProducts(u, n, i0, i1, j0, Math.min(n, j0 + BLOCK), i0, n, a, n, 1);
          }
        });
    for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
    return a;
  }

  /**
   * Overwrites the lower triangle of {@code a} with L, A = L Lᵀ (the strict upper triangle is left
   * as it was).
   */
  public static void factor(double[] a, int n) {
    for (int kb = 0; kb < n; kb += BLOCK) {
      int ke = Math.min(n, kb + BLOCK);
      for (int i = kb; i < ke; i++) solveRow(a, n, i, kb, Math.min(i + 1, ke));
      int rows = n - ke;
      int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
      final int from = ke, blockStart = kb;
      // the panel first: the trailing update of a row reads the panel entries of every earlier row
      IntStream.range(0, tasks)
          .parallel()
          .forEach(t -> {
            int i0 = from + t * ROWS_PER_TASK, i1 = Math.min(n, i0 + ROWS_PER_TASK);
            for (int i = i0; i < i1; i++) solveRow(a, n, i, blockStart, from);
          });
      IntStream.range(0, tasks)
          .parallel()
          .forEach(t -> {
            int i0 = from + t * ROWS_PER_TASK, i1 = Math.min(n, i0 + ROWS_PER_TASK);
            lowerProducts(a, n, i0, i1, from, n, blockStart, from, a, n, -1);
          });
    }
  }

  /**
   * Entries j ∈ [kb, jEnd) of row i of L, given that earlier blocks' updates are already
   * subtracted: L[i][j] = (A[i][j] − Σ<sub>k∈[kb, j)</sub> L[i][k] L[j][k]) / L[j][j], and L[i][i]
   * = sqrt(…) on the diagonal.
   */
  private static void solveRow(double[] a, int n, int i, int kb, int jEnd) {
    int ri = i * n;
    for (int j = kb; j < jEnd; j++) {
      int rj = j * n;
      double s = a[ri + j];
      for (int k = kb; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (j == i) {
        if (!(s > 0))
          throw new IllegalArgumentException(
              "matrix is not positive definite: pivot " + s + " at row " + i);
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
  }

  /**
   * U = L<sup>−ᵀ</sup> as a row-major upper-triangular n×n array: row j of U is column j of
   * L<sup>−1</sup>.
   */
  static double[] inverseFactorTransposed(double[] l, int n) {
    double[] u = new double[n * n];
    int w = 8;
    int blocks = (n + w - 1) / w;
    IntStream.range(0, blocks)
        .parallel()
        .forEach(b -> {
          int j0 = b * w, m = Math.min(w, n - j0);
          double[] x = new double[(n - j0) * w]; // x[(i - j0)·w + c] = L⁻¹[i][j0 + c]
          for (int i = j0; i < n; i++) {
            int ri = i * n;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int k = j0; k < i; k++) {
              double v = l[ri + k];
              int o = (k - j0) * w;
              s0 += v * x[o];
              s1 += v * x[o + 1];
              s2 += v * x[o + 2];
              s3 += v * x[o + 3];
              s4 += v * x[o + 4];
              s5 += v * x[o + 5];
              s6 += v * x[o + 6];
              s7 += v * x[o + 7];
            }
            double d = l[ri + i];
            int o = (i - j0) * w;
            x[o] = ((i == j0 ? 1 : 0) - s0) / d;
            x[o + 1] = ((i == j0 + 1 ? 1 : 0) - s1) / d;
            x[o + 2] = ((i == j0 + 2 ? 1 : 0) - s2) / d;
            x[o + 3] = ((i == j0 + 3 ? 1 : 0) - s3) / d;
            x[o + 4] = ((i == j0 + 4 ? 1 : 0) - s4) / d;
            x[o + 5] = ((i == j0 + 5 ? 1 : 0) - s5) / d;
            x[o + 6] = ((i == j0 + 6 ? 1 : 0) - s6) / d;
            x[o + 7] = ((i == j0 + 7 ? 1 : 0) - s7) / d;
          }
          for (int c = 0; c < m; c++) {
            int row = (j0 + c) * n;
            for (int i = j0 + c; i < n; i++) u[row + i] = x[(i - j0) * w + c];
          }
        });
    return u;
  }

  /**
   * c[i][j] += sign · Σ<sub>k∈[k0, k1)</sub> x[i][k] · x[j][k] for i ∈ [i0, i1), j ∈ [j0, min(j1, i
   * + 1)) — the lower triangle of a product X Xᵀ restricted to a tile, two rows by two rows at a
   * time.
   */
  static void lowerProducts(
      double[] x,
      int ld,
      int i0,
      int i1,
      int j0,
      int j1,
      int k0,
      int k1,
      double[] c,
      int ldc,
      double sign) {
    for (int i = i0; i < i1; i += 2) {
      int a0 = i * ld;
      if (i + 1 < i1) {
        int a1 = a0 + ld;
        int jEnd = Math.min(j1, i + 2);
        int j = j0;
        for (; j + 1 < jEnd && j + 1 <= i; j += 2) {
          int b0 = j * ld, b1 = b0 + ld;
          double s00 = 0, s01 = 0, s10 = 0, s11 = 0;
          for (int k = k0; k < k1; k++) {
            double x0 = x[a0 + k], x1 = x[a1 + k], y0 = x[b0 + k], y1 = x[b1 + k];
            s00 = Math.fma(x0, y0, s00);
            s01 = Math.fma(x0, y1, s01);
            s10 = Math.fma(x1, y0, s10);
            s11 = Math.fma(x1, y1, s11);
          }
          c[i * ldc + j] += sign * s00;
          c[i * ldc + j + 1] += sign * s01;
          c[(i + 1) * ldc + j] += sign * s10;
          c[(i + 1) * ldc + j + 1] += sign * s11;
        }
        for (; j < jEnd; j++) {
          if (j <= i) c[i * ldc + j] += sign * dot(x, a0, j * ld, k0, k1);
          c[(i + 1) * ldc + j] += sign * dot(x, a1, j * ld, k0, k1);
        }
      } else {
        for (int j = j0, jEnd = Math.min(j1, i + 1); j < jEnd; j++)
          c[i * ldc + j] += sign * dot(x, a0, j * ld, k0, k1);
      }
    }
  }

  private static double dot(double[] x, int a, int b, int k0, int k1) {
    double s = 0;
    for (int k = k0; k < k1; k++) s = Math.fma(x[a + k], x[b + k], s);
    return s;
  }
}
