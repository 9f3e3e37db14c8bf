package org.rec4j.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape: the extent of each dimension, outermost first (row-major).
 *
 * <p>A rank-0 shape ({@code []}) is a scalar with one element. Broadcasting follows the NumPy rule:
 * shapes are aligned on their trailing dimension and a dimension of 1 stretches to match the other.
 *
 * <p>Shapes are interned: the factories and derivations ({@link #of}, {@link #with}, {@link
 * #without}, {@link #broadcast}) look the result up in a small fixed-size table first, so a
 * training step that builds the same shapes every batch allocates none after the first. The table
 * is a lossy cache shared by all threads — a racy read may miss and allocate an equal shape, which
 * is harmless because shapes are immutable and compared with {@link #equals}, never by identity.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);
  private static final int INTERNED = 1024;
  private static final Shape[] TABLE = new Shape[INTERNED];
  private final int[] dims;
  private final int size;
  private final int hash;

  private Shape(int[] dims) {
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "negative dimension " + dims[i] + " at axis " + i + " in " + Arrays.toString(dims));
      }
      n *= dims[i];
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(dims)
              + " has "
              + n
              + " elements, more than an array can hold");
    }
    this.dims = dims;
    this.size = (int) n;
    this.hash = Arrays.hashCode(dims);
  }

  /** A shape with the given dimensions (copied). */
  public static Shape of(int... dims) {
    if (dims.length == 0) return SCALAR;
    Shape s = TABLE[slot(Arrays.hashCode(dims))];
    return s != null && Arrays.equals(s.dims, dims) ? s : intern(dims.clone());
  }

  /** The rank-1 shape {@code [d0]} (no varargs array). */
  public static Shape of(int d0) {
    Shape s = TABLE[slot(31 + d0)];
    return s != null && s.dims.length == 1 && s.dims[0] == d0 ? s : intern(new int[] {d0});
  }

  /** The rank-2 shape {@code [d0, d1]} (no varargs array). */
  public static Shape of(int d0, int d1) {
    Shape s = TABLE[slot(31 * (31 + d0) + d1)];
    return s != null && s.dims.length == 2 && s.dims[0] == d0 && s.dims[1] == d1
        ? s
        : intern(new int[] {d0, d1});
  }

  /** Index of hash {@code h} in the intern table. */
  private static int slot(int h) {
    int m = h * 0x9E3779B9;
    return (m ^ (m >>> 16)) & (INTERNED - 1);
  }

  /** A new shape over {@code dims} (owned, not copied), stored in the intern table. */
  private static Shape intern(int[] dims) {
    Shape s = new Shape(dims);
    TABLE[slot(s.hash)] = s;
    return s;
  }

  /** The rank-0 shape of a scalar. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Extent of axis {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return dims[axis(axis)];
  }

  /** Number of elements. */
  public int size() {
    return size;
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Normalizes a possibly negative axis, throwing if it is out of range. */
  public int axis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
    }
    return a;
  }

  /** Product of dimensions before {@code axis} (exclusive). */
  public int outer(int axis) {
    int n = 1;
    for (int i = 0; i < axis; i++) n *= dims[i];
    return n;
  }

  /** Product of dimensions after {@code axis} (exclusive). */
  public int inner(int axis) {
    int n = 1;
    for (int i = axis + 1; i < dims.length; i++) n *= dims[i];
    return n;
  }

  /** Row-major strides (elements) of each axis. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** This shape with axis {@code axis} replaced by {@code extent}. */
  public Shape with(int axis, int extent) {
    int a = axis(axis);
    if (dims[a] == extent) return this;
    int h = 1;
    for (int i = 0; i < dims.length; i++) h = 31 * h + (i == a ? extent : dims[i]);
    Shape s = TABLE[slot(h)];
    if (s != null
        && s.dims.length == dims.length
        && s.dims[a] == extent
        && sameExcept(dims, a, s.dims, a)) return s;
    int[] d = dims.clone();
    d[a] = extent;
    return intern(d);
  }

  /** This shape with axis {@code axis} removed. */
  public Shape without(int axis) {
    int a = axis(axis);
    if (dims.length == 1) return SCALAR;
    int h = 1;
    for (int i = 0; i < dims.length; i++) if (i != a) h = 31 * h + dims[i];
    Shape s = TABLE[slot(h)];
    if (s != null && s.dims.length == dims.length - 1 && sameExcept(dims, a, s.dims, -1)) return s;
    int[] d = new int[dims.length - 1];
    for (int i = 0, j = 0; i < dims.length; i++) if (i != a) d[j++] = dims[i];
    return intern(d);
  }

  /**
   * Whether {@code x} without its axis {@code skip} equals {@code y} without its axis {@code ySkip}
   * (-1: none), both walked in order.
   */
  private static boolean sameExcept(int[] x, int skip, int[] y, int ySkip) {
    for (int i = 0, j = 0; i < x.length; i++, j++) {
      if (i == skip) {
        if (ySkip < 0) j--;
        continue;
      }
      if (x[i] != y[j]) return false;
    }
    return true;
  }

  /**
   * The broadcast of two shapes under the NumPy rule.
   *
   * @throws IllegalArgumentException naming both shapes when they are incompatible
   */
  public static Shape broadcast(Shape a, Shape b) {
    if (a.equals(b) || stretches(b, a)) return a;
    if (stretches(a, b)) return b;
    int r = Math.max(a.rank(), b.rank());
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
      int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "shapes "
                + a
                + " and "
                + b
                + " cannot be broadcast (axis "
                + i
                + ": "
                + da
                + " vs "
                + db
                + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return of(out);
  }

  /** Whether {@code x} broadcasts to {@code s} unchanged, i.e. their broadcast is {@code s}. */
  private static boolean stretches(Shape x, Shape s) {
    int off = s.rank() - x.rank();
    if (off < 0) return false;
    for (int i = 0; i < x.rank(); i++) {
      if (x.dims[i] != 1 && x.dims[i] != s.dims[i + off]) return false;
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Shape s && s.hash == hash && Arrays.equals(dims, s.dims));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
