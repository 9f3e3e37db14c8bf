package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.assertTrajectory;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.grad;
import static org.rec4j.optim.Fixtures.setGrad;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/**
 * FTRL-Proximal: golden trajectory from McMahan et al. (2013) Algorithm 1, and exact zeros from L1.
 */
class FtrlTest {
  private static final double ALPHA = 0.5, BETA = 1, L1 = 0.05, L2 = 0.1;

  @Test
  void stepOneFromZeroState() {
    Parameter p = dense("w", 0.4f);
    Ftrl opt = new Ftrl(List.of(p), new Ftrl.Config(ALPHA, BETA, L1, L2));
    setGrad(p, 0.6f);
    opt.step();
    double g = 0.6f, sigma = Math.abs(g) / ALPHA, z = g - sigma * 0.4f, n = g * g;
    double expected = -(z - Math.signum(z) * L1) / ((BETA + Math.sqrt(n)) / ALPHA + L2);
    assertClose(expected, p.value().data()[0], "w1");
  }

  @Test
  void trajectoryMatchesAlgorithmOne() {
    float[] w0 = {0.4f, -0.3f, 0.2f};
    Parameter p = dense("w", w0);
    Ftrl opt = new Ftrl(List.of(p), new Ftrl.Config(ALPHA, BETA, L1, L2));
    double[] z = new double[3], n = new double[3];
    // gradients biased away from zero so |z| ≫ λ1 and w is not a near-cancellation
    float[] bias = {0.8f, -0.6f, 0.3f};
    IntFunction<float[]> grads =
        t -> new float[] {bias[0] + grad(t, 0, 0.5), bias[1] + grad(t, 1, 0.5), bias[2]};
    assertTrajectory(
        p,
        opt,
        10,
        grads,
        (t, i, g, w) -> {
          double sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / ALPHA;
          z[i] += g - sigma * w[i];
          n[i] += g * g;
          w[i] =
              Math.abs(z[i]) <= L1
                  ? 0
                  : -(z[i] - Math.signum(z[i]) * L1) / ((BETA + Math.sqrt(n[i])) / ALPHA + L2);
        });
  }

  @Test
  void l1GivesExactZerosForSmallGradientsOnly() {
    Parameter p = dense("w", 0f, 0f, 0f, 0f);
    Ftrl opt = new Ftrl(List.of(p), new Ftrl.Config(0.1, 1, 1.0, 0));
    for (int t = 0; t < 20; t++) {
      setGrad(
          p, 0.01f, -0.04f, 0.5f, -0.8f); // |Σg| = 0.2, 0.8 stay under λ1 = 1; 10 and 16 exceed it
      opt.step();
    }
    float[] w = p.value().data();
    assertEquals(0, Float.floatToRawIntBits(w[0]), "small positive gradient gives +0f exactly");
    assertEquals(0, Float.floatToRawIntBits(w[1]), "small negative gradient gives +0f exactly");
    assertNotEquals(0f, w[2]);
    assertNotEquals(0f, w[3]);
    assertEquals(-1f, Math.signum(w[2]));
    assertEquals(1f, Math.signum(w[3]));
  }
}
