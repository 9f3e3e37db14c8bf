package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Function;

/**
 * Gradient checks against a double-precision evaluation of the function under test.
 *
 * <p><b>What is compared.</b> For a function {@code f} of tensors, the scalar objective is {@code Σ
 * wᵢ·f(x)ᵢ} with fixed random weights {@code wᵢ ∈ [−1, 1]} (so every output element matters). The
 * <i>analytic</i> gradient is the engine's own: one float32 forward and {@link Tensor#backward()}
 * through the backward rules of {@link Gradients}. The <i>numeric</i> gradient is never taken from
 * the float32 forward: it is the central difference, in double, of a double-precision
 * <i>reference</i> forward, with step {@code h = 1e-6·max(1, |x|)} (truncation ~h² ≈ 1e-12,
 * rounding ~1e-16/h ≈ 1e-10, both relative to the objective's scale). Each element must satisfy
 * {@code |analytic − numeric| / max(|analytic|, |numeric|, 1e-3) ≤ 1e-3} ({@link #TOLERANCE},
 * {@link #FLOOR}). A float32 gradient computed by a correct rule is accurate to ~1e-6 relative (the
 * largest error in the engine's suite is 1.5e-4, on a transformer block of some twenty ops), so
 * 1e-3 leaves room for rounding while any wrong rule — a missing term, a wrong factor, even a 1%
 * scale error on a gradient element larger than 1e-4 — fails ({@code GradCheckTest} shows it).
 *
 * <p><b>Why not float32 finite differences.</b> Differencing the float32 forward divides its
 * rounding noise (~6e-8 of the objective) by the step: at eps 1e-2 that is ~1e-5 absolute, the size
 * of a 1e-3 relative error on a small gradient, and shrinking eps makes it worse while growing it
 * adds truncation and crosses kinks. Such a check cannot certify 1e-3, so the numeric side is
 * computed in double instead.
 *
 * <p><b>Where the reference comes from.</b>
 *
 * <ul>
 *   <li>{@link #check(String, Function, Reference, Tensor...)}: an explicit reference written from
 *       the op's or loss's formula with {@link Ref} (slow, obvious loops in double; no engine
 *       code). Used for every primitive op and every loss. It also checks the forward: the engine's
 *       float32 output must equal the reference within {@link #FORWARD_TOLERANCE} relative
 *       (absolute floor 1).
 *   <li>{@link #checkComposed(String, Function, Tensor...)}: for layers built from primitives, the
 *       reference is the recorded graph of the engine's forward re-evaluated in double, op by op,
 *       with the same {@link Ref} functions ({@link TapeReference}). Since re-evaluating the graph
 *       would be blind to a value the layer computed outside it (read from a tensor's array, so
 *       invisible to autograd), the check also moves every input by up to 1% and requires the
 *       engine's real float32 forward there to equal the graph's double re-evaluation within {@link
 *       #FORWARD_TOLERANCE}: a dependence hidden from the graph shows as a difference of the size
 *       of the move times the hidden derivative, some 1e-2, a thousand times the tolerance.
 * </ul>
 *
 * <p>Callers keep inputs away from non-differentiable points (kinks of relu/abs/clamp, ties of max)
 * and use no dropout except with a fixed mask.
 */
public final class GradCheck {
  /** Largest relative error allowed between analytic and numeric gradients. */
  public static final double TOLERANCE = 1e-3;

  /**
   * Absolute floor of the relative error's denominator (gradients below it are compared absolutely,
   * to 1e-6).
   */
  public static final double FLOOR = 1e-3;

  /** Relative step of the double-precision central difference. */
  public static final double STEP = 1e-6;

  /**
   * Largest relative difference (absolute floor 1) between the float32 forward and the double
   * reference.
   */
  public static final double FORWARD_TOLERANCE = 1e-5;

  /**
   * Relative size of the input move that probes a composed check for dependencies hidden from the
   * graph.
   */
  static final double PROBE = 1e-2;

  /**
   * A double-precision forward of the function under test, given the inputs as doubles (which it
   * must not modify).
   */
  @FunctionalInterface
  public interface Reference {
    /** The output for the given inputs. */
    DTensor apply(DTensor[] inputs);
  }

  private GradCheck() {}

  /**
   * Checks the engine's gradient of {@code Σ w·f(inputs)} with respect to every input that requires
   * a gradient against central differences of {@code reference} in double, and the engine's forward
   * against the reference.
   */
  public static void check(
      String what, Function<Tensor[], Tensor> f, Reference reference, Tensor... inputs) {
    run(what, f, reference, inputs);
  }

  /**
   * Like {@link #check(String, Function, Reference, Tensor...)} with the recorded graph of {@code
   * f}, re-evaluated in double, as the reference; for layers and other compositions of engine
   * primitives.
   */
  public static void checkComposed(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
    run(what, f, null, inputs);
  }

  private static void run(
      String what, Function<Tensor[], Tensor> f, Reference explicit, Tensor[] inputs) {
    for (Tensor t : inputs) if (t.requiresGrad()) t.zeroGrad();
    Tensor out = f.apply(inputs);
    float[] w = weights(out.size());
    ReduceOps.sum(MathOps.mul(out, Tensor.of(w, out.dims()))).backward();
    Reference ref = explicit != null ? explicit : new TapeReference(out, inputs);
    DTensor[] x = new DTensor[inputs.length];
    for (int i = 0; i < x.length; i++) x[i] = DTensor.of(inputs[i]);
    compareForward(what + " (forward)", out, ref.apply(x));
    if (explicit == null) probeHiddenDependencies(what, f, ref, inputs);
    for (int ti = 0; ti < inputs.length; ti++) {
      Tensor t = inputs[ti];
      if (!t.requiresGrad()) continue;
      Tensor g = t.gradTensor();
      double[] xv = x[ti].v;
      for (int i = 0; i < xv.length; i++) {
        double orig = xv[i], h = STEP * Math.max(1, Math.abs(orig));
        xv[i] = orig + h;
        double fp = objective(ref.apply(x), w);
        xv[i] = orig - h;
        double fm = objective(ref.apply(x), w);
        xv[i] = orig;
        double numeric = (fp - fm) / (2 * h);
        double analytic = g == null ? 0 : g.data()[i];
        double err = relativeError(analytic, numeric);
        if (!(err <= TOLERANCE)) {
          fail(
              what
                  + ": gradient of input "
                  + ti
                  + " "
                  + t.shape()
                  + " element "
                  + i
                  + ": analytic "
                  + analytic
                  + " numeric "
                  + numeric
                  + " (relative error "
                  + err
                  + " > "
                  + TOLERANCE
                  + ")");
        }
      }
    }
  }

  /** |a − n| / max(|a|, |n|, {@link #FLOOR}). */
  static double relativeError(double a, double n) {
    return Math.abs(a - n) / Math.max(Math.max(Math.abs(a), Math.abs(n)), FLOOR);
  }

  /** The objective's fixed weights, uniform in [−1, 1). */
  private static float[] weights(int n) {
    Rng rng = new Rng(12345);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) w[i] = (float) (rng.nextDouble() * 2 - 1);
    return w;
  }

  private static double objective(DTensor y, float[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) s += w[i] * y.v[i];
    return s;
  }

  /**
   * Fails unless the float32 output equals the double reference within {@link #FORWARD_TOLERANCE}.
   */
  private static void compareForward(String what, Tensor out, DTensor ref) {
    if (!java.util.Arrays.equals(out.dims(), ref.dims)) {
      fail(what + ": engine shape " + out.shape() + " but reference shape " + ref);
    }
    float[] e = out.data();
    for (int i = 0; i < e.length; i++) {
      double r = ref.v[i];
      if (e[i] == r) continue; // equal infinities (masked logits) included
      if (!(Math.abs(e[i] - r) <= FORWARD_TOLERANCE * Math.max(1, Math.abs(r)))) {
        fail(what + ": element " + i + " engine " + e[i] + " reference " + r);
      }
    }
  }

  /**
   * Moves every input element by up to {@link #PROBE} of its magnitude (at least 0.01), then
   * requires the engine's float32 forward to match the graph's double re-evaluation there; restores
   * the inputs.
   */
  private static void probeHiddenDependencies(
      String what, Function<Tensor[], Tensor> f, Reference ref, Tensor[] inputs) {
    Rng rng = new Rng(777);
    float[][] saved = new float[inputs.length][];
    for (int t = 0; t < inputs.length; t++) {
      if (!inputs[t].requiresGrad()) continue;
      float[] d = inputs[t].data();
      saved[t] = d.clone();
      for (int i = 0; i < d.length; i++)
        d[i] += (float) (PROBE * (2 * rng.nextDouble() - 1) * Math.max(Math.abs(d[i]), 1));
    }
    try {
      DTensor[] x = new DTensor[inputs.length];
      for (int i = 0; i < x.length; i++) x[i] = DTensor.of(inputs[i]);
      Tensor moved;
      try (var ng = Autograd.noGrad()) {
        moved = f.apply(inputs);
      }
      compareForward(
          what + " (graph vs real forward at moved inputs: a dependence hidden from autograd?)",
          moved,
          ref.apply(x));
    } finally {
      for (int t = 0; t < inputs.length; t++)
        if (saved[t] != null) System.arraycopy(saved[t], 0, inputs[t].data(), 0, saved[t].length);
    }
  }

  /**
   * A random leaf requiring gradients, entries uniform in ±scale but at least {@code minAbs} from
   * zero.
   */
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
