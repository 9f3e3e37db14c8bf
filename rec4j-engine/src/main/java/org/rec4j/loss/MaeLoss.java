package org.rec4j.loss;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/** Mean absolute error: {@code l = |ŷ − y|} per element; the subgradient at {@code ŷ = y} is 0. */
public final class MaeLoss extends ElementwiseLoss {
  /** With the given reduction. */
  public MaeLoss(Reduction reduction) {
    super(reduction);
  }

  /** With {@link Reduction#MEAN}. */
  public MaeLoss() {
    this(Reduction.MEAN);
  }

  @Override
  Tensor elementwise(Tensor prediction, Tensor target) {
    return MathOps.abs(MathOps.sub(prediction, target));
  }
}
