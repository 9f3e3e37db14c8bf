package org.rec4j.loss;

import org.rec4j.tensor.Tensor;

/**
 * A loss comparing each prediction with its target: {@code prediction} and {@code target} have the
 * same shape (no broadcasting, so a {@code [B]} versus {@code [B, 1]} mix-up fails loudly) and
 * {@code weights} is {@code null}, {@code [B]} or the prediction's shape. The result is reduced by
 * {@link #reduction()}: a scalar for {@link Reduction#MEAN}/{@link Reduction#SUM}, the prediction's
 * shape for {@link Reduction#NONE}.
 */
public interface PointwiseLoss {
  /**
   * The loss of {@code prediction} against {@code target}, with optional per-sample {@code
   * weights}.
   */
  Tensor compute(Tensor prediction, Tensor target, Tensor weights);

  /** The unweighted loss. */
  default Tensor compute(Tensor prediction, Tensor target) {
    return compute(prediction, target, null);
  }

  /** How per-sample losses are combined. */
  Reduction reduction();
}
