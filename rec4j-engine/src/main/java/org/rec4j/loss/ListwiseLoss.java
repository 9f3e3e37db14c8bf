package org.rec4j.loss;

import org.rec4j.tensor.Tensor;

/**
 * A loss on whole ranked lists: {@code scores} and {@code relevance} are both {@code [B, n]} (B
 * lists of n slots, relevance graded, treated as constants). A negative relevance (conventionally
 * −1) marks a padded slot of a list shorter than n: the slot is ignored and its score gets no
 * gradient. The per-list loss is {@code [B]} before {@link #reduction()}; {@code weights} is {@code
 * null} or {@code [B]}.
 */
public interface ListwiseLoss {
  /**
   * The loss of each list's scores given its items' relevance, with optional per-list {@code
   * weights}.
   */
  Tensor compute(Tensor scores, Tensor relevance, Tensor weights);

  /** The unweighted loss. */
  default Tensor compute(Tensor scores, Tensor relevance) {
    return compute(scores, relevance, null);
  }

  /** How per-list losses are combined. */
  Reduction reduction();
}
