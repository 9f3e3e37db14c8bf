package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.SparseRowGrad;
import org.rec4j.tensor.Tensor;

/**
 * Gradient clipping applied between {@code backward()} and {@link Optimizer#step()}, over the
 * trainable parameters' dense gradients and the (coalesced) row gradients of sparse parameters:
 *
 * <ul>
 *   <li>{@link Kind#NORM}: if the global L2 norm {@code ‖g‖ = sqrt(Σ over all parameters of Σ g²)}
 *       exceeds {@code threshold}, every gradient is scaled by {@code threshold / ‖g‖} (Pascanu,
 *       Mikolov &amp; Bengio, "On the difficulty of training recurrent neural networks", ICML
 *       2013). A non-finite norm is reported but not applied, so a divergence guard can see it
 *       instead of the scale silently zeroing or NaN-ing the gradients.
 *   <li>{@link Kind#VALUE}: every gradient coordinate is clamped to {@code [−threshold,
 *       threshold]}.
 *   <li>{@link Kind#NONE}: nothing.
 * </ul>
 *
 * Sparse gradients are coalesced first, so a row looked up twice is measured and clamped as the sum
 * of its gradients — exactly what the optimizer will apply; a sparse table that also has a dense
 * gradient buffer has its rows added into that buffer first (as {@link Optimizer#step()} would).
 * Allocates nothing.
 *
 * @param kind the clipping rule
 * @param threshold maximum norm or absolute value, {@code > 0} (ignored for {@code NONE})
 */
public record GradientClipping(Kind kind, double threshold) {
  /** The clipping rule. */
  public enum Kind {
    /** No clipping. */
    NONE,
    /** Rescale all gradients so their global L2 norm is at most the threshold. */
    NORM,
    /** Clamp each gradient coordinate to [−threshold, threshold]. */
    VALUE
  }

  /** Validates the threshold. */
  public GradientClipping {
    if (kind == null)
      throw new IllegalArgumentException("kind must be one of NONE, NORM, VALUE, got null");
    if (kind != Kind.NONE) Checks.positive("threshold", threshold);
  }

  /** No clipping. */
  public static GradientClipping none() {
    return new GradientClipping(Kind.NONE, 0);
  }

  /** Clip by global L2 norm. */
  public static GradientClipping byNorm(double maxNorm) {
    return new GradientClipping(Kind.NORM, maxNorm);
  }

  /** Clip each coordinate to {@code [−limit, limit]}. */
  public static GradientClipping byValue(double limit) {
    return new GradientClipping(Kind.VALUE, limit);
  }

  /**
   * Clips the gradients of the trainable {@code params} in place.
   *
   * @return the global gradient norm before clipping for {@code NORM} (possibly non-finite),
   *     otherwise {@code NaN}
   */
  public double apply(List<Parameter> params) {
    if (kind == Kind.NONE) return Double.NaN;
    double norm = Double.NaN;
    float x = (float) threshold;
    if (kind == Kind.NORM) {
      norm = globalNorm(params);
      if (!(norm > threshold && norm < Double.POSITIVE_INFINITY)) return norm;
      x = (float) (threshold / norm);
    }
    for (int i = 0, n = params.size(); i < n; i++) {
      Parameter p = params.get(i);
      if (p.trainable()) rewrite(p.value(), x);
    }
    return norm;
  }

  /**
   * The L2 norm of all gradients of the trainable {@code params} (coalescing sparse gradients), in
   * double.
   */
  public static double globalNorm(List<Parameter> params) {
    double sum = 0;
    for (int i = 0, n = params.size(); i < n; i++) {
      Parameter p = params.get(i);
      if (!p.trainable()) continue;
      Tensor t = p.value();
      Optimizer.foldSparseIntoDense(t);
      if (t.isSparseGrad() && t.grad() == null) {
        SparseRowGrad g = t.sparseGradient();
        if (g == null) continue;
        g.coalesce();
        sum += sumOfSquares(g.values(), 0, g.count() * g.rowLength());
      } else if (t.grad() != null) {
        sum += sumOfSquares(t.grad(), 0, t.size());
      }
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales ({@code NORM}) or clamps ({@code VALUE}) the live gradient of {@code t} by or to {@code
   * x}.
   */
  private void rewrite(Tensor t, float x) {
    float[] g;
    int n;
    Optimizer.foldSparseIntoDense(t);
    if (t.isSparseGrad() && t.grad() == null) {
      SparseRowGrad s = t.sparseGradient();
      if (s == null) return;
      s.coalesce();
      g = s.values();
      n = s.count() * s.rowLength();
    } else {
      g = t.grad();
      n = t.size();
    }
    if (g == null) return;
    if (kind == Kind.VALUE) {
      for (int i = 0; i < n; i++) g[i] = Math.max(-x, Math.min(x, g[i]));
    } else {
      for (int i = 0; i < n; i++) g[i] *= x;
    }
  }

  private static double sumOfSquares(float[] g, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) s += (double) g[i] * g[i];
    return s;
  }
}
