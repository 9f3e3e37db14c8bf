package org.rec4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reshaping and rearranging: reshape (a view sharing data), transpose and permute, concatenation, split, slice and
 * stack (copies).
 */
public final class ShapeOps {
  private ShapeOps() {}

  /** A view with new dimensions (one may be −1 and is inferred); shares the data array. */
  public static Tensor reshape(Tensor a, int... dims) {
    int[] d = dims.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < d.length; i++) {
      if (d[i] == -1) {
        if (infer >= 0) throw new IllegalArgumentException("reshape " + Arrays.toString(dims) + ": only one -1 allowed");
        infer = i;
      } else {
        known *= d[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || a.size() % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + a.shape + " to " + Arrays.toString(dims));
      }
      d[infer] = (int) (a.size() / known);
    }
    Shape s = Shape.of(d);
    if (s.size() != a.size()) throw new IllegalArgumentException("cannot reshape " + a.shape + " to " + s);
    Tensor out = new Tensor(a.data, s);
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
    if (perm.length != r) throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " does not match shape " + a.shape);
    boolean[] seen = new boolean[r];
    int[] od = new int[r];
    for (int i = 0; i < r; i++) {
      int p = perm[i];
      if (p < 0 || p >= r || seen[p]) throw new IllegalArgumentException("not a permutation of " + r + " axes: " + Arrays.toString(perm));
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
    Shape s0 = parts[0].shape;
    int ax = s0.axis(axis);
    int total = 0;
    for (Tensor t : parts) {
      if (t.rank() != s0.rank()) throw new IllegalArgumentException("concat: shapes " + s0 + " and " + t.shape + " differ in rank");
      for (int d = 0; d < s0.rank(); d++) {
        if (d != ax && t.shape.dim(d) != s0.dim(d)) {
          throw new IllegalArgumentException("concat along axis " + ax + ": shapes " + s0 + " and " + t.shape + " differ at axis " + d);
        }
      }
      total += t.shape.dim(ax);
    }
    Shape os = s0.with(ax, total);
    Tensor out = Tensor.empty(os);
    int outer = os.outer(ax), inner = os.inner(ax);
    int[] widths = new int[parts.length];
    int col = 0;
    for (int p = 0; p < parts.length; p++) {
      Tensor t = parts[p];
      int w = t.shape.dim(ax) * inner;
      widths[p] = t.shape.dim(ax);
      for (int o = 0; o < outer; o++) System.arraycopy(t.data, o * w, out.data, o * total * inner + col, w);
      col += w;
    }
    Node n = Autograd.record(out, Op.CONCAT, parts);
    if (n != null) n.ints = new int[] {ax};
    return out;
  }

  /** The sub-range [start, end) of {@code axis} (a copy). */
  public static Tensor slice(Tensor a, int axis, int start, int end) {
    int ax = a.shape.axis(axis);
    int n = a.shape.dim(ax);
    if (start < 0 || end > n || start > end) {
      throw new IllegalArgumentException("slice [" + start + ", " + end + ") out of range for axis " + ax + " of " + a.shape);
    }
    Shape os = a.shape.with(ax, end - start);
    Tensor out = Tensor.empty(os);
    int outer = a.shape.outer(ax), inner = a.shape.inner(ax), w = (end - start) * inner;
    for (int o = 0; o < outer; o++) System.arraycopy(a.data, (o * n + start) * inner, out.data, o * w, w);
    Node node = Autograd.record(out, Op.SLICE, a);
    if (node != null) node.ints = new int[] {ax, start, end};
    return out;
  }

  /** Splits {@code axis} into consecutive pieces of the given sizes (which must add up to the extent). */
  public static List<Tensor> split(Tensor a, int axis, int... sizes) {
    int ax = a.shape.axis(axis);
    int total = 0;
    for (int s : sizes) total += s;
    if (total != a.shape.dim(ax)) {
      throw new IllegalArgumentException("split sizes " + Arrays.toString(sizes) + " do not add up to axis " + ax + " of " + a.shape);
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
    if (axis < 0 || axis > r) throw new IllegalArgumentException("stack axis " + axis + " out of range for rank " + r);
    Tensor[] expanded = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].shape.equals(parts[0].shape)) {
        throw new IllegalArgumentException("stack: shapes " + parts[0].shape + " and " + parts[i].shape + " differ");
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
