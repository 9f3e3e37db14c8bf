package org.rec4j.tensor;

/**
 * Integer-indexed access: embedding lookup (with sparse row gradients for tables marked {@linkplain
 * Tensor#sparseGrad(boolean) sparse}), index-select along an axis, torch-style gather, scatter-add,
 * masked fill and one-hot encoding.
 */
public final class IndexOps {
  private IndexOps() {}

  /**
   * Rows {@code ids} of a {@code [rows, dim]} table, shaped {@code [leading..., dim]} (by default
   * {@code [ids.length, dim]}). If the table is sparse, its gradient arrives as a {@link
   * SparseRowGrad}.
   */
  public static Tensor embedding(Tensor table, int[] ids, int... leading) {
    if (table.rank() != 2)
      throw new IllegalArgumentException("embedding table must be rank 2, shape is " + table.shape);
    if (leading.length == 0) return embedding(table, ids);
    int[] od = new int[leading.length + 1];
    long n = 1;
    for (int i = 0; i < leading.length; i++) {
      od[i] = leading[i];
      n *= leading[i];
    }
    if (n != ids.length)
      throw new IllegalArgumentException(
          "embedding: leading dims product " + n + " != ids.length " + ids.length);
    od[leading.length] = table.dim(1);
    return lookup(table, ids, Shape.of(od));
  }

  /**
   * Rows {@code ids} of a {@code [rows, dim]} table as {@code [ids.length, dim]} (no varargs
   * array).
   */
  public static Tensor embedding(Tensor table, int[] ids) {
    if (table.rank() != 2)
      throw new IllegalArgumentException("embedding table must be rank 2, shape is " + table.shape);
    return lookup(table, ids, Shape.of(ids.length, table.dim(1)));
  }

  private static Tensor lookup(Tensor table, int[] ids, Shape os) {
    int rows = table.dim(0), dim = table.dim(1);
    Tensor out = Tensor.empty(os);
    for (int i = 0; i < ids.length; i++) {
      int r = ids[i];
      if (r < 0 || r >= rows)
        throw new IndexOutOfBoundsException(
            "embedding id " + r + " at position " + i + " out of range [0, " + rows + ")");
      System.arraycopy(table.data, r * dim, out.data, i * dim, dim);
    }
    Node n = Autograd.record(out, Op.EMBEDDING, table);
    if (n != null) n.ints = ids;
    return out;
  }

  /**
   * Weighted bags of rows of a {@code [rows, dim]} table: bag {@code b} is {@code Σ_{j ∈
   * [offsets[b], offsets[b+1])} weights[j] · table[ids[j]]}, output {@code [offsets.length − 1,
   * dim]} (an empty bag is zeros). With weights 1/size this is mean pooling, with 1 sum pooling,
   * and with a numeric value a scaled embedding — the field embeddings of FM-family CTR models in
   * one op. Entries past {@code offsets[last]} are ignored, so reusable buffers with spare capacity
   * can be passed. The arrays are read again by the backward pass, so they must not change before
   * it. A sparse table receives its gradient as sparse rows.
   */
  public static Tensor embeddingBag(Tensor table, int[] ids, float[] weights, int[] offsets) {
    if (table.rank() != 2)
      throw new IllegalArgumentException(
          "embeddingBag table must be rank 2, shape is " + table.shape);
    if (weights.length < ids.length)
      throw new IllegalArgumentException(
          "embeddingBag: " + weights.length + " weights for " + ids.length + " ids");
    if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] > ids.length) {
      throw new IllegalArgumentException(
          "embeddingBag: offsets must run from 0 to at most ids.length " + ids.length);
    }
    int rows = table.dim(0), dim = table.dim(1), bags = offsets.length - 1;
    Tensor out = Tensor.empty(Shape.of(bags, dim));
    for (int b = 0; b < bags; b++) {
      for (int j = offsets[b]; j < offsets[b + 1]; j++) {
        int r = ids[j];
        if (r < 0 || r >= rows)
          throw new IndexOutOfBoundsException(
              "embeddingBag id " + r + " at position " + j + " out of range [0, " + rows + ")");
        MathOps.K.axpy(weights[j], table.data, r * dim, out.data, b * dim, dim);
      }
    }
    Node n = Autograd.record(out, Op.EMBEDDING_BAG, table);
    if (n != null) {
      n.ints = ids;
      n.aux = new Bags(weights, offsets);
    }
    return out;
  }

  /** What the backward rule of {@link #embeddingBag} needs besides the ids. */
  record Bags(float[] weights, int[] offsets) {}

  /**
   * The last row of each packed sequence: for {@code packed [T, d]} holding B sequences by {@code
   * offsets} (sequence b in rows {@code offsets[b] .. offsets[b+1] − 1}, see {@link NnOps#gru}),
   * row b of the {@code [B, d]} result is {@code packed[offsets[b+1] − 1]}, or zeros for an empty
   * sequence — e.g. the final hidden state of a recurrent encoder. The gradient flows to those
   * rows. {@code offsets} is read again by the backward pass, so it must not change before it.
   */
  public static Tensor sequenceLast(Tensor packed, int[] offsets) {
    if (packed.rank() != 2)
      throw new IllegalArgumentException(
          "sequenceLast expects packed rows [T, d], got " + packed.shape);
    PackedSequences.check("sequenceLast", offsets, packed.dim(0));
    int d = packed.dim(1), sequences = offsets.length - 1;
    Tensor out = Tensor.empty(Shape.of(sequences, d));
    for (int b = 0; b < sequences; b++) {
      if (offsets[b + 1] > offsets[b])
        System.arraycopy(packed.data, (offsets[b + 1] - 1) * d, out.data, b * d, d);
    }
    Node n = Autograd.record(out, Op.SEQUENCE_LAST, packed);
    if (n != null) n.ints = offsets;
    return out;
  }

  /**
   * The slices {@code idx} of {@code axis} (like {@code torch.index_select}); repeats are allowed.
   */
  public static Tensor indexSelect(Tensor a, int axis, int[] idx) {
    int ax = a.shape.axis(axis);
    int outer = a.shape.outer(ax), n = a.shape.dim(ax), inner = a.shape.inner(ax);
    Tensor out = Tensor.empty(a.shape.with(ax, idx.length));
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < idx.length; j++) {
        int k = idx[j];
        if (k < 0 || k >= n)
          throw new IndexOutOfBoundsException(
              "index " + k + " out of range [0, " + n + ") on axis " + ax + " of " + a.shape);
        System.arraycopy(
            a.data, (o * n + k) * inner, out.data, (o * idx.length + j) * inner, inner);
      }
    }
    Node node = Autograd.record(out, Op.INDEX_SELECT, a);
    if (node != null) {
      node.ints = idx;
      node.aux = new int[] {ax, outer, n, inner};
    }
    return out;
  }

  /**
   * {@code out[o, j, i] = a[o, index[o, j, i], i]} along {@code axis} (like {@code torch.gather});
   * {@code index} has the shape of {@code a} except along {@code axis}, where it has {@code m}
   * entries. With a rank-2 {@code a} and {@code m = 1} this picks one entry per row.
   */
  public static Tensor gather(Tensor a, int axis, int[] index, int m) {
    int ax = a.shape.axis(axis);
    int outer = a.shape.outer(ax), n = a.shape.dim(ax), inner = a.shape.inner(ax);
    if (index.length != outer * m * inner) {
      throw new IllegalArgumentException(
          "gather: index has "
              + index.length
              + " entries, expected "
              + (outer * m * inner)
              + " for shape "
              + a.shape.with(ax, m));
    }
    Tensor out = Tensor.empty(a.shape.with(ax, m));
    int[] src = new int[index.length];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < inner; i++) {
          int p = (o * m + j) * inner + i;
          int k = index[p];
          if (k < 0 || k >= n)
            throw new IndexOutOfBoundsException(
                "gather index " + k + " out of range [0, " + n + ") at position " + p);
          src[p] = (o * n + k) * inner + i;
          out.data[p] = a.data[src[p]];
        }
      }
    }
    Node node = Autograd.record(out, Op.GATHER, a);
    if (node != null) node.aux = src;
    return out;
  }

  /**
   * {@code out[idx[i]] += src[i]} for a {@code [n, d...]} source into {@code [rows, d...]} zeros.
   */
  public static Tensor scatterAdd(Tensor src, int[] idx, int rows) {
    if (src.dim(0) != idx.length)
      throw new IllegalArgumentException(
          "scatterAdd: " + idx.length + " indices for " + src.dim(0) + " source rows");
    int w = src.size() / Math.max(1, src.dim(0));
    Tensor out = Tensor.empty(src.shape.with(0, rows));
    for (int i = 0; i < idx.length; i++) {
      int r = idx[i];
      if (r < 0 || r >= rows)
        throw new IndexOutOfBoundsException(
            "scatterAdd index " + r + " out of range [0, " + rows + ")");
      for (int j = 0; j < w; j++) out.data[r * w + j] += src.data[i * w + j];
    }
    Node n = Autograd.record(out, Op.SCATTER_ADD, src);
    if (n != null) n.ints = idx;
    return out;
  }

  /**
   * {@code a} with entries replaced by {@code value} where {@code mask} is non-zero. The mask's
   * shape must equal the trailing dimensions of {@code a} (it repeats over the leading ones), e.g.
   * an {@code [L, L]} causal mask over {@code [B, L, L]} scores.
   */
  public static Tensor maskedFill(Tensor a, Tensor mask, float value) {
    if (!MathOps.isTrailing(mask.shape, a.shape)) {
      throw new IllegalArgumentException(
          "mask shape " + mask.shape + " must equal the trailing dimensions of " + a.shape);
    }
    Tensor out = Tensor.empty(a.shape);
    int m = mask.size();
    for (int i = 0; i < a.size(); i++) out.data[i] = mask.data[i % m] != 0f ? value : a.data[i];
    Node n = Autograd.record(out, Op.MASKED_FILL, a);
    if (n != null) n.aux = mask;
    return out;
  }

  /** One-hot rows: {@code [idx.length, classes]} with a 1 at each index (not differentiable). */
  public static Tensor oneHot(int[] idx, int classes) {
    Tensor out = Tensor.empty(Shape.of(idx.length, classes));
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= classes)
        throw new IndexOutOfBoundsException(
            "class " + idx[i] + " out of range [0, " + classes + ")");
      out.data[i * classes + idx[i]] = 1f;
    }
    return out;
  }
}
