package org.rec4j.loss;

import org.rec4j.tensor.Activations;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/**
 * Bayesian personalized ranking (Rendle et al. 2009, "BPR: Bayesian Personalized Ranking from
 * Implicit Feedback"): {@code l = −log σ(s⁺ − s⁻)}, the negative log-likelihood that the user
 * prefers the observed item over the sampled one. Computed stably as {@code softplus(−(s⁺ − s⁻))}.
 * The paper's L2 prior on the parameters is left to the optimizer's regularizer.
 */
public final class BprLoss extends PairDifferenceLoss {
  /** With the given reduction. */
  public BprLoss(Reduction reduction) {
    super(reduction);
  }

  /** With {@link Reduction#MEAN}. */
  public BprLoss() {
    this(Reduction.MEAN);
  }

  @Override
  Tensor ofDifference(Tensor diff) {
    return Activations.softplus(MathOps.neg(diff));
  }
}
