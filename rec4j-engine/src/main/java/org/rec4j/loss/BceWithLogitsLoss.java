package org.rec4j.loss;

import org.rec4j.tensor.CustomOp;
import org.rec4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits: {@code l = −[y·log σ(x) + (1 − y)·log(1 − σ(x))]} for logits
 * {@code x} and targets {@code y ∈ [0, 1]} — the standard click-through-rate loss.
 *
 * <p>Fused and stable: the forward is {@code max(x, 0) − x·y + log1p(e<sup>−|x|</sup>)} (finite for
 * every finite logit, {@code log 2} at {@code x = 0}) and the backward is {@code ∂l/∂x = σ(x) − y},
 * {@code ∂l/∂y = −x}. Tests compare it with the decomposed form {@code softplus(x) − x·y}.
 */
public final class BceWithLogitsLoss extends ElementwiseLoss {
  /** With the given reduction. */
  public BceWithLogitsLoss(Reduction reduction) {
    super(reduction);
  }

  /** With {@link Reduction#MEAN}. */
  public BceWithLogitsLoss() {
    this(Reduction.MEAN);
  }

  @Override
  Tensor elementwise(Tensor logits, Tensor target) {
    float[] x = logits.data(), y = target.data();
    Tensor out = CustomOp.output(logits.shape());
    float[] o = out.data();
    for (int i = 0; i < o.length; i++) o[i] = (float) LogitMath.bce(x[i], y[i]);
    return CustomOp.record(out, BceWithLogitsLoss::backward, logits, target);
  }

  private static void backward(Tensor output, float[] g, Tensor[] in) {
    float[] x = in[0].data(), y = in[1].data();
    if (in[0].requiresGrad()) {
      float[] gx = in[0].gradBuffer();
      for (int i = 0; i < g.length; i++) gx[i] += g[i] * (float) (LogitMath.sigmoid(x[i]) - y[i]);
    }
    if (in[1].requiresGrad()) {
      float[] gy = in[1].gradBuffer();
      for (int i = 0; i < g.length; i++) gy[i] -= g[i] * x[i];
    }
  }
}
