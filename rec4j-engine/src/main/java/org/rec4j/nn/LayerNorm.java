package org.rec4j.nn;

import org.rec4j.tensor.NnOps;
import org.rec4j.tensor.Tensor;

/**
 * Layer normalization over the last axis (Ba, Kiros &amp; Hinton, "Layer Normalization", 2016):
 * {@code (x − μ) / √(σ² + eps) · γ + β} with the biased variance of each row.
 *
 * <ul>
 *   <li>input {@code x [..., d]}
 *   <li>parameters {@code gamma [d]} (ones) and {@code beta [d]} (zeros)
 *   <li>output {@code [..., d]}
 * </ul>
 */
public final class LayerNorm extends Module {
  /** The usual epsilon, 1e-5. */
  public static final float DEFAULT_EPS = 1e-5f;

  private final int d;
  private final float eps;
  private final Parameter gamma;
  private final Parameter beta;

  /** Normalizes rows of {@code d} features with eps = 1e-5. */
  public LayerNorm(int d) {
    this(d, DEFAULT_EPS);
  }

  /** Normalizes rows of {@code d} features with the given {@code eps > 0}. */
  public LayerNorm(int d, float eps) {
    if (d <= 0) throw new IllegalArgumentException("LayerNorm d must be > 0, got " + d);
    if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm eps must be > 0, got " + eps);
    this.d = d;
    this.eps = eps;
    this.gamma = register(new Parameter("gamma", Tensor.ones(d)));
    this.beta = register(new Parameter("beta", Tensor.zeros(d)));
  }

  /** Normalizes each row of {@code x [..., d]}. */
  public Tensor forward(Tensor x) {
    if (x.rank() < 1 || x.dim(-1) != d)
      throw new IllegalArgumentException(
          "LayerNorm expects input [..., " + d + "], got " + x.shape());
    return NnOps.layerNorm(x, gamma.value(), beta.value(), eps);
  }

  /** Scale {@code γ [d]}. */
  public Parameter gamma() {
    return gamma;
  }

  /** Shift {@code β [d]}. */
  public Parameter beta() {
    return beta;
  }
}
