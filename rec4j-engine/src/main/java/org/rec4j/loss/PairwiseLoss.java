package org.rec4j.loss;

import org.rec4j.tensor.Tensor;

/**
 * A loss on pairs of scores where {@code positive} should outrank {@code negative}: {@code
 * positive} is {@code [B]} and {@code negative} is {@code [B]} (one negative per positive) or
 * {@code [B, k]} (k sampled negatives each). The per-sample loss is the mean over the sample's k
 * pairs, so it is {@code [B]} before {@link #reduction()} and {@code weights} is {@code null} or
 * {@code [B]}.
 */
public interface PairwiseLoss {
  /** The loss of each positive against its negatives, with optional per-sample {@code weights}. */
  Tensor compute(Tensor positive, Tensor negative, Tensor weights);

  /** The unweighted loss. */
  default Tensor compute(Tensor positive, Tensor negative) {
    return compute(positive, negative, null);
  }

  /** How per-sample losses are combined. */
  Reduction reduction();
}
