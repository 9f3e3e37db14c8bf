package org.rec4j.loss;

import org.rec4j.tensor.Activations;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/**
 * Binary hinge loss on scores: {@code l = max(0, m − t·x)} with {@code t = 2y − 1 ∈ {−1, +1}} for
 * targets {@code y ∈ {0, 1}} (the same labels as the cross-entropy losses) and margin {@code m}
 * (default 1). For the pairwise form see {@link MarginRankingLoss}.
 */
public final class HingeLoss extends ElementwiseLoss {
  private final float margin;

  /** With the given margin and reduction. */
  public HingeLoss(float margin, Reduction reduction) {
    super(reduction);
    if (!Float.isFinite(margin))
      throw new IllegalArgumentException("hinge margin must be finite, got " + margin);
    this.margin = margin;
  }

  /** With margin 1 and {@link Reduction#MEAN}. */
  public HingeLoss() {
    this(1f, Reduction.MEAN);
  }

  @Override
  Tensor elementwise(Tensor prediction, Tensor target) {
    float[] y = target.data();
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0f && y[i] != 1f) {
        throw new IllegalArgumentException(
            "HingeLoss: targets must be 0 or 1, element " + i + " is " + y[i]);
      }
    }
    Tensor sign = MathOps.addScalar(MathOps.mulScalar(target, 2f), -1f);
    return Activations.relu(MathOps.rsubScalar(margin, MathOps.mul(sign, prediction)));
  }
}
