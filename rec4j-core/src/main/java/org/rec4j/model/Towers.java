package org.rec4j.model;

import org.rec4j.nn.Activation;
import org.rec4j.nn.Dropout;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Initializer;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Shape;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/** Building blocks shared by the id-based models (package-private helpers, not a base class). */
final class Towers {
  private Towers() {}

  /** An embedding table initialized N(0, std²) with sparse row gradients. */
  static Embedding embedding(int n, int d, float std, Rng rng) {
    return new Embedding(
        Embedding.Config.of(n, d).withInit(Initializer.normal(std)).withSparse(true), rng);
  }

  /**
   * The prediction layer {@code d → 1}: LeCun-uniform weights (±√(3/fan_in)) and zero bias as in
   * the NCF authors' Keras code, or Glorot-uniform for the seed's rating models.
   */
  static Linear output(int d, boolean lecun, Rng rng) {
    Initializer init =
        lecun
            ? Initializer.uniform(-(float) Math.sqrt(3.0 / d), (float) Math.sqrt(3.0 / d))
            : Initializer.xavierUniform();
    return new Linear(Linear.Config.of(d, 1).withWeightInit(init), rng);
  }

  /**
   * The NCF MLP tower over {@code layers} (paper convention: input width first), ReLU after every
   * layer including the last hidden one, Glorot-uniform weights, dropout between hidden layers,
   * optional batch norm.
   */
  static MLP tower(int[] layers, float dropout, boolean batchNorm, Rng rng) {
    return MLP.builder(layers)
        .activation(Activation.RELU)
        .lastActivation(Activation.RELU)
        .dropout(dropout)
        .batchNorm(batchNorm)
        .build(rng);
  }

  /** Squeezes a {@code [B, 1]} prediction to {@code [B]}. */
  static Tensor squeeze(Tensor t) {
    return ShapeOps.reshape(t, Shape.of(t.dim(0)));
  }

  /**
   * Dropout after the tower's last hidden layer (the MLP adds it between hidden layers), or null
   * when p = 0.
   */
  static Dropout lastDropout(float p, Rng rng) {
    return p > 0 ? new Dropout(p, rng.split()) : null;
  }
}
