package org.rec4j.nn;

import org.rec4j.tensor.NnOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014): in training mode each element is zeroed with
 * probability {@code p} and the survivors are scaled by 1/(1 − p); in evaluation mode the input is
 * returned unchanged. Input and output have the same shape; no parameters. Masks are drawn from the
 * layer's own {@link Rng}.
 */
public final class Dropout extends Module {
  private final float p;
  private final Rng rng;

  /** Dropout with probability {@code p ∈ [0, 1)} drawing masks from {@code rng}. */
  public Dropout(float p, Rng rng) {
    if (!(p >= 0 && p < 1))
      throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
    if (rng == null && p > 0)
      throw new IllegalArgumentException("dropout with p = " + p + " needs an Rng, got null");
    this.p = p;
    this.rng = rng;
  }

  /**
   * {@code x} with dropout applied in training mode; {@code x} itself in evaluation mode or when p
   * = 0.
   */
  public Tensor forward(Tensor x) {
    return NnOps.dropout(x, p, isTraining(), rng);
  }

  /** The drop probability. */
  public float p() {
    return p;
  }
}
