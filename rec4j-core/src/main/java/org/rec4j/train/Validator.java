package org.rec4j.train;

import java.util.Map;

/**
 * Computes validation metrics for the model being trained (called in evaluation mode, without
 * gradients).
 */
@FunctionalInterface
public interface Validator {
  /** Metric name → value, e.g. {@code ndcg@10 → 0.41} or {@code rmse → 0.91}. */
  Map<String, Double> validate();
}
