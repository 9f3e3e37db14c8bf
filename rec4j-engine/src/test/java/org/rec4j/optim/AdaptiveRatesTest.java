package org.rec4j.optim;

import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.grad;
import static org.rec4j.optim.Fixtures.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/** Golden trajectories of AdaGrad and RMSprop against double-precision formulas. */
class AdaptiveRatesTest {
  private static final float[] W0 = {1.5f, -2f, 0.75f, 3f};

  @Test
  void adaGradStepOneAndTrajectory() {
    Parameter p = dense("w", W0);
    AdaGrad opt = new AdaGrad(List.of(p), new AdaGrad.Config(0.1, 1e-10, 0.1));
    double[] w = Fixtures.toDouble(W0), sum = new double[W0.length];
    for (int t = 1; t <= 10; t++) {
      float[] g = gradients(t);
      setGrad(p, g);
      opt.step();
      for (int i = 0; i < w.length; i++) {
        sum[i] += (double) g[i] * g[i];
        w[i] -= 0.1 * g[i] / (Math.sqrt(0.1 + sum[i]) + 1e-10);
      }
      if (t == 1) {
        float g0 = g[0];
        assertClose(1.5 - 0.1 * g0 / (Math.sqrt(0.1 + g0 * g0) + 1e-10), p.value().data()[0], "w1[0] literal");
      }
      assertClose(w, p.value().data(), "w" + t);
    }
  }

  @Test
  void rmsPropStepOneAndTrajectory() {
    Parameter p = dense("w", W0);
    RmsProp opt = new RmsProp(List.of(p), new RmsProp.Config(0.01, 0.9, 1e-8));
    double[] w = Fixtures.toDouble(W0), v = new double[W0.length];
    for (int t = 1; t <= 10; t++) {
      float[] g = gradients(t);
      setGrad(p, g);
      opt.step();
      for (int i = 0; i < w.length; i++) {
        v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
        w[i] -= 0.01 * g[i] / (Math.sqrt(v[i]) + 1e-8);
      }
      if (t == 1) {
        float g0 = g[0];
        assertClose(1.5 - 0.01 * g0 / (Math.sqrt(0.1 * g0 * g0) + 1e-8), p.value().data()[0], "w1[0] literal");
      }
      assertClose(w, p.value().data(), "w" + t);
    }
  }

  private static float[] gradients(int t) {
    float[] g = new float[W0.length];
    for (int i = 0; i < g.length; i++) g[i] = grad(t, i, 0.8);
    return g;
  }
}
