package org.rec4j.tensor;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row form: row {@code r}'s entries are {@code
 * colIdx[rowPtr[r] .. rowPtr[r+1])} with {@code values} alongside. Used as a constant operand of
 * {@link LinAlg#spmm} (graph propagation), so it carries no gradient.
 */
public final class CsrMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final float[] values;
  private CsrMatrix transposed;

  /** Wraps CSR arrays after validating them. */
  public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values) {
    if (rowPtr.length != rows + 1
        || rowPtr[0] != 0
        || rowPtr[rows] != colIdx.length
        || colIdx.length != values.length) {
      throw new IllegalArgumentException(
          "inconsistent CSR arrays: rows="
              + rows
              + " rowPtr.length="
              + rowPtr.length
              + " nnz="
              + colIdx.length
              + " values="
              + values.length);
    }
    for (int r = 0; r < rows; r++) {
      if (rowPtr[r] > rowPtr[r + 1])
        throw new IllegalArgumentException("CSR rowPtr decreases at row " + r);
    }
    for (int c : colIdx)
      if (c < 0 || c >= cols)
        throw new IllegalArgumentException("CSR column " + c + " out of range [0, " + cols + ")");
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  /** Builds from coordinate triples (duplicates are summed). */
  public static CsrMatrix fromCoo(int rows, int cols, int[] r, int[] c, float[] v) {
    int nnz = r.length;
    int[] ptr = new int[rows + 1];
    for (int i = 0; i < nnz; i++) ptr[r[i] + 1]++;
    for (int i = 0; i < rows; i++) ptr[i + 1] += ptr[i];
    int[] fill = Arrays.copyOf(ptr, rows);
    int[] ci = new int[nnz];
    float[] vv = new float[nnz];
    for (int i = 0; i < nnz; i++) {
      int p = fill[r[i]]++;
      ci[p] = c[i];
      vv[p] = v[i];
    }
    return new CsrMatrix(rows, cols, ptr, ci, vv);
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns. */
  public int cols() {
    return cols;
  }

  /** Number of stored entries. */
  public int nnz() {
    return colIdx.length;
  }

  int[] rowPtr() {
    return rowPtr;
  }

  int[] colIdx() {
    return colIdx;
  }

  float[] values() {
    return values;
  }

  /** The transpose (computed once and cached). */
  public synchronized CsrMatrix transpose() {
    if (transposed == null) {
      int nnz = colIdx.length;
      int[] r = new int[nnz];
      for (int i = 0; i < rows; i++) for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) r[p] = i;
      transposed = fromCoo(cols, rows, colIdx, r, values);
      transposed.transposed = this;
    }
    return transposed;
  }

  /** A dense copy, for tests. */
  public Tensor toDense() {
    Tensor t = Tensor.zeros(rows, cols);
    for (int i = 0; i < rows; i++)
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) t.data[i * cols + colIdx[p]] += values[p];
    return t;
  }
}
