package org.rec4j.loss;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/** Fixed linear combination of task losses: {@code L = Σ_i w_i·L_i} with non-negative weights. */
public final class WeightedSumLoss implements MultiTaskLoss {
  private final float[] weights;

  /** With one finite, non-negative weight per task. */
  public WeightedSumLoss(float... weights) {
    if (weights.length == 0)
      throw new IllegalArgumentException("WeightedSumLoss needs at least one task weight");
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            "task weight " + i + " must be finite and >= 0, got " + weights[i]);
      }
    }
    this.weights = weights.clone();
  }

  @Override
  public Tensor combine(Tensor... taskLosses) {
    TaskLosses.check("WeightedSumLoss", taskLosses, weights.length);
    Tensor total = MathOps.mulScalar(taskLosses[0], weights[0]);
    for (int i = 1; i < taskLosses.length; i++) {
      total = MathOps.add(total, MathOps.mulScalar(taskLosses[i], weights[i]));
    }
    return total;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public int tasks() {
    return weights.length;
  }

  /** The task weights (a copy). */
  public float[] weights() {
    return weights.clone();
  }
}
