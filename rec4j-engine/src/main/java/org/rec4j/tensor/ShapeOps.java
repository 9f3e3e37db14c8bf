package org.rec4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reshaping and rearranging: reshape (a view sharing data), transpose and permute, concatenation,
 * split, slice and stack (copies).
 */
public final class ShapeOps {
  private ShapeOps() {}

  /** A view with new dimensions (one may be −1 and is inferred); shares the data array. */
  public static Tensor reshape(Tensor a, int... dims) {
    int infer = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (infer >= 0)
          throw new IllegalArgumentException(
              "reshape " + Arrays.toString(dims) + ": only one -1 allowed");
        infer = i;
      } else {
        known *= dims[i];
      }
    }
    int[] d = dims;
    if (infer >= 0) {
      if (known == 0 || a.size() % known != 0) {
        throw new IllegalArgumentException(
            "cannot reshape " + a.shape + " to " + Arrays.toString(dims));
      }
      d = dims.clone();
      d[infer] = (int) (a.size() / known);
    }
    return reshape(a, Shape.of(d));
  }

  /** A view with the given shape, which must have as many elements; shares the data array. */
  public static Tensor reshape(Tensor a, Shape shape) {
    if (shape.size() != a.size())
      throw new IllegalArgumentException("cannot reshape " + a.shape + " to " + shape);
    Tensor out = Tensor.view(a.data, shape);
    Autograd.record(out, Op.RESHAPE, a);
    return out;
  }

  /** Swaps two axes (a copy). */
  public static Tensor transpose(Tensor a, int axis0, int axis1) {
    int r = a.rank();
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) perm[i] = i;
    int x = a.shape.axis(axis0), y = a.shape.axis(axis1);
    perm[x] = y;
    perm[y] = x;
    return permute(a, perm);
  }

  /** Reorders axes: output axis i is input axis {@code perm[i]} (a copy). */
  public static Tensor permute(Tensor a, int... perm) {
    int r = a.rank();
    if (perm.length != r)
      throw new IllegalArgumentException(
          "permutation " + Arrays.toString(perm) + " does not match shape " + a.shape);
    boolean[] seen = new boolean[r];
    int[] od = new int[r];
    for (int i = 0; i < r; i++) {
      int p = perm[i];
      if (p < 0 || p >= r || seen[p])
        throw new IllegalArgumentException(
            "not a permutation of " + r + " axes: " + Arrays.toString(perm));
      seen[p] = true;
      od[i] = a.shape.dim(p);
    }
    Tensor out = Tensor.empty(Shape.of(od));
    int[] src = permutedOffsets(a.shape, perm);
    for (int i = 0; i < src.length; i++) out.data[i] = a.data[src[i]];
    Node n = Autograd.record(out, Op.PERMUTE, a);
    if (n != null) n.aux = src;
    return out;
  }

  /** For each output element of {@code permute(perm)}, the source offset in the input. */
  static int[] permutedOffsets(Shape in, int[] perm) {
    int r = in.rank();
    int[] is = in.strides();
    int[] od = new int[r], st = new int[r];
    for (int i = 0; i < r; i++) {
      od[i] = in.dim(perm[i]);
      st[i] = is[perm[i]];
    }
    return Broadcast.offsets(od, st, in.size());
  }

  /** Concatenates along {@code axis}; all other extents must match. */
  public static Tensor concat(int axis, Tensor... parts) {
    if (parts.length == 0) throw new IllegalArgumentException("concat needs at least one tensor");
    int ax = parts[0].shape.axis(axis);
    Tensor out = concatValues(ax, parts.length, parts, null, null);
    return withAxis(Autograd.record(out, Op.CONCAT, parts), ax, out);
  }

  /** {@link #concat(int, Tensor...)} of two tensors, without a varargs array. */
  public static Tensor concat(int axis, Tensor a, Tensor b) {
    int ax = a.shape.axis(axis);
    Tensor out = concatValues(ax, 2, null, a, b);
    return withAxis(Autograd.record(out, Op.CONCAT, a, b), ax, out);
  }

  /**
   * Part {@code i} of a concatenation given as an array ({@code parts}) or as the pair {@code a},
   * {@code b}.
   */
  private static Tensor part(Tensor[] parts, Tensor a, Tensor b, int i) {
    return parts != null ? parts[i] : i == 0 ? a : b;
  }

  /** The concatenation of {@code count} parts along axis {@code ax} (normalized), unrecorded. */
  private static Tensor concatValues(int ax, int count, Tensor[] parts, Tensor a, Tensor b) {
    Shape s0 = part(parts, a, b, 0).shape;
    int total = 0;
    for (int p = 0; p < count; p++) {
      Tensor t = part(parts, a, b, p);
      if (t.rank() != s0.rank())
        throw new IllegalArgumentException(
            "concat: shapes " + s0 + " and " + t.shape + " differ in rank");
      for (int d = 0; d < s0.rank(); d++) {
        if (d != ax && t.shape.dim(d) != s0.dim(d)) {
          throw new IllegalArgumentException(
              "concat along axis "
                  + ax
                  + ": shapes "
                  + s0
                  + " and "
                  + t.shape
                  + " differ at axis "
                  + d);
        }
      }
      total += t.shape.dim(ax);
    }
    Shape os = s0.with(ax, total);
    Tensor out = Tensor.empty(os);
    int outer = os.outer(ax), inner = os.inner(ax);
    int col = 0;
    for (int p = 0; p < count; p++) {
      Tensor t = part(parts, a, b, p);
      int w = t.shape.dim(ax) * inner;
      for (int o = 0; o < outer; o++)
        System.arraycopy(t.data, o * w, out.data, o * total * inner + col, w);
      col += w;
    }
    return out;
  }

  /** Saves the concatenation axis on {@code n} (if recorded); returns {@code out}. */
  private static Tensor withAxis(Node n, int ax, Tensor out) {
    if (n != null) n.attrs(1)[0] = ax;
    return out;
  }

  /** The sub-range [start, end) of {@code axis} (a copy). */
  public static Tensor slice(Tensor a, int axis, int start, int end) {
    int ax = a.shape.axis(axis);
    int n = a.shape.dim(ax);
    if (start < 0 || end > n || start > end) {
      throw new IllegalArgumentException(
          "slice [" + start + ", " + end + ") out of range for axis " + ax + " of " + a.shape);
    }
    Shape os = a.shape.with(ax, end - start);
    Tensor out = Tensor.empty(os);
    int outer = a.shape.outer(ax), inner = a.shape.inner(ax), w = (end - start) * inner;
    for (int o = 0; o < outer; o++)
      System.arraycopy(a.data, (o * n + start) * inner, out.data, o * w, w);
    Node node = Autograd.record(out, Op.SLICE, a);
    if (node != null) {
      int[] at = node.attrs(3);
      at[0] = ax;
      at[1] = start;
      at[2] = end;
    }
    return out;
  }

  /**
   * Splits {@code axis} into consecutive pieces of the given sizes (which must add up to the
   * extent).
   */
  public static List<Tensor> split(Tensor a, int axis, int... sizes) {
    int ax = a.shape.axis(axis);
    int total = 0;
    for (int s : sizes) total += s;
    if (total != a.shape.dim(ax)) {
      throw new IllegalArgumentException(
          "split sizes "
              + Arrays.toString(sizes)
              + " do not add up to axis "
              + ax
              + " of "
              + a.shape);
    }
    List<Tensor> out = new ArrayList<>(sizes.length);
    int start = 0;
    for (int s : sizes) {
      out.add(slice(a, ax, start, start + s));
      start += s;
    }
    return out;
  }

  /** Stacks equal-shaped tensors along a new axis {@code axis} (0 ≤ axis ≤ rank). */
  public static Tensor stack(int axis, Tensor... parts) {
    if (parts.length == 0) throw new IllegalArgumentException("stack needs at least one tensor");
    int r = parts[0].rank();
    if (axis < 0) axis += r + 1;
    if (axis < 0 || axis > r)
      throw new IllegalArgumentException("stack axis " + axis + " out of range for rank " + r);
    Tensor[] expanded = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].shape.equals(parts[0].shape)) {
        throw new IllegalArgumentException(
            "stack: shapes " + parts[0].shape + " and " + parts[i].shape + " differ");
      }
      expanded[i] = unsqueeze(parts[i], axis);
    }
    return concat(axis, expanded);
  }

  /** Inserts an axis of extent 1 at {@code axis}. */
  public static Tensor unsqueeze(Tensor a, int axis) {
    int[] d = a.dims();
    int[] nd = new int[d.length + 1];
    for (int i = 0, j = 0; i < nd.length; i++) nd[i] = i == axis ? 1 : d[j++];
    return reshape(a, nd);
  }

  /** Flattens all axes from {@code fromAxis} on into one. */
  public static Tensor flatten(Tensor a, int fromAxis) {
    int ax = a.shape.axis(fromAxis);
    int[] nd = new int[ax + 1];
    for (int i = 0; i < ax; i++) nd[i] = a.shape.dim(i);
    nd[ax] = -1;
    return reshape(a, nd);
  }
}
