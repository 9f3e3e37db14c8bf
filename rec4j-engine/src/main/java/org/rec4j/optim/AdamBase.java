package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * The per-coordinate update shared by {@link Adam} and {@link AdamW}: moment updates, bias correction with the
 * global step count, optional decoupled decay and the subnormal flush of both moments. State: slots {@code m} and
 * {@code v}.
 */
abstract class AdamBase extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final double eps;
  private final double weightDecay;
  private double bias1;
  private double bias2;

  AdamBase(
      List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, Regularizer reg) {
    super(params, lr, reg, "m", "v");
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  /** Precomputes {@code 1 − β1^t} and {@code 1 − β2^t}. */
  @Override
  protected final void beginStep(long t) {
    bias1 = 1 - Math.pow(beta1, t);
    bias2 = 1 - Math.pow(beta2, t);
  }

  @Override
  protected final void update(ParamState s, float[] w, int off, float[] g, int gOff, int len) {
    float[] m = s.slot(0), v = s.slot(1);
    float b1 = beta1, b2 = beta2;
    double lr = learningRate();
    double decay = lr * weightDecay; // decoupled: applied to the weight before the step
    for (int j = 0; j < len; j++) {
      int i = off + j;
      float wi = w[i];
      float gi = regularized(g[gOff + j], wi);
      float mi = flush(b1 * m[i] + (1f - b1) * gi);
      float vi = flush(b2 * v[i] + (1f - b2) * gi * gi);
      m[i] = mi;
      v[i] = vi;
      double step = lr * (mi / bias1) / (Math.sqrt(vi / bias2) + eps);
      w[i] = (float) (wi - decay * wi - step);
    }
  }
}
