package org.rec4j.tensor;

/**
 * Records a fused operation defined outside the engine (e.g. a model's interaction layer) whose
 * forward was computed by the caller. Its backward rule is supplied as a {@link Backward}; like the
 * engine's own fused ops it must be tested against its decomposed form with a finite-difference
 * check.
 */
public final class CustomOp {
  private CustomOp() {}

  /** A backward rule: add d loss/d input to each input that requires a gradient. */
  @FunctionalInterface
  public interface Backward {
    /** Accumulates input gradients given the output and its gradient {@code g}. */
    void backward(Tensor output, float[] g, Tensor[] inputs);
  }

  /**
   * A new output tensor of the given shape (arena-backed when an arena is open) for the caller to
   * fill.
   */
  public static Tensor output(int... dims) {
    return Tensor.empty(Shape.of(dims));
  }

  /**
   * A new output tensor of the given shape (arena-backed when an arena is open) for the caller to
   * fill.
   */
  public static Tensor output(Shape shape) {
    return Tensor.empty(shape);
  }

  /**
   * Attaches {@code rule} as the backward of {@code out}, computed from {@code inputs}; returns
   * {@code out}.
   */
  public static Tensor record(Tensor out, Backward rule, Tensor... inputs) {
    return attach(Autograd.record(out, Op.CUSTOM, inputs), rule, out);
  }

  /** {@link #record(Tensor, Backward, Tensor...)} for two inputs, without a varargs array. */
  public static Tensor record(Tensor out, Backward rule, Tensor a, Tensor b) {
    return attach(Autograd.record(out, Op.CUSTOM, a, b), rule, out);
  }

  /** {@link #record(Tensor, Backward, Tensor...)} for three inputs, without a varargs array. */
  public static Tensor record(Tensor out, Backward rule, Tensor a, Tensor b, Tensor c) {
    return attach(Autograd.record(out, Op.CUSTOM, a, b, c), rule, out);
  }

  private static Tensor attach(Node n, Backward rule, Tensor out) {
    if (n != null) n.aux = rule;
    return out;
  }
}
