package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * RMSprop (Tieleman &amp; Hinton, Coursera "Neural Networks for Machine Learning", lecture 6e,
 * 2012), in the uncentered form without momentum:
 *
 * <pre>
 *   g ← g + R'(w)
 *   v ← ρ·v + (1−ρ)·g²
 *   w ← w − lr · g / (sqrt(v) + ε)
 * </pre>
 *
 * <p>Sparse rows are updated lazily: {@code v} of an untouched row is not decayed. {@code v} is
 * flushed to zero below {@code 1e-30} to keep it out of the slow subnormal range. State: slot
 * {@code v}.
 */
public final class RmsProp extends Optimizer {
  private final Config config;

  /**
   * RMSprop hyper-parameters.
   *
   * @param lr learning rate, {@code >= 0}
   * @param rho decay ρ of the squared-gradient average, in [0, 1)
   * @param eps denominator offset, {@code > 0}
   */
  public record Config(double lr, double rho, double eps) implements OptimizerConfig {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("lr", lr);
      Checks.fraction("rho", rho);
      Checks.positive("eps", eps);
    }

    @Override
    public RmsProp build(List<Parameter> params, Regularizer regularizer) {
      return new RmsProp(params, this, regularizer);
    }

    /** ρ = 0.99, ε = 1e-8 (PyTorch's defaults) with learning rate {@code lr}. */
    public static Config defaults(double lr) {
      return new Config(lr, 0.99, 1e-8);
    }
  }

  /** RMSprop over {@code params} without regularization. */
  public RmsProp(List<Parameter> params, Config config) {
    this(params, config, Regularizer.none());
  }

  /** RMSprop over {@code params} adding {@code regularizer}'s gradient. */
  public RmsProp(List<Parameter> params, Config config, Regularizer regularizer) {
    super(params, config.lr(), regularizer, "v");
    this.config = config;
  }

  /**
   * The hyper-parameters this optimizer was built with (the live learning rate is {@link
   * #learningRate()}).
   */
  public Config config() {
    return config;
  }

  @Override
  protected void update(ParamState s, float[] w, int off, float[] g, int gOff, int len) {
    double lr = learningRate();
    double eps = config.eps();
    float rho = (float) config.rho();
    float[] v = s.slot(0);
    for (int j = 0; j < len; j++) {
      int i = off + j;
      float gi = regularized(g[gOff + j], w[i]);
      float vi = flush(rho * v[i] + (1f - rho) * gi * gi);
      v[i] = vi;
      w[i] = (float) (w[i] - lr * gi / (Math.sqrt(vi) + eps));
    }
  }
}
