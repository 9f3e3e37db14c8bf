package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019, Algorithm 2), in PyTorch's parameterization where the decay is scaled
 * by the learning rate:
 *
 * <pre>
 *   w ← w − lr·λ·w − lr · m̂ / (sqrt(v̂) + ε)
 * </pre>
 *
 * with {@code m̂, v̂} the bias-corrected moments of {@link Adam} (computed from the raw gradient
 * plus any coupled {@link Regularizer} term) and the decay applied to the weight before the step.
 * For sparse parameters both the Adam step and the decay are lazy: only rows touched in the batch
 * are decayed.
 *
 * <p>State: slots {@code m} and {@code v}.
 */
public final class AdamW extends AdamBase {
  private final Config config;

  /**
   * AdamW hyper-parameters.
   *
   * @param lr learning rate, {@code >= 0}
   * @param beta1 first-moment decay in [0, 1)
   * @param beta2 second-moment decay in [0, 1)
   * @param eps denominator offset, {@code > 0}
   * @param weightDecay decoupled decay λ, {@code >= 0}
   */
  public record Config(double lr, double beta1, double beta2, double eps, double weightDecay)
      implements OptimizerConfig {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("lr", lr);
      Checks.fraction("beta1", beta1);
      Checks.fraction("beta2", beta2);
      Checks.positive("eps", eps);
      Checks.nonNegative("weightDecay", weightDecay);
    }

    @Override
    public AdamW build(List<Parameter> params, Regularizer regularizer) {
      return new AdamW(params, this, regularizer);
    }

    /**
     * β1 = 0.9, β2 = 0.999, ε = 1e-8, λ = 0.01 (PyTorch's defaults) with learning rate {@code lr}.
     */
    public static Config defaults(double lr) {
      return new Config(lr, 0.9, 0.999, 1e-8, 0.01);
    }
  }

  /** AdamW over {@code params}. */
  public AdamW(List<Parameter> params, Config config) {
    this(params, config, Regularizer.none());
  }

  /** AdamW over {@code params}, also adding {@code regularizer}'s gradient to the raw gradient. */
  public AdamW(List<Parameter> params, Config config, Regularizer regularizer) {
    super(
        params,
        config.lr(),
        config.beta1(),
        config.beta2(),
        config.eps(),
        config.weightDecay(),
        regularizer);
    this.config = config;
  }

  /**
   * The hyper-parameters this optimizer was built with (the live learning rate is {@link
   * #learningRate()}).
   */
  public Config config() {
    return config;
  }
}
