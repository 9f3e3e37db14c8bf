package org.rec4j.optim;

/**
 * The per-coordinate Adam update shared by {@link Adam} and {@link AdamW}: moment updates, bias correction with the
 * global step count, optional decoupled decay, and the subnormal flush of both moments.
 */
final class AdamKernel {
  private final float beta1;
  private final float beta2;
  private final double eps;
  private double bias1;
  private double bias2;

  AdamKernel(double beta1, double beta2, double eps) {
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.eps = eps;
  }

  /** Precomputes {@code 1 − β1^t} and {@code 1 − β2^t} for step {@code t}. */
  void begin(long t) {
    bias1 = 1 - Math.pow(beta1, t);
    bias2 = 1 - Math.pow(beta2, t);
  }

  /**
   * Updates {@code w[off..off+len)} and its moments from {@code g[gOff..]}; {@code decay} is {@code lr·λ} of
   * decoupled weight decay (0 for Adam), applied to the weight before the step.
   */
  void apply(float[] w, float[] m, float[] v, int off, float[] g, int gOff, int len, double lr, double decay, Regularizer reg) {
    float b1 = beta1, b2 = beta2;
    for (int j = 0; j < len; j++) {
      int i = off + j;
      float wi = w[i];
      float gi = g[gOff + j] + reg.gradient(wi);
      float mi = Optimizer.flush(b1 * m[i] + (1f - b1) * gi);
      float vi = Optimizer.flush(b2 * v[i] + (1f - b2) * gi * gi);
      m[i] = mi;
      v[i] = vi;
      double step = lr * (mi / bias1) / (Math.sqrt(vi / bias2) + eps);
      w[i] = (float) (wi - decay * wi - step);
    }
  }
}
