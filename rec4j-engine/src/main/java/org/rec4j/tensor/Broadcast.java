package org.rec4j.tensor;

/**
 * Index arithmetic for NumPy-style broadcasting: maps each flat index of a broadcast output to the
 * flat index of an input whose shape was stretched to it.
 */
final class Broadcast {
  private final int[] outDims;
  private final int[] inStrides;

  /** A mapping from {@code out} (the broadcast shape) to {@code in}. */
  Broadcast(Shape in, Shape out) {
    int r = out.rank();
    outDims = out.dims();
    inStrides = new int[r];
    int[] s = in.strides();
    int off = r - in.rank();
    for (int i = 0; i < in.rank(); i++) inStrides[i + off] = in.dim(i) == 1 ? 0 : s[i];
  }

  /** Fills {@code map[i]} with the input offset of output element {@code i}. */
  int[] map(int size) {
    return offsets(outDims, inStrides, size);
  }

  /**
   * The offsets visited when walking {@code dims} in row-major order with per-axis {@code strides}
   * (0 for a broadcast axis, permuted strides for a transpose): entry {@code i} is the source
   * offset of element {@code i}.
   */
  static int[] offsets(int[] dims, int[] strides, int size) {
    int[] map = new int[size];
    int r = dims.length;
    int[] idx = new int[r];
    int off = 0;
    for (int i = 0; i < size; i++) {
      map[i] = off;
      for (int d = r - 1; d >= 0; d--) {
        idx[d]++;
        off += strides[d];
        if (idx[d] < dims[d]) break;
        off -= strides[d] * dims[d];
        idx[d] = 0;
      }
    }
    return map;
  }

  /**
   * Adds {@code g} (output-shaped) into {@code dst} (input-shaped), summing over broadcast axes.
   */
  static void reduceInto(float[] g, Shape outShape, Shape inShape, float[] dst) {
    if (outShape.equals(inShape)) {
      for (int i = 0; i < g.length; i++) dst[i] += g[i];
      return;
    }
    int[] map = new Broadcast(inShape, outShape).map(g.length);
    for (int i = 0; i < g.length; i++) dst[map[i]] += g[i];
  }
}
