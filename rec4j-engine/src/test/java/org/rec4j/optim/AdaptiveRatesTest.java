package org.rec4j.optim;

import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.assertTrajectory;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.setGrad;
import static org.rec4j.optim.Fixtures.sines;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/** Golden trajectories of AdaGrad and RMSprop against double-precision formulas. */
class AdaptiveRatesTest {
  private static final float[] W0 = {1.5f, -2f, 0.75f, 3f};

  @Test
  void adaGradStepOne() {
    Parameter p = dense("w", 1.5f);
    AdaGrad opt = new AdaGrad(List.of(p), new AdaGrad.Config(0.1, 1e-10, 0.1));
    setGrad(p, 0.6f);
    opt.step();
    assertClose(
        1.5 - 0.1 * 0.6f / (Math.sqrt(0.1 + 0.6f * 0.6f) + 1e-10), p.value().data()[0], "w1");
  }

  @Test
  void adaGradTrajectory() {
    Parameter p = dense("w", W0);
    AdaGrad opt = new AdaGrad(List.of(p), new AdaGrad.Config(0.1, 1e-10, 0.1));
    double[] sum = new double[W0.length];
    assertTrajectory(
        p,
        opt,
        10,
        sines(W0.length, 0.8),
        (t, i, g, w) -> {
          sum[i] += g * g;
          w[i] -= 0.1 * g / (Math.sqrt(0.1 + sum[i]) + 1e-10);
        });
  }

  @Test
  void rmsPropStepOne() {
    Parameter p = dense("w", 1.5f);
    RmsProp opt = new RmsProp(List.of(p), new RmsProp.Config(0.01, 0.9, 1e-8));
    setGrad(p, 0.6f);
    opt.step();
    assertClose(
        1.5 - 0.01 * 0.6f / (Math.sqrt(0.1 * 0.6f * 0.6f) + 1e-8), p.value().data()[0], "w1");
  }

  @Test
  void rmsPropTrajectory() {
    Parameter p = dense("w", W0);
    RmsProp opt = new RmsProp(List.of(p), new RmsProp.Config(0.01, 0.9, 1e-8));
    double[] v = new double[W0.length];
    assertTrajectory(
        p,
        opt,
        10,
        sines(W0.length, 0.8),
        (t, i, g, w) -> {
          v[i] = 0.9 * v[i] + 0.1 * g * g;
          w[i] -= 0.01 * g / (Math.sqrt(v[i]) + 1e-8);
        });
  }
}
