package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.Tensor;

/** Base of the pointwise losses: checks shapes, computes elementwise losses, then reduces them. */
abstract class ElementwiseLoss implements PointwiseLoss {
  private final Reduction reduction;

  ElementwiseLoss(Reduction reduction) {
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  @Override
  public final Tensor compute(Tensor prediction, Tensor target, Tensor weights) {
    Shapes.requireSame(getClass().getSimpleName(), "prediction", prediction, "target", target);
    return reduction.reduce(elementwise(prediction, target), weights);
  }

  @Override
  public final Reduction reduction() {
    return reduction;
  }

  /** The unreduced loss of each element (inputs already checked to have equal shapes). */
  abstract Tensor elementwise(Tensor prediction, Tensor target);
}
