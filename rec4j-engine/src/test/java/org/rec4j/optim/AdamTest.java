package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.assertTrajectory;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.setGrad;
import static org.rec4j.optim.Fixtures.sines;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/**
 * Golden trajectories of dense Adam and AdamW against the papers' formulas evaluated in double
 * precision.
 */
class AdamTest {
  private static final float[] W0 = {1.5f, -2f, 0.75f, 3f};
  private static final double LR = 0.01, B1 = 0.9, B2 = 0.999, EPS = 1e-8;

  @Test
  void stepOneIsSignedLearningRate() {
    Parameter p = dense("w", W0);
    Adam opt = new Adam(List.of(p), new Adam.Config(LR, B1, B2, EPS));
    float[] g = {0.5f, -1e-3f, 2f, 0f};
    setGrad(p, g);
    opt.step();
    double[] expected = new double[4];
    for (int i = 0; i < 4; i++) {
      double m = (1 - B1) * g[i], v = (1 - B2) * g[i] * g[i];
      double mHat = m / (1 - B1), vHat = v / (1 - B2);
      expected[i] = W0[i] - LR * mHat / (Math.sqrt(vHat) + EPS);
    }
    assertClose(expected, p.value().data(), "w1");
  }

  @Test
  void adamTrajectoryMatchesFormula() {
    Parameter p = dense("w", W0);
    Adam opt = new Adam(List.of(p), new Adam.Config(LR, B1, B2, EPS));
    runAgainstReference(p, opt, 0);
  }

  @Test
  void adamWTrajectoryMatchesFormula() {
    Parameter p = dense("w", W0);
    AdamW opt = new AdamW(List.of(p), new AdamW.Config(LR, B1, B2, EPS, 0.1));
    runAgainstReference(p, opt, 0.1);
  }

  @Test
  void adamWDecaysWeightsEvenWithZeroGradient() {
    Parameter p = dense("w", 2f);
    AdamW opt = new AdamW(List.of(p), new AdamW.Config(0.1, B1, B2, EPS, 0.5));
    setGrad(p, 0f);
    opt.step();
    assertClose(2 - 0.1 * 0.5 * 2, p.value().data()[0], "w1");
  }

  @Test
  void tinySecondMomentIsFlushedToZero() {
    Parameter p = dense("w", 1f);
    Adam opt = new Adam(List.of(p), new Adam.Config(LR, 0.5, 0.5, EPS));
    setGrad(p, 1e-20f); // g² = 1e-40 is subnormal in float
    opt.step();
    assertEquals(0f, opt.state("w").slot(1)[0]);
    assertEquals(5e-21f, opt.state("w").slot(0)[0]);
  }

  /**
   * Runs 12 steps comparing after each with Adam (decay = 0) or AdamW (decay = λ) evaluated in
   * double.
   */
  private static void runAgainstReference(Parameter p, Optimizer opt, double decay) {
    double[] m = new double[W0.length], v = new double[W0.length];
    assertTrajectory(
        p,
        opt,
        12,
        sines(W0.length, 0.5),
        (t, i, g, w) -> {
          m[i] = B1 * m[i] + (1 - B1) * g;
          v[i] = B2 * v[i] + (1 - B2) * g * g;
          double mHat = m[i] / (1 - Math.pow(B1, t)), vHat = v[i] / (1 - Math.pow(B2, t));
          w[i] = w[i] - LR * decay * w[i] - LR * mHat / (Math.sqrt(vHat) + EPS);
        });
  }
}
