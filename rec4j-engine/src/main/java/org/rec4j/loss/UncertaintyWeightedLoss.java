package org.rec4j.loss;

import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Tensor;

/**
 * Homoscedastic-uncertainty task weighting (Kendall, Gal &amp; Cipolla 2018, "Multi-Task Learning
 * Using Uncertainty to Weigh Losses for Scene Geometry and Semantics"): {@code L = Σ_i e^{−s_i}·L_i
 * + s_i} with a learned {@code s_i = log σ_i²} per task (parameter {@code "logVar"}, shape {@code
 * [tasks]}, initialized to 0 so every task starts with weight 1). A noisy task learns a large
 * {@code s_i} and a small weight; the {@code + s_i} term stops all weights from collapsing to 0.
 *
 * <p>It is a {@link Module}, so a model can register it as a child and its parameter is then
 * trained, counted and saved with the model's own; otherwise pass {@link #parameters()} to the
 * optimizer.
 *
 * <p>Departure from the paper: its regression form {@code 1/(2σ²)·L + log σ} is used with the
 * factor ½ dropped for every task (the common simplification, as in its classification form), so
 * {@code L_i} enter symmetrically.
 */
public final class UncertaintyWeightedLoss extends Module implements MultiTaskLoss {
  private final Parameter logVar;

  /** For {@code tasks ≥ 1} tasks. */
  public UncertaintyWeightedLoss(int tasks) {
    if (tasks < 1)
      throw new IllegalArgumentException("UncertaintyWeightedLoss needs tasks >= 1, got " + tasks);
    this.logVar = register(new Parameter("logVar", Tensor.zeros(tasks)));
  }

  @Override
  public Tensor combine(Tensor... taskLosses) {
    TaskLosses.check("UncertaintyWeightedLoss", taskLosses, tasks());
    Tensor s = logVar.value();
    Tensor weighted = MathOps.mul(MathOps.exp(MathOps.neg(s)), TaskLosses.stack(taskLosses));
    return ReduceOps.sum(MathOps.add(weighted, s));
  }

  @Override
  public int tasks() {
    return logVar.value().size();
  }

  /** The learned log-variances {@code s_i} (the live parameter). */
  public Parameter logVariance() {
    return logVar;
  }

  /** The current task weights {@code e^{−s_i}}. */
  public float[] taskWeights() {
    float[] s = logVar.value().data();
    float[] w = new float[s.length];
    for (int i = 0; i < s.length; i++) w[i] = (float) Math.exp(-s[i]);
    return w;
  }
}
