package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * FTRL-Proximal with per-coordinate learning rates (McMahan et al., "Ad Click Prediction: a View
 * from the Trenches", KDD 2013, Algorithm 1). For each coordinate with gradient {@code g} at the
 * current weight {@code w}:
 *
 * <pre>
 *   σ ← (sqrt(n + g²) − sqrt(n)) / α
 *   z ← z + g − σ·w
 *   n ← n + g²
 *   w ← 0                                           if |z| ≤ λ1
 *   w ← −(z − sign(z)·λ1) / ((β + sqrt(n))/α + λ2)   otherwise
 * </pre>
 *
 * The L1 threshold sets weights to exactly {@code 0f}, which is why FTRL carries its own λ1/λ2
 * instead of a {@link Regularizer} (a subgradient term never lands exactly on zero). The paper
 * recomputes {@code w} from {@code (z, n)} before predicting; here it is recomputed right after
 * each update, which is equivalent. The initial weights enter only through {@code σ·w}; with {@code
 * β = 0} the first step is {@code w − α·sign(g)}.
 *
 * <p>The {@link #learningRate() learning rate} is α; changing it between steps changes later σ and
 * the weight formula. Sparse rows are updated lazily (an untouched coordinate has {@code g = 0},
 * for which the paper's update leaves {@code z, n} unchanged, but its weight is not
 * re-thresholded). State: slots {@code z} and {@code n}.
 */
public final class Ftrl extends Optimizer {
  private final Config config;

  /**
   * FTRL-Proximal hyper-parameters.
   *
   * @param alpha learning-rate scale α, {@code > 0}
   * @param beta learning-rate smoothing β, {@code >= 0} (β = 1 is the paper's usual choice)
   * @param l1 L1 strength λ1, {@code >= 0}
   * @param l2 L2 strength λ2, {@code >= 0}
   */
  public record Config(double alpha, double beta, double l1, double l2) implements OptimizerConfig {
    /** Validates every field. */
    public Config {
      Checks.positive("alpha", alpha);
      Checks.nonNegative("beta", beta);
      Checks.nonNegative("l1", l1);
      Checks.nonNegative("l2", l2);
    }

    /**
     * FTRL over {@code params}; {@code regularizer} must be {@link Regularizer#none()} (FTRL has
     * l1, l2).
     */
    @Override
    public Ftrl build(List<Parameter> params, Regularizer regularizer) {
      if (!regularizer.equals(Regularizer.none())) {
        throw new IllegalArgumentException(
            "FTRL takes no regularizer, got " + regularizer + "; set its l1 and l2 instead");
      }
      return new Ftrl(params, this);
    }
  }

  /** FTRL-Proximal over {@code params}. */
  public Ftrl(List<Parameter> params, Config config) {
    super(params, config.alpha(), Regularizer.none(), "z", "n");
    this.config = config;
  }

  /** The hyper-parameters this optimizer was built with (the live α is {@link #learningRate()}). */
  public Config config() {
    return config;
  }

  @Override
  protected void update(ParamState s, float[] w, int off, float[] g, int gOff, int len) {
    double alpha = learningRate();
    if (alpha == 0)
      return; // a schedule drove α to 0: σ and the weight formula are undefined, so nothing moves
    double beta = config.beta(), l1 = config.l1(), l2 = config.l2();
    float[] z = s.slot(0);
    float[] n = s.slot(1);
    for (int j = 0; j < len; j++) {
      int i = off + j;
      double gi = g[gOff + j];
      double ni = n[i];
      double sigma = (Math.sqrt(ni + gi * gi) - Math.sqrt(ni)) / alpha;
      double zi = z[i] + gi - sigma * w[i];
      ni += gi * gi;
      z[i] = (float) zi;
      n[i] = (float) ni;
      w[i] =
          Math.abs(zi) <= l1
              ? 0f
              : (float) (-(zi - Math.signum(zi) * l1) / ((beta + Math.sqrt(ni)) / alpha + l2));
    }
  }
}
