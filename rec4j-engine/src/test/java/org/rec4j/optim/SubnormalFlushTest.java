package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/**
 * Decaying state is flushed to zero once below 1e-30, before it can reach the subnormal range: with
 * decay ½ and one unit gradient followed by zeros, the state after step k is 2^−(k−1)·c, which
 * crosses 1e-30 (≈ 2^−99.66) at step 101 while still a normal float.
 */
class SubnormalFlushTest {
  @Test
  void momentumBufferIsFlushed() {
    Parameter p = dense("w", 1f);
    Sgd opt = new Sgd(List.of(p), new Sgd.Config(0.01, 0.5, false));
    float[] b = runDecay(p, opt, 100);
    assertEquals(0x1p-99f, b[0]); // step 100: 2^−99 ≈ 1.6e-30 kept
    opt.step();
    assertEquals(0f, b[0]); // step 101: 2^−100 ≈ 7.9e-31 flushed
  }

  @Test
  void rmsPropSquareAverageIsFlushed() {
    Parameter p = dense("w", 1f);
    RmsProp opt = new RmsProp(List.of(p), new RmsProp.Config(0.01, 0.5, 1e-8));
    float[] v = runDecay(p, opt, 99);
    assertEquals(0x1p-99f, v[0]); // v₁ = ½, v₉₉ = 2^−99
    opt.step();
    assertEquals(0f, v[0]);
  }

  @Test
  void adamMomentsAreFlushed() {
    Parameter p = dense("w", 1f);
    Adam opt = new Adam(List.of(p), new Adam.Config(0.01, 0.5, 0.5, 1e-8));
    runDecay(p, opt, 101);
    assertEquals(0f, opt.state("w").slot(0)[0]);
    assertEquals(0f, opt.state("w").slot(1)[0]);
  }

  /**
   * One unit gradient then zero gradients, {@code steps} steps in all; returns the first state
   * slot.
   */
  private static float[] runDecay(Parameter p, Optimizer opt, int steps) {
    setGrad(p, 1f);
    opt.step();
    setGrad(p, 0f);
    for (int t = 2; t <= steps; t++) opt.step();
    return opt.state(p.name()).slot(0);
  }
}
