package org.rec4j.loss;

import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Validation and stacking of per-task scalar losses for the {@link MultiTaskLoss} implementations.
 */
final class TaskLosses {
  private TaskLosses() {}

  /** Throws unless there are {@code tasks} one-element losses. */
  static void check(String combiner, Tensor[] losses, int tasks) {
    if (losses.length != tasks) {
      throw new IllegalArgumentException(
          combiner + ": got " + losses.length + " task losses, expected " + tasks);
    }
    for (int i = 0; i < losses.length; i++) {
      if (losses[i].size() != 1) {
        throw new IllegalArgumentException(
            combiner
                + ": task loss "
                + i
                + " must be a scalar, shape is "
                + losses[i].shape()
                + " (reduce it with MEAN or SUM)");
      }
    }
  }

  /** The scalar losses as one {@code [tasks]} vector (differentiable). */
  static Tensor stack(Tensor[] losses) {
    Tensor[] flat = new Tensor[losses.length];
    for (int i = 0; i < losses.length; i++) flat[i] = ShapeOps.reshape(losses[i], 1);
    return ShapeOps.concat(0, flat);
  }
}
