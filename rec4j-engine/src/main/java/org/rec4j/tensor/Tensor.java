package org.rec4j.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order, optionally tracking gradients for reverse-mode
 * autodiff.
 *
 * <p>The tensor owns (or shares, for {@link ShapeOps#reshape reshape} views) a contiguous {@code
 * float[]} of exactly {@link #size()} elements. It is deliberately small: the operations live in
 * families ({@link MathOps}, {@link ReduceOps}, {@link ShapeOps}, {@link IndexOps}, {@link LinAlg},
 * {@link NnOps}) and every backward rule lives in {@link Gradients}.
 *
 * <p>A tensor that {@linkplain #requiresGrad() requires a gradient} and was produced by an op
 * records the op in a {@link Node}; {@link #backward()} walks that graph in reverse topological
 * order, accumulating into {@link #grad()}. Leaves (parameters) keep their gradient between steps
 * until {@link #zeroGrad()}. A table marked {@linkplain #sparseGrad(boolean) sparse} receives
 * gradients from row lookups as a {@link SparseRowGrad}.
 *
 * <p>A tensor created by an op or a factory while an {@link Arena} is open on the thread is owned
 * by that arena's scope: its buffer and the object itself are reused once the scope closes, so it
 * must not be used afterwards (see {@link Arena} for the rule; {@link #wrap}, {@link #copy} and
 * {@link #detach} always give heap objects).
 */
public final class Tensor {
  private static final float[] NO_DATA = new float[0];
  private static final Shape NO_SHAPE = Shape.of(0);
  float[] data;
  Shape shape;
  boolean requiresGrad;
  float[] grad;
  Node node;
  boolean sparse;
  SparseRowGrad sparseGrad;

  Tensor(float[] data, Shape shape) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "data has " + data.length + " elements but shape " + shape + " needs " + shape.size());
    }
    this.data = data;
    this.shape = shape;
  }

  /**
   * Readies a tensor pooled by an {@link Arena} for new contents; it has no gradient and no graph.
   */
  void reset(float[] data, Shape shape) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "data has " + data.length + " elements but shape " + shape + " needs " + shape.size());
    }
    this.data = data;
    this.shape = shape;
  }

  /**
   * Empties a pooled tensor whose scope closed: it holds no elements and no graph until reused, so
   * reading a tensor kept past its scope fails (or sees a later tensor's values once reused) rather
   * than holding buffers alive.
   */
  void clear() {
    data = NO_DATA;
    shape = NO_SHAPE;
    requiresGrad = false;
    grad = null;
    node = null;
    sparse = false;
    sparseGrad = null;
  }

  // ---- factories
  // -------------------------------------------------------------------------------------------

  /** A tensor wrapping {@code data} without copying. */
  public static Tensor wrap(float[] data, int... dims) {
    return new Tensor(data, Shape.of(dims));
  }

  /** A tensor holding a copy of {@code data}. */
  public static Tensor of(float[] data, int... dims) {
    Tensor t = zeros(dims);
    if (data.length != t.size()) {
      throw new IllegalArgumentException(
          "data has " + data.length + " elements but shape " + t.shape + " needs " + t.size());
    }
    System.arraycopy(data, 0, t.data, 0, data.length);
    return t;
  }

  /** A rank-0 tensor. */
  public static Tensor scalar(float v) {
    Tensor t = empty(Shape.scalar());
    t.data[0] = v;
    return t;
  }

  /** Zeros of the given shape. */
  public static Tensor zeros(int... dims) {
    return empty(Shape.of(dims));
  }

  /** Zeros of the given shape. */
  public static Tensor zeros(Shape shape) {
    return empty(shape);
  }

  /** Ones of the given shape. */
  public static Tensor ones(int... dims) {
    return full(1f, dims);
  }

  /** A tensor filled with {@code v}. */
  public static Tensor full(float v, int... dims) {
    Tensor t = zeros(dims);
    Arrays.fill(t.data, v);
    return t;
  }

  /** Independent N(0, std²) draws. */
  public static Tensor randn(Rng rng, float std, int... dims) {
    Tensor t = zeros(dims);
    for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (rng.nextGaussian() * std);
    return t;
  }

  /** Independent U[lo, hi) draws. */
  public static Tensor uniform(Rng rng, float lo, float hi, int... dims) {
    Tensor t = zeros(dims);
    for (int i = 0; i < t.data.length; i++) t.data[i] = lo + (hi - lo) * rng.nextFloat();
    return t;
  }

  /** A zeroed tensor whose buffer and object come from the open {@link Arena}, if any. */
  static Tensor empty(Shape shape) {
    Arena a = Arena.current();
    return a == null
        ? new Tensor(new float[shape.size()], shape)
        : a.tensor(a.take(shape.size()), shape);
  }

  /** A tensor over existing {@code data} (a view), pooled by the open {@link Arena} if any. */
  static Tensor view(float[] data, Shape shape) {
    Arena a = Arena.current();
    return a == null ? new Tensor(data, shape) : a.tensor(data, shape);
  }

  // ---- accessors
  // -------------------------------------------------------------------------------------------

  /** The shape. */
  public Shape shape() {
    return shape;
  }

  /** The dimensions (a copy). */
  public int[] dims() {
    return shape.dims();
  }

  /** Extent of one axis (negative counts from the end). */
  public int dim(int axis) {
    return shape.dim(axis);
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.rank();
  }

  /** Number of elements. */
  public int size() {
    return data.length;
  }

  /** The backing array (live; writes are visible to the tensor and bypass autodiff). */
  public float[] data() {
    return data;
  }

  /** The single value of a one-element tensor. */
  public float item() {
    if (data.length != 1)
      throw new IllegalStateException("item() needs one element, shape is " + shape);
    return data[0];
  }

  /** Element at the given multi-index. */
  public float get(int... index) {
    return data[offset(index)];
  }

  /** Sets the element at the given multi-index (bypasses autodiff). */
  public void set(float v, int... index) {
    data[offset(index)] = v;
  }

  private int offset(int[] index) {
    if (index.length != shape.rank()) {
      throw new IllegalArgumentException(
          "index " + Arrays.toString(index) + " does not match shape " + shape);
    }
    int off = 0;
    for (int i = 0; i < index.length; i++) {
      int d = shape.dim(i);
      if (index[i] < 0 || index[i] >= d) {
        throw new IndexOutOfBoundsException(
            "index " + Arrays.toString(index) + " out of bounds for shape " + shape);
      }
      off = off * d + index[i];
    }
    return off;
  }

  /** A copy of the values as a new array. */
  public float[] toArray() {
    return data.clone();
  }

  /** A copy detached from the graph, on the heap (never from an arena). */
  public Tensor copy() {
    return new Tensor(data.clone(), shape);
  }

  /** A tensor sharing this one's data but with no gradient history. */
  public Tensor detach() {
    return new Tensor(data, shape);
  }

  // ---- autodiff
  // ----------------------------------------------------------------------------------------------

  /** Whether gradients flow to this tensor. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks a leaf as requiring gradients; returns this. */
  public Tensor requiresGrad(boolean on) {
    if (node != null && !on)
      throw new IllegalStateException("cannot turn off gradients of a non-leaf tensor");
    this.requiresGrad = on;
    return this;
  }

  /**
   * Makes lookups into this table ({@link IndexOps#embedding}) deliver their gradient as a {@link
   * SparseRowGrad} rather than into the dense {@link #grad()} buffer. Only for rank-2 leaves.
   */
  public Tensor sparseGrad(boolean on) {
    if (on && shape.rank() != 2)
      throw new IllegalArgumentException("sparse gradients need a rank-2 table, shape is " + shape);
    this.sparse = on;
    return this;
  }

  /** Whether row lookups produce sparse gradients. */
  public boolean isSparseGrad() {
    return sparse;
  }

  /** The sparse row gradient accumulated so far, or {@code null}. */
  public SparseRowGrad sparseGradient() {
    return sparseGrad;
  }

  /** The dense gradient buffer, or {@code null} if none has been accumulated. */
  public float[] grad() {
    return grad;
  }

  /** The gradient as a tensor (dense; sparse row gradients are densified), or {@code null}. */
  public Tensor gradTensor() {
    if (grad == null && sparseGrad == null) return null;
    float[] g = grad == null ? new float[data.length] : grad.clone();
    if (sparseGrad != null) {
      sparseGrad.coalesce();
      sparseGrad.addTo(g);
    }
    return new Tensor(g, shape);
  }

  /**
   * The dense gradient buffer, allocated (zeroed) on first use. Optimizers and tests use it to read
   * or seed gradients; ops accumulate into it during {@link #backward()}.
   */
  public float[] gradBuffer() {
    if (grad == null) grad = node == null ? new float[data.length] : Arena.alloc(data.length);
    return grad;
  }

  /**
   * The sparse row gradient of a {@linkplain #sparseGrad(boolean) sparse} table, created on first
   * use.
   */
  public SparseRowGrad sparseGradBuffer() {
    if (sparseGrad == null) sparseGrad = new SparseRowGrad(shape.dim(0), shape.dim(1));
    return sparseGrad;
  }

  /** Clears the dense and sparse gradients (keeps buffers). */
  public void zeroGrad() {
    if (grad != null) Arrays.fill(grad, 0f);
    if (sparseGrad != null) sparseGrad.clear();
  }

  /** The op that produced this tensor, or {@code null} for leaves and untracked results. */
  public Node node() {
    return node;
  }

  /** Back-propagates from this scalar (seed gradient 1). */
  public void backward() {
    if (data.length != 1)
      throw new IllegalStateException(
          "backward() without a seed needs a scalar, shape is " + shape);
    Autograd.backward(this, null);
  }

  /** Back-propagates from this tensor with the given seed gradient of the same size. */
  public void backward(float[] seed) {
    if (seed == null)
      throw new IllegalArgumentException("seed gradient is null; use backward() for a scalar");
    Autograd.backward(this, seed);
  }

  @Override
  public String toString() {
    int n = Math.min(data.length, 8);
    StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ').append('[');
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ", ").append(data[i]);
    if (n < data.length) sb.append(", …");
    return sb.append(']').append(requiresGrad ? " grad" : "").toString();
  }
}
