package org.rec4j.optim;

import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.grad;
import static org.rec4j.optim.Fixtures.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/** Golden trajectories of SGD, heavy-ball momentum and Nesterov momentum against double-precision formulas. */
class SgdTest {
  private static final float[] W0 = {1.5f, -2f, 0.75f};
  private static final int STEPS = 10;

  @Test
  void plainStepOneAndTwo() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), Sgd.Config.plain(0.1));
    setGrad(p, 0.5f, -1f, 2f);
    opt.step();
    assertClose(new double[] {1.5 - 0.1 * 0.5, -2 - 0.1 * -1, 0.75 - 0.1 * 2}, p.value().data(), "w1");
    setGrad(p, 1f, 1f, 1f);
    opt.step();
    assertClose(new double[] {1.45 - 0.1, -1.9 - 0.1, 0.55 - 0.1}, p.value().data(), "w2");
  }

  @Test
  void momentumStepsMatchFormula() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), new Sgd.Config(0.05, 0.9, false));
    double[] w = Fixtures.toDouble(W0), b = new double[3];
    for (int t = 1; t <= STEPS; t++) {
      float[] g = gradients(t);
      setGrad(p, g);
      opt.step();
      for (int i = 0; i < 3; i++) {
        b[i] = 0.9 * b[i] + g[i];
        w[i] -= 0.05 * b[i];
      }
      assertClose(w, p.value().data(), "w" + t);
    }
  }

  @Test
  void nesterovStepsMatchFormula() {
    Parameter p = dense("w", W0);
    Sgd opt = new Sgd(List.of(p), new Sgd.Config(0.05, 0.9, true));
    setGrad(p, gradients(1));
    opt.step();
    // step 1: b = g, w = w0 − lr·(g + μ·g)
    float[] g1 = gradients(1);
    double[] w = new double[3], b = new double[3];
    for (int i = 0; i < 3; i++) {
      b[i] = g1[i];
      w[i] = W0[i] - 0.05 * (g1[i] + 0.9 * g1[i]);
    }
    assertClose(w, p.value().data(), "w1");
    for (int t = 2; t <= STEPS; t++) {
      float[] g = gradients(t);
      setGrad(p, g);
      opt.step();
      for (int i = 0; i < 3; i++) {
        b[i] = 0.9 * b[i] + g[i];
        w[i] -= 0.05 * (g[i] + 0.9 * b[i]);
      }
      assertClose(w, p.value().data(), "w" + t);
    }
  }

  private static float[] gradients(int t) {
    return new float[] {grad(t, 0, 1), grad(t, 1, 1), grad(t, 2, 1)};
  }
}
