package org.rec4j.loss;

import org.rec4j.tensor.Activations;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/**
 * Pairwise hinge (margin ranking) loss: {@code l = max(0, m − (s⁺ − s⁻))}, zero once the positive
 * outscores the negative by the margin {@code m} (as in CML, Hsieh et al. 2017, and Weston et al.'s
 * WSABIE without the rank weighting).
 */
public final class MarginRankingLoss extends PairDifferenceLoss {
  private final float margin;

  /** With margin {@code m ≥ 0} and the given reduction. */
  public MarginRankingLoss(float margin, Reduction reduction) {
    super(reduction);
    if (!(margin >= 0) || Float.isInfinite(margin)) {
      throw new IllegalArgumentException("margin must be finite and >= 0, got " + margin);
    }
    this.margin = margin;
  }

  /** With margin 1 and {@link Reduction#MEAN}. */
  public MarginRankingLoss() {
    this(1f, Reduction.MEAN);
  }

  /** The margin. */
  public float margin() {
    return margin;
  }

  @Override
  Tensor ofDifference(Tensor diff) {
    return Activations.relu(MathOps.rsubScalar(margin, diff));
  }
}
