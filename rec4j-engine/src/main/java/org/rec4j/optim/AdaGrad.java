package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", JMLR 2011), diagonal version:
 *
 * <pre>
 *   g ← g + R'(w)
 *   G ← G + g²
 *   w ← w − lr · g / (sqrt(G₀ + G) + ε)
 * </pre>
 *
 * where {@code G₀} is the initial accumulator value (0 in PyTorch, 0.1 in TensorFlow; a positive
 * value damps the first steps of rarely seen embedding rows). Sparse rows are updated lazily, which
 * for AdaGrad loses nothing: an untouched coordinate's accumulator would not change anyway.
 *
 * <p>State: slot {@code sum} holding {@code G} (without {@code G₀}).
 */
public final class AdaGrad extends Optimizer {
  private final Config config;

  /**
   * AdaGrad hyper-parameters.
   *
   * @param lr learning rate, {@code >= 0}
   * @param eps denominator offset, {@code > 0}
   * @param initialAccumulator {@code G₀ >= 0}
   */
  public record Config(double lr, double eps, double initialAccumulator)
      implements OptimizerConfig {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("lr", lr);
      Checks.positive("eps", eps);
      Checks.nonNegative("initialAccumulator", initialAccumulator);
    }

    @Override
    public AdaGrad build(List<Parameter> params, Regularizer regularizer) {
      return new AdaGrad(params, this, regularizer);
    }

    /** ε = 1e-10, G₀ = 0 (PyTorch's defaults) with learning rate {@code lr}. */
    public static Config defaults(double lr) {
      return new Config(lr, 1e-10, 0);
    }
  }

  /** AdaGrad over {@code params} without regularization. */
  public AdaGrad(List<Parameter> params, Config config) {
    this(params, config, Regularizer.none());
  }

  /** AdaGrad over {@code params} adding {@code regularizer}'s gradient. */
  public AdaGrad(List<Parameter> params, Config config, Regularizer regularizer) {
    super(params, config.lr(), regularizer, "sum");
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
    double g0 = config.initialAccumulator();
    float[] sum = s.slot(0);
    for (int j = 0; j < len; j++) {
      int i = off + j;
      float gi = regularized(g[gOff + j], w[i]);
      float acc = sum[i] + gi * gi;
      sum[i] = acc;
      w[i] = (float) (w[i] - lr * gi / (Math.sqrt(g0 + acc) + eps));
    }
  }
}
