package org.rec4j.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.optim.Sgd;

/** Each schedule's rate at known times against its closed-form formula. */
class LrScheduleTest {
  private static final double TOL = 1e-12;

  @Test
  void stepDecayDropsEveryStepSize() {
    StepDecay s = new StepDecay(new StepDecay.Config(0.1, 3, 0.5));
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
    for (int t = 0; t < expected.length; t++) assertEquals(expected[t], s.lr(t), TOL, "t=" + t);
    assertEquals(0.1 * Math.pow(0.5, 33), s.lr(100), TOL);
  }

  @Test
  void exponentialDecay() {
    ExponentialDecay s = new ExponentialDecay(new ExponentialDecay.Config(0.2, 0.9));
    for (int t : new int[] {0, 1, 2, 7, 50})
      assertEquals(0.2 * Math.pow(0.9, t), s.lr(t), TOL, "t=" + t);
  }

  @Test
  void cosineAnnealingSingleCycleThenFloor() {
    CosineAnnealing s = new CosineAnnealing(CosineAnnealing.Config.annealing(0.1, 0.001, 10));
    assertEquals(0.1, s.lr(0), TOL);
    assertEquals(0.001 + 0.5 * 0.099 * (1 + Math.cos(Math.PI * 3 / 10)), s.lr(3), TOL);
    assertEquals((0.1 + 0.001) / 2, s.lr(5), TOL);
    assertEquals(0.001, s.lr(10), TOL);
    assertEquals(0.001, s.lr(25), TOL);
  }

  @Test
  void sgdrRestartsWithGrowingCycles() {
    CosineAnnealing s = new CosineAnnealing(CosineAnnealing.Config.warmRestarts(0.1, 0.0, 10, 2));
    // cycles [0,10), [10,30), [30,70), [70,150)
    for (long restart : new long[] {0, 10, 30, 70})
      assertEquals(0.1, s.lr(restart), TOL, "restart at " + restart);
    assertEquals(0.05 * (1 + Math.cos(Math.PI * 9 / 10)), s.lr(9), TOL);
    assertEquals(0.05 * (1 + Math.cos(Math.PI * 5 / 20)), s.lr(15), TOL);
    assertEquals(0.05 * (1 + Math.cos(Math.PI * 39 / 40)), s.lr(69), TOL);
    assertEquals(0.05 * (1 + Math.cos(Math.PI * 20 / 80)), s.lr(90), TOL);
  }

  @Test
  void sgdrWithFixedCycleLength() {
    CosineAnnealing s = new CosineAnnealing(CosineAnnealing.Config.warmRestarts(1.0, 0.2, 4, 1));
    for (int t = 0; t < 12; t++) {
      assertEquals(0.2 + 0.4 * (1 + Math.cos(Math.PI * (t % 4) / 4)), s.lr(t), TOL, "t=" + t);
    }
  }

  @Test
  void linearWarmupThenShiftedInnerSchedule() {
    ExponentialDecay inner = new ExponentialDecay(new ExponentialDecay.Config(0.4, 0.5));
    LinearWarmup s = new LinearWarmup(new LinearWarmup.Config(4, 0.25), inner);
    assertEquals(0.4 * 0.25, s.lr(0), TOL);
    assertEquals(0.4 * (0.25 + 0.75 * 1 / 4), s.lr(1), TOL);
    assertEquals(0.4 * (0.25 + 0.75 * 3 / 4), s.lr(3), TOL);
    assertEquals(0.4, s.lr(4), TOL);
    assertEquals(0.4 * 0.5 * 0.5, s.lr(6), TOL);
    assertEquals(inner.lr(9), new LinearWarmup(new LinearWarmup.Config(0, 0), inner).lr(9), TOL);
  }

  @Test
  void applySetsTheOptimizerRate() {
    Sgd opt = new Sgd(List.of(), Sgd.Config.plain(1));
    new StepDecay(new StepDecay.Config(0.1, 2, 0.1)).apply(opt, 4);
    assertEquals(0.001, opt.learningRate(), TOL);
  }

  @Test
  void configsAndTimesAreValidated() {
    assertEquals(
        "gamma must be in (0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new StepDecay.Config(0.1, 1, 1.5))
            .getMessage());
    assertEquals(
        "tMult must be >= 1, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> CosineAnnealing.Config.warmRestarts(0.1, 0, 10, 0))
            .getMessage());
    assertEquals(
        "baseLr must be finite and >= etaMin (0.5), got 0.1",
        assertThrows(
                IllegalArgumentException.class,
                () -> CosineAnnealing.Config.annealing(0.1, 0.5, 10))
            .getMessage());
    assertEquals(
        "startFactor must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup.Config(5, 1.0))
            .getMessage());
    ExponentialDecay decay = new ExponentialDecay(new ExponentialDecay.Config(1, 0.5));
    assertEquals(
        "schedule time t must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> decay.lr(-1)).getMessage());
  }
}
