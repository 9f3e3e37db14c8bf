package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.assertClose;
import static org.rec4j.loss.LossTesting.checkAllReductions;
import static org.rec4j.loss.LossTesting.constant;
import static org.rec4j.loss.LossTesting.elementwise;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Known values and gradient checks of the regression losses (MSE, MAE, Huber) and the shared shape
 * contract.
 */
class PointwiseLossTest {
  private final Rng rng = new Rng(20261128);
  private final Tensor pred = constant(new float[] {1, 2, 3}, 3);
  private final Tensor target = constant(new float[] {0, 2, 5}, 3);
  private final Tensor w = constant(new float[] {1, 0, 3}, 3);

  @Test
  void mseKnownValues() {
    assertEquals((1 + 0 + 4) / 3f, new MseLoss().compute(pred, target).item(), 1e-6);
    assertEquals((1 * 1 + 0 + 3 * 4) / 4f, new MseLoss().compute(pred, target, w).item(), 1e-6);
    assertEquals(1 * 1 + 3 * 4, new MseLoss(Reduction.SUM).compute(pred, target, w).item(), 1e-6);
    assertArrayEquals(
        new float[] {1, 0, 12}, new MseLoss(Reduction.NONE).compute(pred, target, w).data());
  }

  @Test
  void maeKnownValues() {
    assertEquals((1 + 0 + 2) / 3f, new MaeLoss().compute(pred, target).item(), 1e-6);
    assertArrayEquals(
        new float[] {1, 0, 2}, new MaeLoss(Reduction.NONE).compute(pred, target).data());
  }

  @Test
  void huberKnownValuesBothBranches() {
    Tensor r = constant(new float[] {0.5f, -2f, 3f}, 3);
    float delta = 1f;
    float[] expected = {
      0.5f * 0.5f * 0.5f, delta * (2f - 0.5f * delta), delta * (3f - 0.5f * delta)
    };
    assertClose(
        expected, new HuberLoss(delta, Reduction.NONE).compute(r, Tensor.zeros(3)).data(), 1e-6);
    // δ larger than every residual: exactly half the squared error.
    Tensor huge = new HuberLoss(10f, Reduction.NONE).compute(r, Tensor.zeros(3));
    assertClose(new float[] {0.125f, 2f, 4.5f}, huge.data(), 1e-6);
  }

  @Test
  void regressionGradients() {
    Tensor p = GradCheck.param(rng, 3f, 0.1f, 4, 3);
    Tensor y = Tensor.zeros(4, 3);
    Tensor wb = GradCheck.positive(rng, 0.2f, 2f, 4).requiresGrad(false);
    checkAllReductions(
        "mse",
        (r, a, b, ww) -> new MseLoss(r).compute(a, b, ww),
        elementwise((u, v) -> (u - v) * (u - v)),
        p,
        y,
        wb);
    checkAllReductions(
        "mae",
        (r, a, b, ww) -> new MaeLoss(r).compute(a, b, ww),
        elementwise((u, v) -> Math.abs(u - v)),
        p,
        y,
        wb);
    // Keep residuals away from the Huber kinks at ±δ.
    for (int i = 0; i < p.size(); i++)
      if (Math.abs(Math.abs(p.data()[i]) - 1.5f) < 0.1f) p.data()[i] *= 1.3f;
    double delta = 1.5;
    checkAllReductions(
        "huber",
        (r, a, b, ww) -> new HuberLoss(1.5f, r).compute(a, b, ww),
        elementwise((u, v) -> {
          double res = Math.abs(u - v);
          return res <= delta ? 0.5 * res * res : delta * (res - 0.5 * delta);
        }),
        p,
        y,
        wb);
  }

  @Test
  void gradientsReachTheTargetToo() {
    Tensor p = GradCheck.param(rng, 2f, 0.1f, 5);
    Tensor y = GradCheck.param(rng, 2f, 0.1f, 5);
    GradCheck.check(
        "mse target",
        in -> new MseLoss().compute(in[0], in[1]),
        x ->
            LossTesting.reduce(
                Reduction.MEAN, Ref.zip(x[0], x[1], (u, v) -> (u - v) * (u - v)), null),
        p,
        y);
  }

  @Test
  void shapeMismatchPrintsBothShapes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MseLoss().compute(Tensor.zeros(4), Tensor.zeros(4, 1)));
    assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[4, 1]"), e.getMessage());
  }

  @Test
  void rejectsBadHyperParameters() {
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0f, Reduction.MEAN));
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Float.NaN, Reduction.MEAN));
    assertThrows(NullPointerException.class, () -> new MseLoss(null));
  }
}
