package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The gradient checker itself: it passes a correct rule and fails a rule that is off by only 1%.
 */
class GradCheckTest {
  private final Rng rng = new Rng(17);

  /** y = x³ elementwise as a test-only op whose backward rule is 3x² times {@code factor}. */
  private static Tensor cube(Tensor x, float factor) {
    Tensor out = CustomOp.output(x.shape());
    float[] a = x.data(), y = out.data();
    for (int i = 0; i < a.length; i++) y[i] = a[i] * a[i] * a[i];
    return CustomOp.record(
        out,
        (output, g, in) -> {
          float[] gx = in[0].gradBuffer();
          for (int i = 0; i < g.length; i++) gx[i] += factor * g[i] * 3 * a[i] * a[i];
        },
        x);
  }

  private static DTensor cubeReference(DTensor x) {
    return Ref.map(x, v -> v * v * v);
  }

  @Test
  void correctRulePasses() {
    Tensor x = GradCheck.param(rng, 1.5f, 0.05f, 3, 4);
    GradCheck.check("cube", in -> cube(in[0], 1f), r -> cubeReference(r[0]), x);
  }

  @Test
  void onePercentWrongRuleFails() {
    Tensor x = GradCheck.param(rng, 1.5f, 0.05f, 3, 4);
    var e =
        assertThrows(
            AssertionFailedError.class,
            () ->
                GradCheck.check(
                    "cube ×1.01", in -> cube(in[0], 1.01f), r -> cubeReference(r[0]), x));
    assertTrue(e.getMessage().contains("relative error"), e.getMessage());
  }

  @Test
  void onePercentErrorFailsForEveryGradientAboveOneTenThousandth() {
    // a = 1.01·n: the relative error is 0.01/1.01 ≈ 9.9e-3 for |n| ≥ floor, and 0.01·|n|/floor
    // below it, which stays
    // above 1e-3 down to |n| = 1e-4; smaller gradients are compared absolutely (|a − n| ≤ 1e-6).
    for (double n : new double[] {-2e-4, 1e-3, -1e-2, 1, 100}) {
      assertTrue(GradCheck.relativeError(1.01 * n, n) > GradCheck.TOLERANCE, "n = " + n);
    }
    assertTrue(GradCheck.relativeError(1.01 * 5e-5, 5e-5) <= GradCheck.TOLERANCE);
  }

  @Test
  void wrongReferenceForwardFails() {
    Tensor x = GradCheck.param(rng, 1.5f, 0.05f, 5);
    assertThrows(
        AssertionFailedError.class,
        () ->
            GradCheck.check(
                "cube vs x³(1 + 1e-4)",
                in -> cube(in[0], 1f),
                r -> Ref.mulScalar(cubeReference(r[0]), 1 + 1e-4),
                x));
  }

  @Test
  void composedCheckSeesADependenceHiddenFromTheGraph() {
    Tensor x = GradCheck.param(rng, 1.5f, 0.1f, 6);
    GradCheck.checkComposed("x·x", in -> MathOps.mul(in[0], in[0]), x);
    // x times a copy of x made outside autograd: the graph treats the copy as a constant, so both
    // the engine's
    // gradient and the graph's double re-evaluation miss half of d(x²)/dx; the probe of the real
    // forward does not.
    var e =
        assertThrows(
            AssertionFailedError.class,
            () ->
                GradCheck.checkComposed(
                    "x·copy(x)", in -> MathOps.mul(in[0], Tensor.of(in[0].data().clone(), 6)), x));
    assertTrue(e.getMessage().contains("hidden"), e.getMessage());
  }

  @Test
  void composedCheckRejectsCustomOps() {
    Tensor x = GradCheck.param(rng, 1.5f, 0.1f, 3);
    assertThrows(
        UnsupportedOperationException.class,
        () -> GradCheck.checkComposed("cube", in -> cube(in[0], 1f), x));
  }
}
