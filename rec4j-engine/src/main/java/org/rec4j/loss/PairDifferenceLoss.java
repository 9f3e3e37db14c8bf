package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Base of the pairwise losses that depend only on the score difference {@code d = s⁺ − s⁻}: checks
 * shapes, forms the {@code [B]} or {@code [B, k]} differences, applies {@link #ofDifference},
 * averages over the k negatives and reduces.
 */
abstract class PairDifferenceLoss implements PairwiseLoss {
  private final Reduction reduction;

  PairDifferenceLoss(Reduction reduction) {
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  @Override
  public final Tensor compute(Tensor positive, Tensor negative, Tensor weights) {
    String loss = getClass().getSimpleName();
    Shapes.requireRank(loss, "positive scores", positive, 1, "[B]");
    int b = positive.dim(0);
    boolean single = negative.rank() == 1 && negative.dim(0) == b;
    boolean multi = negative.rank() == 2 && negative.dim(0) == b;
    if (!single && !multi) {
      throw new IllegalArgumentException(
          loss
              + ": negative scores must be ["
              + b
              + "] or ["
              + b
              + ", k] for positive"
              + " scores "
              + positive.shape()
              + ", shape is "
              + negative.shape());
    }
    if (single) return reduction.reduce(ofDifference(MathOps.sub(positive, negative)), weights);
    Tensor diff = MathOps.sub(ShapeOps.reshape(positive, b, 1), negative);
    return reduction.reduce(ReduceOps.mean(ofDifference(diff), 1, false), weights);
  }

  @Override
  public final Reduction reduction() {
    return reduction;
  }

  /** The loss of each pair given its score difference {@code s⁺ − s⁻}. */
  abstract Tensor ofDifference(Tensor diff);
}
