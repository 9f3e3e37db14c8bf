package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.rec4j.tensor.DTensor;
import org.rec4j.tensor.Finite;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Tensor;

/**
 * Shared helpers of the loss tests: gradient checks under every reduction, with and without
 * weights, against double-precision references written from each loss's formula (see {@link
 * GradCheck}).
 */
final class LossTesting {
  private LossTesting() {}

  /** A loss of two tensors and optional weights under a given reduction. */
  @FunctionalInterface
  interface Loss3 {
    Tensor apply(Reduction reduction, Tensor a, Tensor b, Tensor weights);
  }

  /** The double-precision reference of a {@link Loss3}; {@code weights} may be null. */
  @FunctionalInterface
  interface Reference3 {
    DTensor apply(Reduction reduction, DTensor a, DTensor b, DTensor weights);
  }

  /**
   * Checks d loss / d {@code a} (and d loss / d {@code b} if it requires gradients) for MEAN, SUM
   * and NONE, unweighted and with the constant {@code weights}, against {@code reference}.
   */
  static void checkAllReductions(
      String name, Loss3 loss, Reference3 reference, Tensor a, Tensor b, Tensor weights) {
    DTensor w = DTensor.of(weights);
    for (Reduction r : Reduction.values()) {
      GradCheck.check(
          name + " " + r,
          in -> loss.apply(r, in[0], in[1], null),
          x -> reference.apply(r, x[0], x[1], null),
          a,
          b);
      GradCheck.check(
          name + " " + r + " weighted",
          in -> loss.apply(r, in[0], in[1], weights),
          x -> reference.apply(r, x[0], x[1], w),
          a,
          b);
    }
  }

  /**
   * The reference of a pointwise loss {@code l = f(prediction, target)} per element, then reduced.
   */
  static Reference3 elementwise(DoubleBinaryOperator f) {
    return (r, p, y, w) -> reduce(r, Ref.zip(p, y, f), w);
  }

  /**
   * The reference of a pairwise loss {@code φ(s⁺ − s⁻)}: positives [B] against negatives [B] or [B,
   * k] (averaged over the k negatives), then reduced.
   */
  static Reference3 pairDifference(DoubleUnaryOperator phi) {
    return (r, pos, neg, w) -> {
      if (neg.rank() == 1)
        return reduce(r, Ref.zip(pos, neg, (a, b) -> phi.applyAsDouble(a - b)), w);
      int b = pos.dim(0), k = neg.dim(1);
      double[] l = new double[b];
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < k; j++)
          l[i] += phi.applyAsDouble(pos.values()[i] - neg.values()[i * k + j]) / k;
      }
      return reduce(r, DTensor.of(l, b), w);
    };
  }

  /**
   * {@link Reduction} from its definition: NONE gives {@code w·l}, SUM {@code Σ w·l}, MEAN {@code Σ
   * w·l / Σ w} (each weight counted once per element it covers; 0 if all weights are 0), or without
   * weights {@code l}, {@code Σ l}, {@code Σ l / N}. Weights have the losses' shape or one entry
   * per leading-axis sample.
   */
  static DTensor reduce(Reduction r, DTensor losses, DTensor weights) {
    double[] l = losses.values();
    int n = l.length;
    double[] wl = new double[n];
    double wsum = 0;
    for (int i = 0; i < n; i++) {
      double wi =
          weights == null
              ? 1
              : weights.values()[weights.size() == n ? i : i / (n / weights.size())];
      wl[i] = wi * l[i];
      wsum += wi;
    }
    double total = 0;
    for (double v : wl) total += v;
    return switch (r) {
      case NONE -> DTensor.of(wl, losses.dims());
      case SUM -> DTensor.scalar(total);
      case MEAN -> DTensor.scalar(wsum == 0 ? 0 : total / wsum);
    };
  }

  /**
   * Asserts that every value and every gradient of {@code inputs} is finite after back-propagating
   * {@code loss}.
   */
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
    for (int i = 0; i < expected.length; i++)
      assertEquals(expected[i], actual[i], tol, "element " + i);
  }

  /** A constant (non-differentiable) tensor. */
  static Tensor constant(float[] data, int... dims) {
    return Tensor.of(data, dims);
  }
}
