package org.rec4j.optim;

import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.assertTrajectory;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.setGrad;
import static org.rec4j.optim.Fixtures.sines;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/**
 * Golden trajectories of SGD, heavy-ball momentum and Nesterov momentum against double-precision
 * formulas.
 */
class SgdTest {
  private static final float[] W0 = {1.5f, -2f, 0.75f};
  private static final int STEPS = 10;

  @Test
  void plainStepOneAndTwo() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), Sgd.Config.plain(0.1));
    setGrad(p, 0.5f, -1f, 2f);
    opt.step();
    assertClose(
        new double[] {1.5 - 0.1 * 0.5, -2 - 0.1 * -1, 0.75 - 0.1 * 2}, p.value().data(), "w1");
    setGrad(p, 1f, 1f, 1f);
    opt.step();
    assertClose(new double[] {1.45 - 0.1, -1.9 - 0.1, 0.55 - 0.1}, p.value().data(), "w2");
  }

  @Test
  void momentumStepsMatchFormula() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), new Sgd.Config(0.05, 0.9, false));
    double[] b = new double[3];
    assertTrajectory(
        p,
        opt,
        STEPS,
        sines(3, 1),
        (t, i, g, w) -> {
          b[i] = 0.9 * b[i] + g;
          w[i] -= 0.05 * b[i];
        });
  }

  @Test
  void nesterovStepOne() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), new Sgd.Config(0.05, 0.9, true));
    float[] g = sines(3, 1).apply(1);
    setGrad(p, g);
    opt.step();
    // b = g, w = w0 − lr·(g + μ·g)
    for (int i = 0; i < 3; i++)
      assertClose(W0[i] - 0.05 * (g[i] + 0.9 * g[i]), p.value().data()[i], "w1[" + i + "]");
  }

  @Test
  void nesterovStepsMatchFormula() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), new Sgd.Config(0.05, 0.9, true));
    double[] b = new double[3];
    assertTrajectory(
        p,
        opt,
        STEPS,
        sines(3, 1),
        (t, i, g, w) -> {
          b[i] = 0.9 * b[i] + g;
          w[i] -= 0.05 * (g + 0.9 * b[i]);
        });
  }
}
