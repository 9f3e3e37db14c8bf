package org.rec4j.nn;

import org.rec4j.tensor.Tensor;

/**
 * A named trainable tensor. The value is a leaf that requires gradients; embedding tables are
 * created with {@code sparse = true} so that lookups deliver {@link org.rec4j.tensor.SparseRowGrad
 * sparse row gradients} and optimizers update only the touched rows.
 *
 * <p>A parameter may be frozen ({@link #trainable(boolean)}), in which case optimizers skip it and
 * no gradient flows into it.
 */
public final class Parameter {
  private final String name;
  private Tensor value;
  private boolean trainable = true;

  /** Wraps {@code value} (made a gradient-requiring leaf) under {@code name}. */
  public Parameter(String name, Tensor value, boolean sparse) {
    if (value.node() != null)
      throw new IllegalArgumentException("parameter '" + name + "' must be a leaf tensor");
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
   * The name, unique among the parameters of its owning module (e.g. {@code "weight"}); the full
   * path from the root (e.g. {@code "linear0.weight"}) is the key in {@link
   * Module#namedParameters()}.
   */
  public String name() {
    return name;
  }

  /** The live value tensor. */
  public Tensor value() {
    return value;
  }

  /**
   * Makes this parameter a data-parallel replica of {@code master}: from now on its value shares
   * {@code master}'s storage (updates to the master are seen here) while gradients accumulate in
   * this parameter's own buffers, so several threads can run backward passes at once and the
   * trainer reduces their gradients into the master before the optimizer step. Shapes and sparsity
   * must match.
   */
  public void shareDataWith(Parameter master) {
    Tensor m = master.value;
    if (!m.shape().equals(value.shape())) {
      throw new IllegalArgumentException(
          "cannot share '"
              + master.name
              + "' "
              + m.shape()
              + " with '"
              + name
              + "' "
              + value.shape());
    }
    Tensor shared = Tensor.wrap(m.data(), m.dims()).requiresGrad(value.requiresGrad());
    if (value.isSparseGrad()) shared.sparseGrad(true);
    value = shared;
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
