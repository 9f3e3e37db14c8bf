package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * Stochastic gradient descent with optional heavy-ball or Nesterov momentum (Polyak 1964; Sutskever
 * et al., "On the importance of initialization and momentum in deep learning", ICML 2013), in the
 * form PyTorch uses:
 *
 * <pre>
 *   g ← g + R'(w)                       (regularizer term)
 *   b ← μ·b + g                         (momentum buffer, b₀ = 0; skipped when μ = 0)
 *   w ← w − lr·(g + μ·b)   if nesterov
 *   w ← w − lr·b           otherwise
 * </pre>
 *
 * <p>Sparse rows are updated lazily: the momentum buffer of a row absent from a batch is neither
 * decayed nor applied, so a rarely seen row moves less than it would densely. State: slot {@code
 * momentum} (only allocated and used when {@code μ > 0}).
 */
public final class Sgd extends Optimizer {
  private final Config config;

  /**
   * SGD hyper-parameters.
   *
   * @param lr learning rate, {@code >= 0}
   * @param momentum momentum coefficient μ in [0, 1)
   * @param nesterov whether to use Nesterov momentum (needs μ > 0)
   */
  public record Config(double lr, double momentum, boolean nesterov) implements OptimizerConfig {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("lr", lr);
      Checks.fraction("momentum", momentum);
      if (nesterov && momentum == 0)
        throw new IllegalArgumentException("nesterov needs momentum in (0, 1), got 0.0");
    }

    @Override
    public Sgd build(List<Parameter> params, Regularizer regularizer) {
      return new Sgd(params, this, regularizer);
    }

    /** Plain SGD. */
    public static Config plain(double lr) {
      return new Config(lr, 0, false);
    }
  }

  /** SGD over {@code params} without regularization. */
  public Sgd(List<Parameter> params, Config config) {
    this(params, config, Regularizer.none());
  }

  /** SGD over {@code params} adding {@code regularizer}'s gradient. */
  public Sgd(List<Parameter> params, Config config, Regularizer regularizer) {
    super(
        params,
        config.lr(),
        regularizer,
        config.momentum() > 0 ? new String[] {"momentum"} : new String[0]);
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
    float lr = (float) learningRate();
    float mu = (float) config.momentum();
    if (mu == 0f) {
      for (int j = 0; j < len; j++) w[off + j] -= lr * regularized(g[gOff + j], w[off + j]);
      return;
    }
    float[] b = s.slot(0);
    boolean nesterov = config.nesterov();
    for (int j = 0; j < len; j++) {
      int i = off + j;
      float gi = regularized(g[gOff + j], w[i]);
      float bi = flush(mu * b[i] + gi);
      b[i] = bi;
      w[i] -= lr * (nesterov ? gi + mu * bi : bi);
    }
  }
}
