package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * The per-coordinate update shared by {@link Adam} and {@link AdamW}: moment updates, bias
 * correction with the global step count, optional decoupled decay and the subnormal flush of both
 * moments. State: slots {@code m} and {@code v}.
 */
abstract class AdamBase extends Optimizer {
  private static final org.rec4j.tensor.kernel.Kernels KERNELS =
      org.rec4j.tensor.kernel.KernelProvider.get();
  private final float beta1;
  private final float beta2;
  private final double eps;
  private final double weightDecay;
  private double bias1;
  private double bias2;
  private boolean catchUp;

  AdamBase(
      List<Parameter> params,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      Regularizer reg) {
    super(params, lr, reg, "m", "v");
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  /** Precomputes {@code 1 − β1^t} and {@code 1 − β2^t}. */
  @Override
  protected final void beginStep(long t) {
    bias1 = 1 - Math.pow(beta1, t);
    bias2 = 1 - Math.pow(beta2, t);
    if (catchUp && pow1 == null)
      powers(); // here, single-threaded, not lazily inside a concurrent updatePart
  }

  /**
   * Makes lazy sparse updates approximate dense Adam: when a table row is touched again after
   * {@code k} steps without a gradient, first apply what dense Adam would have done in those steps
   * — the weight keeps moving on its decaying moments (the drift Σⱼ lr·m̂ⱼ/(√v̂ⱼ + ε) with m̂ⱼ ∝
   * β1ʲ, √v̂ⱼ ∝ β2^(j/2), summed in closed form as a geometric series with the bias corrections and
   * ε taken at the first skipped step), the moments decay by β1ᵏ and β2ᵏ and decoupled decay
   * compounds — then the regular update. Cost stays O(row) per touched row.
   *
   * <p>Why: with dense Adam (PyTorch, Keras) a row that received one gradient keeps moving for
   * ~1/(1 − β1/√β2) ≈ 10 steps, so rarely seen users and items travel about ten times farther per
   * gradient than under plain lazy Adam; published NCF numbers were obtained that way. Off by
   * default (plain TF-LazyAdam semantics).
   */
  public void catchUpSkippedRows(boolean on) {
    this.catchUp = on;
  }

  /** Whether {@link #catchUpSkippedRows} is on. */
  public boolean catchesUpSkippedRows() {
    return catchUp;
  }

  @Override
  protected final void update(ParamState s, float[] w, int off, float[] g, int gOff, int len) {
    float[] m = s.slot(0), v = s.slot(1);
    float b1 = beta1, b2 = beta2;
    double lr = learningRate();
    double decay = lr * weightDecay; // decoupled: applied to the weight before the step
    if (catchUp && s.parameter().sparse()) catchUp(s, w, m, v, off, len, lr, decay);
    if (regularizer.l1() == 0) { // no regularizer, or L2 only: the SIMD kernel takes the L2 term
      KERNELS.adamStep(
          w,
          off,
          g,
          gOff,
          m,
          v,
          len,
          b1,
          b2,
          (float) (lr / bias1),
          (float) (1 / Math.sqrt(bias2)),
          (float) eps,
          (float) (1 - decay),
          regularizer.l2());
      return;
    }
    for (int j = 0; j < len; j++) {
      int i = off + j;
      float wi = w[i];
      float gi = regularized(g[gOff + j], wi);
      float mi = flush(b1 * m[i] + (1f - b1) * gi);
      float vi = flush(b2 * v[i] + (1f - b2) * gi * gi);
      m[i] = mi;
      v[i] = vi;
      double step = lr * (mi / bias1) / (Math.sqrt(vi / bias2) + eps);
      w[i] = (float) (wi - decay * wi - step);
    }
  }

  /**
   * Powers β1ⁿ, β2ⁿ and (β1/√β2)ⁿ for n below {@value #POWERS}; beyond, all three are below 1e-8
   * and taken as 0.
   */
  private static final int POWERS = 20_000;

  private float[] pow1;
  private float[] pow2;
  private float[] powR;

  private void powers() {
    pow1 = new float[POWERS];
    pow2 = new float[POWERS];
    powR = new float[POWERS];
    double r = beta1 / Math.sqrt(beta2);
    double a = 1, b = 1, c = 1;
    for (int n = 0; n < POWERS; n++) {
      pow1[n] = (float) a;
      pow2[n] = (float) b;
      powR[n] = (float) c;
      a *= beta1;
      b *= beta2;
      c *= r;
    }
  }

  private static double pow(float[] table, long n) {
    return n < POWERS ? table[(int) n] : 0;
  }

  /**
   * Applies the skipped steps' dense-Adam effect to one sparse row (see {@link
   * #catchUpSkippedRows}).
   */
  private void catchUp(
      ParamState s, float[] w, float[] m, float[] v, int off, int len, double lr, double decay) {
    int[] last = s.rowSteps(w.length / len);
    int row = off / len;
    long t = stepCount();
    int prev = last[row];
    last[row] = (int) t;
    if (prev == 0 || t - prev <= 1) return;
    int k = (int) (t - prev - 1);
    double r = beta1 / Math.sqrt(beta2);
    double geo = r * (1 - pow(powR, k)) / (1 - r);
    long t1 = prev + 1L;
    double bc1 = 1 - pow(pow1, t1), bc2 = 1 - pow(pow2, t1);
    float scale = (float) (lr * geo * Math.sqrt(bc2) / bc1);
    float eps2 = (float) (eps * Math.sqrt(bc2));
    float d1 = (float) pow(pow1, k), d2 = (float) pow(pow2, k);
    float keep = decay == 0 ? 1f : (float) Math.pow(1 - decay, k);
    KERNELS.adamDrift(w, m, v, off, len, scale, eps2, keep, d1, d2);
  }
}
