package org.rec4j.loss;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * How per-sample losses {@code l} become the returned tensor, given optional per-sample weights
 * {@code w}.
 *
 * <ul>
 *   <li>{@link #NONE}: the per-sample losses, multiplied elementwise by {@code w} when given;
 *   <li>{@link #SUM}: {@code Σ w·l} (or {@code Σ l});
 *   <li>{@link #MEAN}: {@code Σ w·l / Σ w} (or {@code Σ l / N}) — a weighted average, so scaling
 *       all weights by a constant does not change the loss. The sum of weights counts every element
 *       a weight applies to: per-sample weights {@code [B]} over losses {@code [B, T]} give {@code
 *       Σ w·l / (T·Σ w)}. A batch whose weights are all zero has loss 0 (with zero gradient), so a
 *       fully masked batch contributes nothing rather than NaN.
 * </ul>
 *
 * <p>Weights have the shape of the losses or {@code [B]} (one per leading-axis sample, repeated
 * over the other axes); they must be finite and non-negative. They are ordinary tensors: a weight
 * tensor that requires gradients receives them.
 */
public enum Reduction {
  /** Weighted mean: {@code Σ w·l / Σ w}. */
  MEAN,
  /** Weighted sum: {@code Σ w·l}. */
  SUM,
  /** No reduction: the (weighted) per-sample losses. */
  NONE;

  /** Reduces per-sample {@code losses} with optional {@code weights} (may be {@code null}). */
  public Tensor reduce(Tensor losses, Tensor weights) {
    Tensor w = weights == null ? null : expand(losses, weights);
    Tensor weighted = w == null ? losses : MathOps.mul(losses, w);
    return switch (this) {
      case NONE -> weighted;
      case SUM -> ReduceOps.sum(weighted);
      case MEAN -> {
        if (w == null) yield ReduceOps.mean(losses);
        int repeat = losses.size() / Math.max(1, weights.size());
        double total = 0;
        for (float v : weights.data()) total += v;
        Tensor sum = ReduceOps.sum(weighted);
        if (total == 0) yield MathOps.mulScalar(sum, 0f);
        yield MathOps.div(sum, MathOps.mulScalar(ReduceOps.sum(weights), repeat));
      }
    };
  }

  /** The weights reshaped so they broadcast over the losses, after validating shape and values. */
  private static Tensor expand(Tensor losses, Tensor weights) {
    float[] w = weights.data();
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] >= 0) || Float.isInfinite(w[i])) {
        throw new IllegalArgumentException(
            "weights must be finite and non-negative, element " + i + " is " + w[i]);
      }
    }
    if (weights.shape().equals(losses.shape())) return weights;
    if (weights.rank() == 1 && losses.rank() > 1 && weights.dim(0) == losses.dim(0)) {
      int[] d = new int[losses.rank()];
      java.util.Arrays.fill(d, 1);
      d[0] = weights.dim(0);
      return ShapeOps.reshape(weights, d);
    }
    throw new IllegalArgumentException(
        "weights shape "
            + weights.shape()
            + " must equal the loss shape "
            + losses.shape()
            + " or be ["
            + (losses.rank() == 0 ? "" : losses.dim(0))
            + "]");
  }
}
