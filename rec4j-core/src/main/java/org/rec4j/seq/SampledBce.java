package org.rec4j.seq;

import org.rec4j.tensor.CustomOp;
import org.rec4j.tensor.Tensor;

/**
 * {@code Σ_{r < real} [softplus(−h_r·p_r) + softplus(h_r·n_r)] / real}: BCE of each target against
 * its negative, rows from {@code real} on ignored (filler). One fused op; the rule object is reused
 * across steps (one step at a time), so the step allocates nothing for it.
 */
final class SampledBce implements CustomOp.Backward {
  private int real;

  Tensor apply(Tensor h, Tensor pos, Tensor neg, int real) {
    this.real = real;
    int d = h.dim(1);
    float[] hd = h.data(), pd = pos.data(), nd = neg.data();
    double sum = 0;
    for (int r = 0; r < real; r++) {
      float pl = 0, nl = 0;
      for (int c = 0; c < d; c++) {
        pl += hd[r * d + c] * pd[r * d + c];
        nl += hd[r * d + c] * nd[r * d + c];
      }
      sum += softplus(-pl) + softplus(nl);
    }
    Tensor loss = CustomOp.output(1);
    loss.data()[0] = (float) (sum / Math.max(1, real));
    return CustomOp.record(loss, this, h, pos, neg);
  }

  @Override
  public void backward(Tensor o, float[] g, Tensor[] in) {
    int d = in[0].dim(1);
    float scale = g[0] / Math.max(1, real);
    float[] gh = in[0].requiresGrad() ? in[0].gradBuffer() : null;
    float[] gp = in[1].requiresGrad() ? in[1].gradBuffer() : null;
    float[] gn = in[2].requiresGrad() ? in[2].gradBuffer() : null;
    float[] h2 = in[0].data(), p2 = in[1].data(), n2 = in[2].data();
    for (int r = 0; r < real; r++) {
      float pl = 0, nl = 0;
      for (int c = 0; c < d; c++) {
        pl += h2[r * d + c] * p2[r * d + c];
        nl += h2[r * d + c] * n2[r * d + c];
      }
      float a = -sigmoid(-pl) * scale, bn = sigmoid(nl) * scale;
      for (int c = 0; c < d; c++) {
        int i = r * d + c;
        if (gh != null) gh[i] += a * p2[i] + bn * n2[i];
        if (gp != null) gp[i] += a * h2[i];
        if (gn != null) gn[i] += bn * h2[i];
      }
    }
  }

  private static double softplus(float x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
