package org.rec4j.loss;

import org.rec4j.tensor.CustomOp;
import org.rec4j.tensor.Tensor;

/**
 * Focal loss on logits (Lin et al. 2017, "Focal Loss for Dense Object Detection"): {@code l =
 * −α_t·(1 − p_t)^γ·log p_t}, which down-weights easy examples so training focuses on hard ones.
 *
 * <p>With {@code p = σ(x)}: {@code p_t = y·p + (1 − y)(1 − p)}, {@code α_t = α·y + (1 − α)(1 − y)},
 * and {@code −log p_t} is taken as the binary cross-entropy {@link BceWithLogitsLoss} (so soft
 * targets in [0, 1] are accepted, as in common implementations). With {@code γ = 0} it is
 * α-weighted binary cross-entropy; without α ({@link #FocalLoss(float, Reduction)}) {@code α_t =
 * 1}.
 *
 * <p>Fused for stability: the composed form would differentiate {@code (1 − p_t)^γ} through a power
 * whose derivative {@code γ(1 − p_t)^{γ−1}} is infinite when {@code p_t} rounds to 1. The backward
 * rule uses {@code ∂(1 − p_t)/∂x = (1 − 2y)·p(1 − p)} and the bounded ratio {@code p(1 − p)/(1 −
 * p_t) ≤ 1}, so it is finite for every logit. Targets receive no gradient.
 */
public final class FocalLoss extends ElementwiseLoss {
  private static final float NO_ALPHA = -1f;
  private final float alpha;
  private final float gamma;

  /**
   * With class weight {@code alpha ∈ [0, 1]} (for positives), focusing {@code gamma ≥ 0} and a
   * reduction.
   */
  public FocalLoss(float alpha, float gamma, Reduction reduction) {
    super(reduction);
    if (!(alpha >= 0 && alpha <= 1))
      throw new IllegalArgumentException("focal alpha must lie in [0, 1], got " + alpha);
    this.alpha = alpha;
    this.gamma = checkGamma(gamma);
  }

  /** Without class weighting ({@code α_t = 1}). */
  public FocalLoss(float gamma, Reduction reduction) {
    super(reduction);
    this.alpha = NO_ALPHA;
    this.gamma = checkGamma(gamma);
  }

  /** The paper's defaults {@code α = 0.25, γ = 2} with {@link Reduction#MEAN}. */
  public FocalLoss() {
    this(0.25f, 2f, Reduction.MEAN);
  }

  private static float checkGamma(float gamma) {
    if (!(gamma >= 0) || Float.isInfinite(gamma)) {
      throw new IllegalArgumentException("focal gamma must be finite and >= 0, got " + gamma);
    }
    return gamma;
  }

  @Override
  Tensor elementwise(Tensor logits, Tensor target) {
    Shapes.requireRange("FocalLoss", "target", target, 0f, 1f);
    float[] x = logits.data(), y = target.data();
    Tensor out = CustomOp.output(logits.dims());
    float[] o = out.data();
    for (int i = 0; i < o.length; i++) {
      o[i] =
          (float)
              (alphaT(y[i]) * Math.pow(oneMinusPt(x[i], y[i]), gamma) * LogitMath.bce(x[i], y[i]));
    }
    return CustomOp.record(out, (output, g, in) -> backward(g, in[0], y), logits);
  }

  private void backward(float[] g, Tensor logits, float[] y) {
    if (!logits.requiresGrad()) return;
    float[] x = logits.data(), gx = logits.gradBuffer();
    for (int i = 0; i < g.length; i++) {
      double p = LogitMath.sigmoid(x[i]), pm = LogitMath.sigmoid(-x[i]);
      double q = y[i] * pm + (1 - y[i]) * p;
      double qg = Math.pow(q, gamma);
      double dModulator = gamma == 0 || q == 0 ? 0 : gamma * qg * (1 - 2 * y[i]) * (p * pm / q);
      double d = alphaT(y[i]) * (dModulator * LogitMath.bce(x[i], y[i]) + qg * (p - y[i]));
      gx[i] += (float) (g[i] * d);
    }
  }

  /** 1 − p_t = y·(1 − p) + (1 − y)·p, each term from a stable sigmoid. */
  private static double oneMinusPt(float x, float y) {
    return y * LogitMath.sigmoid(-x) + (1 - y) * LogitMath.sigmoid(x);
  }

  private double alphaT(float y) {
    return alpha == NO_ALPHA ? 1 : alpha * y + (1 - alpha) * (1 - y);
  }
}
