package org.rec4j.train;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * The running mean of a model's parameters over epoch ends — stochastic weight averaging (Izmailov
 * et al. 2018) as {@link Trainer} applies it when {@link TrainerConfig#swaFrom} is set. {@link
 * #swap} exchanges the live weights and the average in place, so validating the average costs two
 * passes over the parameters and no allocation.
 *
 * <p>Only parameters are averaged: statistics kept outside them (batch-norm running moments) stay
 * those of the live weights.
 */
final class WeightAverage {
  private final List<Parameter> params;
  private final float[][] mean;
  private int count;

  WeightAverage(List<Parameter> params) {
    this.params = params;
    this.mean = new float[params.size()][];
    for (int i = 0; i < mean.length; i++) mean[i] = new float[params.get(i).value().data().length];
  }

  /** Folds the current weights into the mean: mean += (w − mean) / (n + 1). */
  void add() {
    count++;
    float inv = 1f / count;
    for (int i = 0; i < mean.length; i++) {
      float[] w = params.get(i).value().data(), m = mean[i];
      for (int j = 0; j < m.length; j++) m[j] += (w[j] - m[j]) * inv;
    }
  }

  /** Exchanges the live weights and the mean. */
  void swap() {
    for (int i = 0; i < mean.length; i++) {
      float[] w = params.get(i).value().data(), m = mean[i];
      for (int j = 0; j < m.length; j++) {
        float t = w[j];
        w[j] = m[j];
        m[j] = t;
      }
    }
  }

  /** Epoch ends averaged so far. */
  int count() {
    return count;
  }
}
