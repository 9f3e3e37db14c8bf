package org.rec4j.nn;

import org.rec4j.tensor.NnOps;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Batch normalization of features (Ioffe &amp; Szegedy, "Batch Normalization", ICML 2015).
 *
 * <ul>
 *   <li>input {@code x [n, c]} or {@code [..., c]} (leading axes are flattened into the batch)
 *   <li>parameters {@code gamma [c]} (ones) and {@code beta [c]} (zeros)
 *   <li>buffers {@code runningMean [c]} (zeros) and {@code runningVar [c]} (ones), not trained
 *   <li>output the shape of the input
 * </ul>
 *
 * <p>In training mode the batch mean and biased variance normalize and the running statistics move
 * towards the batch's as {@code running = (1 − momentum)·running + momentum·batch} (unbiased
 * variance, as PyTorch); training needs at least two rows. In evaluation mode the running
 * statistics normalize.
 */
public final class BatchNorm extends Module {
  private final int c;
  private final float momentum;
  private final float eps;
  private final Parameter gamma;
  private final Parameter beta;
  private final Tensor runningMean;
  private final Tensor runningVar;

  /** {@code c} features with momentum 0.1 and eps 1e-5. */
  public BatchNorm(int c) {
    this(c, 0.1f, 1e-5f);
  }

  /** {@code c} features, {@code momentum ∈ (0, 1]}, {@code eps > 0}. */
  public BatchNorm(int c, float momentum, float eps) {
    if (c <= 0) throw new IllegalArgumentException("BatchNorm c must be > 0, got " + c);
    if (!(momentum > 0 && momentum <= 1))
      throw new IllegalArgumentException("BatchNorm momentum must be in (0, 1], got " + momentum);
    if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm eps must be > 0, got " + eps);
    this.c = c;
    this.momentum = momentum;
    this.eps = eps;
    this.gamma = register(new Parameter("gamma", Tensor.ones(c)));
    this.beta = register(new Parameter("beta", Tensor.zeros(c)));
    this.runningMean = registerBuffer("runningMean", Tensor.zeros(c));
    this.runningVar = registerBuffer("runningVar", Tensor.ones(c));
  }

  /** Normalizes {@code x [..., c]} per feature; in training also updates the running statistics. */
  public Tensor forward(Tensor x) {
    if (x.rank() < 2 || x.dim(-1) != c)
      throw new IllegalArgumentException(
          "BatchNorm expects input [n, " + c + "] or [..., " + c + "], got " + x.shape());
    Tensor flat = x.rank() == 2 ? x : ShapeOps.reshape(x, -1, c);
    Tensor y =
        NnOps.batchNorm(
            flat,
            gamma.value(),
            beta.value(),
            runningMean,
            runningVar,
            momentum,
            eps,
            isTraining());
    return x.rank() == 2 ? y : ShapeOps.reshape(y, x.dims());
  }

  /** Scale {@code γ [c]}. */
  public Parameter gamma() {
    return gamma;
  }

  /** Shift {@code β [c]}. */
  public Parameter beta() {
    return beta;
  }

  /** Running mean {@code [c]} (live buffer). */
  public Tensor runningMean() {
    return runningMean;
  }

  /** Running (unbiased) variance {@code [c]} (live buffer). */
  public Tensor runningVar() {
    return runningVar;
  }
}
