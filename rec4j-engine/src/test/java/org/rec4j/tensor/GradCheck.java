package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Function;

/**
 * Finite-difference gradient checking for any function of tensors.
 *
 * <p>The engine computes in float32, so the check is built to be meaningful at that precision: the scalar objective
 * {@code Σ wᵢ·outᵢ} (fixed random weights, so every output element matters) is accumulated in double, the
 * derivative is a central difference with step {@code eps} (default 1e-2, truncation error O(eps²)), and analytic
 * and numeric values are compared by relative error with an absolute floor: {@code |a − n| / max(|a|, |n|, floor)}.
 * Callers keep inputs away from non-differentiable points (kinks of relu/abs/clamp, ties of max).
 */
public final class GradCheck {
  private final double eps;
  private final double tol;
  private final double floor;

  /** A checker with the given step, tolerance and floor. */
  public GradCheck(double eps, double tol, double floor) {
    this.eps = eps;
    this.tol = tol;
    this.floor = floor;
  }

  /** Defaults suited to float32: eps 1e-2, tolerance 1e-2, floor 1e-2. */
  public static GradCheck standard() {
    return new GradCheck(1e-2, 1e-2, 1e-2);
  }

  /** Checks d(Σ w·f(inputs))/d input for every input that requires a gradient. */
  public void check(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
    Tensor out0 = f.apply(inputs);
    Rng rng = new Rng(12345);
    float[] w = new float[out0.size()];
    for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextDouble() * 2 - 1);
    for (Tensor t : inputs) if (t.requiresGrad()) t.zeroGrad();
    Tensor out = f.apply(inputs);
    Tensor obj = ReduceOps.sum(MathOps.mul(out, Tensor.of(w, out.dims())));
    obj.backward();
    for (int ti = 0; ti < inputs.length; ti++) {
      Tensor t = inputs[ti];
      if (!t.requiresGrad()) continue;
      Tensor analytic = t.gradTensor();
      float[] x = t.data();
      for (int i = 0; i < x.length; i++) {
        float orig = x[i];
        x[i] = (float) (orig + eps);
        double fp = objective(f, inputs, w);
        x[i] = (float) (orig - eps);
        double fm = objective(f, inputs, w);
        x[i] = orig;
        double numeric = (fp - fm) / (2 * eps);
        double a = analytic == null ? 0 : analytic.data()[i];
        double err = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), floor);
        if (err > tol) {
          fail(what + ": gradient of input " + ti + " " + t.shape() + " element " + i + ": analytic " + a + " numeric " + numeric
              + " (relative error " + err + ")");
        }
      }
    }
  }

  private static double objective(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] w) {
    try (var ng = Autograd.noGrad()) {
      float[] y = f.apply(inputs).data();
      double s = 0;
      for (int i = 0; i < y.length; i++) s += (double) w[i] * y[i];
      return s;
    }
  }

  /** A random leaf requiring gradients, entries uniform in ±scale but at least {@code minAbs} from zero. */
  public static Tensor param(Rng rng, float scale, float minAbs, int... dims) {
    Tensor t = Tensor.zeros(dims);
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      float v = minAbs + (scale - minAbs) * rng.nextFloat();
      d[i] = rng.nextFloat() < 0.5f ? -v : v;
    }
    return t.requiresGrad(true);
  }

  /** A random leaf with entries uniform in [lo, hi). */
  public static Tensor positive(Rng rng, float lo, float hi, int... dims) {
    return Tensor.uniform(rng, lo, hi, dims).requiresGrad(true);
  }
}
