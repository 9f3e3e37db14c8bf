package org.rec4j.tensor;

import java.util.Arrays;

/**
 * The gradient of an embedding table as a list of (row, row-gradient) pairs instead of a dense
 * matrix: a batch touches a few hundred rows of a table that may have millions.
 *
 * <p>Rows may repeat while the backward pass appends; {@link #coalesce()} merges duplicates
 * (summing their gradients) using a reusable per-table index array, so the optimizer updates each
 * touched row once. All buffers grow geometrically and are reused, so steady-state steps allocate
 * nothing.
 */
public final class SparseRowGrad {
  private final int rows;
  private final int rowLen;
  private int[] index = new int[64];
  private float[] values;
  private int count;
  private int[] slotOfRow; // row -> slot+1 during coalesce, 0 = unseen
  private boolean coalesced = true;

  /** A sparse gradient for a {@code rows × rowLen} table. */
  public SparseRowGrad(int rows, int rowLen) {
    this.rows = rows;
    this.rowLen = rowLen;
    this.values = new float[64 * rowLen];
  }

  /** Number of (possibly repeated before {@link #coalesce()}) row entries. */
  public int count() {
    return count;
  }

  /** Length of one row. */
  public int rowLength() {
    return rowLen;
  }

  /** Table row of entry {@code i}. */
  public int row(int i) {
    return index[i];
  }

  /** Backing array of row gradients; entry {@code i} starts at {@code i * rowLength()}. */
  public float[] values() {
    return values;
  }

  /** Row indices of the entries (first {@link #count()} valid). */
  public int[] rows() {
    return index;
  }

  /** Appends {@code scale * src[off .. off+rowLen)} as the gradient of table row {@code row}. */
  public void add(int row, float[] src, int off, float scale) {
    if (row < 0 || row >= rows)
      throw new IllegalArgumentException("row " + row + " out of range [0, " + rows + ")");
    ensure(count + 1);
    index[count] = row;
    int base = count * rowLen;
    for (int j = 0; j < rowLen; j++) values[base + j] = scale * src[off + j];
    count++;
    coalesced = false;
  }

  /**
   * Merges repeated rows, summing their gradients; entries keep first-appearance order
   * (deterministic).
   */
  public void coalesce() {
    if (coalesced) return;
    if (slotOfRow == null) slotOfRow = new int[rows];
    int out = 0;
    for (int i = 0; i < count; i++) {
      int r = index[i];
      int slot = slotOfRow[r] - 1;
      if (slot < 0) {
        slotOfRow[r] = out + 1;
        if (out != i) {
          index[out] = r;
          System.arraycopy(values, i * rowLen, values, out * rowLen, rowLen);
        }
        out++;
      } else {
        int a = slot * rowLen, b = i * rowLen;
        for (int j = 0; j < rowLen; j++) values[a + j] += values[b + j];
      }
    }
    for (int i = 0; i < out; i++) slotOfRow[index[i]] = 0;
    count = out;
    coalesced = true;
  }

  /** Removes all entries (keeps buffers). */
  public void clear() {
    count = 0;
    coalesced = true;
  }

  /** Writes this gradient densely into {@code dense} (adding), for tests and dense optimizers. */
  public void addTo(float[] dense) {
    for (int i = 0; i < count; i++) {
      int base = index[i] * rowLen, src = i * rowLen;
      for (int j = 0; j < rowLen; j++) dense[base + j] += values[src + j];
    }
  }

  private void ensure(int n) {
    if (n > index.length) {
      int cap = Math.max(n, index.length * 2);
      index = Arrays.copyOf(index, cap);
      values = Arrays.copyOf(values, cap * rowLen);
    }
  }
}
