package org.rec4j.loss;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities: {@code l = −[y·log p + (1 − y)·log(1 − p)]} for
 * predictions {@code p ∈ [0, 1]} and targets {@code y ∈ [0, 1]}.
 *
 * <p>To keep the logarithms finite, {@code p} is clamped to {@code [ε, 1 − ε]} (default {@code ε =
 * 1e-7}); outside that band the gradient is zero. Prefer {@link BceWithLogitsLoss} whenever the
 * model can output logits: it is exact for all inputs.
 */
public final class BceLoss extends ElementwiseLoss {
  private final float eps;

  /** With clamp {@code eps ∈ (0, 0.5)} and the given reduction. */
  public BceLoss(float eps, Reduction reduction) {
    super(reduction);
    if (!(eps > 0 && eps < 0.5f))
      throw new IllegalArgumentException("BCE eps must lie in (0, 0.5), got " + eps);
    this.eps = eps;
  }

  /** With {@code ε = 1e-7} and the given reduction. */
  public BceLoss(Reduction reduction) {
    this(1e-7f, reduction);
  }

  /** With {@code ε = 1e-7} and {@link Reduction#MEAN}. */
  public BceLoss() {
    this(Reduction.MEAN);
  }

  @Override
  Tensor elementwise(Tensor prediction, Tensor target) {
    Shapes.requireRange("BceLoss", "prediction", prediction, 0f, 1f);
    Tensor p = MathOps.clamp(prediction, eps, 1f - eps);
    Tensor pos = MathOps.mul(target, MathOps.log(p));
    Tensor neg =
        MathOps.mul(MathOps.rsubScalar(1f, target), MathOps.log(MathOps.rsubScalar(1f, p)));
    return MathOps.neg(MathOps.add(pos, neg));
  }
}
