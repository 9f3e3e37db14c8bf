package org.rec4j.loss;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/** Mean squared error: {@code l = (ŷ − y)²} per element (rating prediction, regression heads). */
public final class MseLoss extends ElementwiseLoss {
  /** With the given reduction. */
  public MseLoss(Reduction reduction) {
    super(reduction);
  }

  /** With {@link Reduction#MEAN}. */
  public MseLoss() {
    this(Reduction.MEAN);
  }

  @Override
  Tensor elementwise(Tensor prediction, Tensor target) {
    return MathOps.square(MathOps.sub(prediction, target));
  }
}
