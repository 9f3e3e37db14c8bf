package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.constant;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

class ReductionTest {
  private final Tensor losses = constant(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);

  @Test
  void unweighted() {
    assertEquals((1 + 2 + 3 + 4 + 5 + 6) / 6f, Reduction.MEAN.reduce(losses, null).item(), 1e-6);
    assertEquals(21f, Reduction.SUM.reduce(losses, null).item(), 1e-6);
    assertArrayEquals(losses.data(), Reduction.NONE.reduce(losses, null).data());
  }

  @Test
  void perSampleWeightsRepeatOverTrailingAxes() {
    Tensor w = constant(new float[] {1, 0, 2}, 3);
    float weightedSum = 1 * (1 + 2) + 0 * (3 + 4) + 2 * (5 + 6);
    assertEquals(weightedSum, Reduction.SUM.reduce(losses, w).item(), 1e-5);
    assertEquals(weightedSum / (2 * (1 + 0 + 2)), Reduction.MEAN.reduce(losses, w).item(), 1e-5);
    assertArrayEquals(new float[] {1, 2, 0, 0, 10, 12}, Reduction.NONE.reduce(losses, w).data());
  }

  @Test
  void meanIsInvariantToWeightScale() {
    Tensor w = constant(new float[] {1, 3, 2, 1, 0.5f, 4}, 3, 2);
    Tensor w10 = constant(new float[] {10, 30, 20, 10, 5, 40}, 3, 2);
    assertEquals(
        Reduction.MEAN.reduce(losses, w).item(), Reduction.MEAN.reduce(losses, w10).item(), 1e-5);
  }

  @Test
  void allZeroWeightsGiveZeroLossAndGradient() {
    Tensor l = GradCheck.param(new Rng(1), 2f, 0.1f, 4);
    Tensor out = Reduction.MEAN.reduce(l, Tensor.zeros(4));
    assertEquals(0f, out.item());
    out.backward();
    assertArrayEquals(new float[4], l.gradTensor().data());
  }

  @Test
  void weightGradientsCheck() {
    Rng rng = new Rng(7);
    Tensor l = GradCheck.param(rng, 2f, 0.1f, 3, 2);
    Tensor w = GradCheck.positive(rng, 0.5f, 2f, 3);
    for (Reduction r : Reduction.values()) {
      GradCheck.check(
          "reduce " + r,
          in -> r.reduce(in[0], in[1]),
          x -> LossTesting.reduce(r, x[0], x[1]),
          l,
          w);
      GradCheck.check(
          "reduce unweighted " + r,
          in -> r.reduce(in[0], null),
          x -> LossTesting.reduce(r, x[0], null),
          l);
    }
  }

  @Test
  void rejectsBadWeights() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Reduction.MEAN.reduce(losses, Tensor.ones(2)));
    assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    var neg =
        assertThrows(
            IllegalArgumentException.class,
            () -> Reduction.SUM.reduce(losses, constant(new float[] {1, -1, 1}, 3)));
    assertTrue(neg.getMessage().contains("-1.0"), neg.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Reduction.SUM.reduce(losses, constant(new float[] {1, Float.NaN, 1}, 3)));
  }
}
