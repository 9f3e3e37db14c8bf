package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1),
 * with a lazy variant for sparse embedding tables:
 *
 * <pre>
 *   g ← g + R'(w)                       (regularizer term: coupled L1/L2)
 *   m ← β1·m + (1−β1)·g
 *   v ← β2·v + (1−β2)·g²
 *   w ← w − lr · (m / (1−β1ᵗ)) / (sqrt(v / (1−β2ᵗ)) + ε)
 * </pre>
 *
 * where {@code t} is the optimizer's global step count.
 *
 * <p><b>Lazy sparse variant.</b> For a sparse parameter only the rows present in the batch's
 * (coalesced) row gradient are updated, with the formula above and the <em>global</em> {@code t};
 * the moments of untouched rows are left as they are (not decayed by β). This is the semantics of
 * TensorFlow Addons' {@code LazyAdam} and PyTorch's {@code SparseAdam} — except that ε is added to
 * the bias-corrected {@code sqrt(v̂)} as in the paper (PyTorch's placement), not to the uncorrected
 * {@code sqrt(v)} as TensorFlow's "ε-hat" form does. When every row is touched every step it equals
 * dense Adam exactly.
 *
 * <p><b>Subnormals.</b> Moments with {@code |x| < 1e-30} are flushed to zero after each update,
 * because the JVM cannot set flush-to-zero and a slowly decaying {@code v} would otherwise crawl
 * through the subnormal range.
 *
 * <p>State: slots {@code m} and {@code v}.
 */
public final class Adam extends AdamBase {
  private final Config config;

  /**
   * Adam hyper-parameters.
   *
   * @param lr learning rate, {@code >= 0}
   * @param beta1 first-moment decay in [0, 1)
   * @param beta2 second-moment decay in [0, 1)
   * @param eps denominator offset, {@code > 0}
   */
  public record Config(double lr, double beta1, double beta2, double eps)
      implements OptimizerConfig {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("lr", lr);
      Checks.fraction("beta1", beta1);
      Checks.fraction("beta2", beta2);
      Checks.positive("eps", eps);
    }

    @Override
    public Adam build(List<Parameter> params, Regularizer regularizer) {
      return new Adam(params, this, regularizer);
    }

    /** The paper's defaults (β1 = 0.9, β2 = 0.999, ε = 1e-8) with learning rate {@code lr}. */
    public static Config defaults(double lr) {
      return new Config(lr, 0.9, 0.999, 1e-8);
    }
  }

  /** Adam over {@code params} without regularization. */
  public Adam(List<Parameter> params, Config config) {
    this(params, config, Regularizer.none());
  }

  /**
   * Adam over {@code params} adding {@code regularizer}'s gradient to the raw gradient (coupled
   * decay).
   */
  public Adam(List<Parameter> params, Config config, Regularizer regularizer) {
    super(params, config.lr(), config.beta1(), config.beta2(), config.eps(), 0, regularizer);
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
