package org.rec4j.nn;

import org.rec4j.tensor.Activations;
import org.rec4j.tensor.Tensor;

/**
 * The elementwise activation of a layer. Kinds that {@link org.rec4j.tensor.LinAlg#linear} can fuse
 * into its matrix product report a {@link #fused()} kind; the others are applied as a separate op
 * after it.
 */
public enum Activation {
  /** f(x) = x. */
  IDENTITY(Activations.Kind.IDENTITY),
  /** max(x, 0). */
  RELU(Activations.Kind.RELU),
  /** 1 / (1 + e<sup>−x</sup>). */
  SIGMOID(Activations.Kind.SIGMOID),
  /** tanh(x). */
  TANH(Activations.Kind.TANH),
  /** GELU, tanh approximation (Hendrycks &amp; Gimpel 2016). */
  GELU(null),
  /** Leaky ReLU with slope 0.01 for x &lt; 0 (Maas et al. 2013). */
  LEAKY_RELU(null),
  /** ELU with α = 1 (Clevert et al. 2016). */
  ELU(null);

  /** Negative slope of {@link #LEAKY_RELU}. */
  public static final float LEAKY_SLOPE = 0.01f;

  private final Activations.Kind fused;

  Activation(Activations.Kind fused) {
    this.fused = fused;
  }

  /**
   * The kind {@code LinAlg.linear} can fuse, or {@code null} if this activation must run as its own
   * op.
   */
  public Activations.Kind fused() {
    return fused;
  }

  /** Applies the activation to {@code x} (identity returns {@code x} itself). */
  public Tensor apply(Tensor x) {
    return switch (this) {
      case IDENTITY -> x;
      case RELU -> Activations.relu(x);
      case SIGMOID -> Activations.sigmoid(x);
      case TANH -> Activations.tanh(x);
      case GELU -> Activations.gelu(x);
      case LEAKY_RELU -> Activations.leakyRelu(x, LEAKY_SLOPE);
      case ELU -> Activations.elu(x, 1f);
    };
  }
}
