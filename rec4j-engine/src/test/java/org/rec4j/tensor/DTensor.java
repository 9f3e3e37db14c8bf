package org.rec4j.tensor;

import java.util.Arrays;

/**
 * A dense double-precision tensor for the reference implementations in {@link Ref}: values in
 * row-major order and the dimensions (rank 0 is a scalar). Test code only; no autograd.
 */
public final class DTensor {
  final double[] v;
  final int[] dims;

  DTensor(double[] v, int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    if (n != v.length)
      throw new IllegalArgumentException(v.length + " values for dims " + Arrays.toString(dims));
    this.v = v;
    this.dims = dims.clone();
  }

  /** The exact double copy of a float32 tensor's values and shape. */
  public static DTensor of(Tensor t) {
    float[] d = t.data();
    double[] v = new double[d.length];
    for (int i = 0; i < d.length; i++) v[i] = d[i];
    return new DTensor(v, t.dims());
  }

  /** Zeros of the given dimensions. */
  public static DTensor zeros(int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    return new DTensor(new double[n], dims);
  }

  /** The given values with the given dimensions (copied). */
  public static DTensor of(double[] v, int... dims) {
    return new DTensor(v.clone(), dims);
  }

  /** A scalar (rank 0). */
  public static DTensor scalar(double x) {
    return new DTensor(new double[] {x});
  }

  /** The values (live, row-major). */
  public double[] values() {
    return v;
  }

  /** The dimensions (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  /** Number of elements. */
  public int size() {
    return v.length;
  }

  /** Number of axes. */
  public int rank() {
    return dims.length;
  }

  /** Extent of {@code axis} (negative counts from the end). */
  public int dim(int axis) {
    return dims[axis < 0 ? axis + dims.length : axis];
  }

  @Override
  public String toString() {
    return "DTensor" + Arrays.toString(dims);
  }
}
