package org.rec4j.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape: the extent of each dimension, outermost first (row-major).
 *
 * <p>A rank-0 shape ({@code []}) is a scalar with one element. Broadcasting follows the NumPy rule: shapes are
 * aligned on their trailing dimension and a dimension of 1 stretches to match the other.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);
  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException("negative dimension " + dims[i] + " at axis " + i + " in " + Arrays.toString(dims));
      }
      n *= dims[i];
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has " + n + " elements, more than an array can hold");
    }
    this.dims = dims;
    this.size = (int) n;
  }

  /** A shape with the given dimensions (copied). */
  public static Shape of(int... dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
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
    int[] d = dims.clone();
    d[axis(axis)] = extent;
    return new Shape(d);
  }

  /** This shape with axis {@code axis} removed. */
  public Shape without(int axis) {
    int a = axis(axis);
    int[] d = new int[dims.length - 1];
    for (int i = 0, j = 0; i < dims.length; i++) if (i != a) d[j++] = dims[i];
    return of(d);
  }

  /**
   * The broadcast of two shapes under the NumPy rule.
   *
   * @throws IllegalArgumentException naming both shapes when they are incompatible
   */
  public static Shape broadcast(Shape a, Shape b) {
    if (a.equals(b)) return a;
    int r = Math.max(a.rank(), b.rank());
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
      int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + a + " and " + b + " cannot be broadcast (axis " + i + ": " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
