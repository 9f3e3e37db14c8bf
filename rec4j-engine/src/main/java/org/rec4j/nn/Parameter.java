package org.rec4j.nn;

import org.rec4j.tensor.Tensor;

/**
 * A named trainable tensor. The value is a leaf that requires gradients; embedding tables are created with
 * {@code sparse = true} so that lookups deliver {@link org.rec4j.tensor.SparseRowGrad sparse row gradients} and
 * optimizers update only the touched rows.
 *
 * <p>A parameter may be frozen ({@link #trainable(boolean)}), in which case optimizers skip it and no gradient
 * flows into it.
 */
public final class Parameter {
  private final String name;
  private final Tensor value;
  private boolean trainable = true;

  /** Wraps {@code value} (made a gradient-requiring leaf) under {@code name}. */
  public Parameter(String name, Tensor value, boolean sparse) {
    if (value.node() != null) throw new IllegalArgumentException("parameter '" + name + "' must be a leaf tensor");
    this.name = name;
    this.value = value;
    value.requiresGrad(true);
    if (sparse) value.sparseGrad(true);
  }

  /** A dense parameter. */
  public Parameter(String name, Tensor value) {
    this(name, value, false);
  }

  /**
   * The name, unique among the parameters of its owning module (e.g. {@code "weight"}); the full path from the root
   * (e.g. {@code "linear0.weight"}) is the key in {@link Module#namedParameters()}.
   */
  public String name() {
    return name;
  }

  /** The live value tensor. */
  public Tensor value() {
    return value;
  }

  /** Whether gradients arrive as sparse rows. */
  public boolean sparse() {
    return value.isSparseGrad();
  }

  /** Whether optimizers update this parameter. */
  public boolean trainable() {
    return trainable;
  }

  /** Freezes ({@code false}) or unfreezes the parameter. */
  public Parameter trainable(boolean on) {
    this.trainable = on;
    value.requiresGrad(on);
    return this;
  }

  /** Clears accumulated gradients. */
  public void zeroGrad() {
    value.zeroGrad();
  }

  @Override
  public String toString() {
    return "Parameter(" + name + ", " + value.shape() + (sparse() ? ", sparse" : "") + ")";
  }
}
