package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.assertClose;

import org.junit.jupiter.api.Test;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.DTensor;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/** Weighted-sum and uncertainty-weighted combinations of task losses. */
class MultiTaskLossTest {
  private final Rng rng = new Rng(2018);

  private static Tensor[] scalars(float... values) {
    Tensor[] t = new Tensor[values.length];
    for (int i = 0; i < values.length; i++) t[i] = Tensor.scalar(values[i]).requiresGrad(true);
    return t;
  }

  @Test
  void weightedSumKnownValueAndGradients() {
    var loss = new WeightedSumLoss(1f, 0.5f, 2f);
    assertEquals(
        1 * 0.4f + 0.5f * 2f + 2f * 1.5f, loss.combine(scalars(0.4f, 2f, 1.5f)).item(), 1e-6);
    assertTrue(loss.parameters().isEmpty());
    GradCheck.check(
        "weighted sum",
        in -> loss.combine(in),
        d -> DTensor.scalar(d[0].values()[0] + 0.5 * d[1].values()[0] + 2 * d[2].values()[0]),
        scalars(0.4f, 2f, 1.5f));
  }

  @Test
  void uncertaintyWeightingStartsAsPlainSum() {
    var loss = new UncertaintyWeightedLoss(2);
    Tensor[] l = scalars(0.3f, 2f);
    Tensor total = loss.combine(l);
    assertEquals(0.3f + 2f, total.item(), 1e-6);
    total.backward();
    Parameter s = loss.parameters().get(0);
    assertEquals("logVar", s.name());
    // ∂/∂s_i (e^{−s_i}·L_i + s_i) = 1 − e^{−s_i}·L_i = 1 − L_i at s = 0.
    assertClose(new float[] {1 - 0.3f, 1 - 2f}, s.value().gradTensor().data(), 1e-6);
  }

  @Test
  void uncertaintyGradientsForLogVarianceAndLosses() {
    var loss = new UncertaintyWeightedLoss(3);
    Tensor s = loss.logVariance().value();
    Tensor random = GradCheck.param(rng, 1.5f, 0.1f, 3);
    System.arraycopy(random.data(), 0, s.data(), 0, 3);
    Tensor[] l = scalars(0.4f, 2f, 1.2f);
    GradCheck.check(
        "uncertainty: logVar and losses",
        in -> loss.combine(l[0], l[1], l[2]),
        d -> {
          double total = 0;
          for (int i = 0; i < 3; i++)
            total += Math.exp(-d[0].values()[i]) * d[1 + i].values()[0] + d[0].values()[i];
          return DTensor.scalar(total);
        },
        s,
        l[0],
        l[1],
        l[2]);
  }

  @Test
  void gradientDescentLearnsLogOfEachLoss() {
    var loss = new UncertaintyWeightedLoss(2);
    Tensor s = loss.logVariance().value();
    float[] fixed = {0.25f, 4f};
    for (int step = 0; step < 400; step++) {
      s.zeroGrad();
      loss.combine(Tensor.scalar(fixed[0]), Tensor.scalar(fixed[1])).backward();
      for (int i = 0; i < 2; i++) s.data()[i] -= 0.1f * s.grad()[i];
    }
    // The minimum of e^{−s}·L + s is at s = log L, i.e. task weight 1/L.
    assertClose(new float[] {(float) Math.log(0.25), (float) Math.log(4)}, s.data(), 1e-3);
    assertClose(new float[] {4f, 0.25f}, loss.taskWeights(), 1e-2);
  }

  @Test
  void rejectsWrongTaskCountsAndNonScalarLosses() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new UncertaintyWeightedLoss(2).combine(scalars(1f)));
    assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
    var shape =
        assertThrows(
            IllegalArgumentException.class, () -> new WeightedSumLoss(1f).combine(Tensor.zeros(3)));
    assertTrue(shape.getMessage().contains("[3]"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new WeightedSumLoss(1f, -0.5f));
    assertThrows(IllegalArgumentException.class, () -> new UncertaintyWeightedLoss(0));
  }

  @Test
  void uncertaintyWeightingRegistersAsAChildModule() {
    var uw = new UncertaintyWeightedLoss(3);
    Module model =
        new Module() {
          {
            register(uw);
          }
        };
    assertEquals(java.util.List.of(uw.logVariance()), model.parameters());
    assertEquals(3, model.parameterCount());
  }
}
