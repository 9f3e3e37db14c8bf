package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.rec4j.tensor.Finite;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.Tensor;

/** Shared helpers of the loss tests: gradient checks under every reduction, with and without weights. */
final class LossTesting {
  static final GradCheck GC = GradCheck.standard();

  private LossTesting() {}

  /** A loss of two tensors and optional weights under a given reduction. */
  @FunctionalInterface
  interface Loss3 {
    Tensor apply(Reduction reduction, Tensor a, Tensor b, Tensor weights);
  }

  /**
   * Finite-difference check of d loss / d {@code a} (and of {@code b} if it requires gradients) for MEAN, SUM and
   * NONE, unweighted and with {@code weights}.
   */
  static void checkAllReductions(String name, Loss3 loss, Tensor a, Tensor b, Tensor weights) {
    for (Reduction r : Reduction.values()) {
      GC.check(name + " " + r, in -> loss.apply(r, in[0], in[1], null), a, b);
      GC.check(name + " " + r + " weighted", in -> loss.apply(r, in[0], in[1], weights), a, b);
    }
  }

  /** Asserts that every value and every gradient of {@code inputs} is finite after back-propagating {@code loss}. */
  static void assertFiniteWithGradients(Tensor loss, Tensor... inputs) {
    assertTrue(Finite.isFinite(loss), () -> "loss not finite: " + loss);
    loss.backward();
    for (Tensor t : inputs) {
      Tensor g = t.gradTensor();
      assertTrue(g != null && Finite.isFinite(g), () -> "gradient not finite: " + g);
    }
  }

  /** Asserts elementwise closeness with an absolute tolerance. */
  static void assertClose(float[] expected, float[] actual, double tol) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "element " + i);
  }

  /** A constant (non-differentiable) tensor. */
  static Tensor constant(float[] data, int... dims) {
    return Tensor.of(data, dims);
  }
}
