package org.rec4j.loss;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/**
 * Huber loss (Huber 1964), quadratic near zero and linear in the tails: with {@code r = ŷ − y},
 * {@code l = ½r²} for {@code |r| ≤ δ} and {@code δ(|r| − ½δ)} otherwise. Its gradient is {@code r}
 * clipped to {@code [−δ, δ]}.
 *
 * <p>Computed as {@code ½c² + δ(|r| − c)} with {@code c = min(|r|, δ)}, which equals both branches
 * and lets the engine differentiate it.
 */
public final class HuberLoss extends ElementwiseLoss {
  private final float delta;

  /** With threshold {@code delta > 0} and the given reduction. */
  public HuberLoss(float delta, Reduction reduction) {
    super(reduction);
    if (!(delta > 0) || Float.isInfinite(delta)) {
      throw new IllegalArgumentException("Huber delta must be finite and > 0, got " + delta);
    }
    this.delta = delta;
  }

  /** With {@code δ = 1} and {@link Reduction#MEAN}. */
  public HuberLoss() {
    this(1f, Reduction.MEAN);
  }

  /** The threshold δ. */
  public float delta() {
    return delta;
  }

  @Override
  Tensor elementwise(Tensor prediction, Tensor target) {
    Tensor a = MathOps.abs(MathOps.sub(prediction, target));
    Tensor c = MathOps.clamp(a, 0f, delta);
    Tensor quadratic = MathOps.mulScalar(MathOps.square(c), 0.5f);
    return MathOps.add(quadratic, MathOps.mulScalar(MathOps.sub(a, c), delta));
  }
}
