package org.rec4j.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.optim.Sgd;
import org.rec4j.optim.schedule.ReduceOnPlateau.Config;
import org.rec4j.optim.schedule.ReduceOnPlateau.Mode;
import org.rec4j.optim.schedule.ReduceOnPlateau.ThresholdMode;

/** Patience, threshold, cooldown and floor of reduce-on-plateau. */
class ReduceOnPlateauTest {
  private static final double TOL = 1e-15;

  @Test
  void cutsOnTheObservationAfterPatienceRunsOut() {
    ReduceOnPlateau r =
        new ReduceOnPlateau(new Config(Mode.MIN, 0.5, 2, 0, ThresholdMode.ABS, 0, 0), 1.0);
    assertEquals(1.0, r.observe(10), TOL); // first value is an improvement over +∞
    assertEquals(1.0, r.observe(10), TOL); // bad 1
    assertEquals(1.0, r.observe(11), TOL); // bad 2 = patience: not yet
    assertEquals(0.5, r.observe(10), TOL); // bad 3 > patience: cut
    assertEquals(0, r.badCount());
    assertEquals(0.5, r.observe(9), TOL); // improvement resets the count
    assertEquals(0.5, r.observe(9), TOL);
    assertEquals(0.5, r.observe(9), TOL);
    assertEquals(0.25, r.observe(9), TOL);
    assertEquals(9, r.best(), TOL);
  }

  @Test
  void relativeThresholdIgnoresTinyImprovements() {
    ReduceOnPlateau r =
        new ReduceOnPlateau(new Config(Mode.MIN, 0.1, 0, 0.01, ThresholdMode.REL, 0, 0), 1.0);
    r.observe(100);
    assertEquals(0.1, r.observe(99.5), 1e-12); // 99.5 ≥ 100·0.99: not significant, patience 0 → cut
    assertEquals(100, r.best(), TOL);
    assertEquals(0.1, r.observe(98.9), 1e-12); // 98.9 < 99: improvement
    assertEquals(98.9, r.best(), TOL);
  }

  @Test
  void maxModeCooldownAndFloor() {
    ReduceOnPlateau r =
        new ReduceOnPlateau(new Config(Mode.MAX, 0.1, 0, 0, ThresholdMode.ABS, 2, 0.005), 1.0);
    r.observe(0.30);
    assertEquals(0.1, r.observe(0.30), 1e-12); // not better → cut, cooldown 2
    assertEquals(0.1, r.observe(0.20), 1e-12); // cooldown
    assertEquals(0.1, r.observe(0.20), 1e-12); // cooldown
    assertEquals(0.01, r.observe(0.20), 1e-12);
    r.observe(0.1);
    r.observe(0.1);
    assertEquals(0.005, r.observe(0.1), 1e-12); // floored at minLr
    assertEquals(0.005, r.observe(0.31), TOL); // an improvement never raises the rate
    assertEquals(0.31, r.best(), TOL);
  }

  @Test
  void nanCountsAsNoImprovementAndOptimizerIsUpdated() {
    Sgd opt = new Sgd(List.of(), Sgd.Config.plain(0.2));
    ReduceOnPlateau r =
        new ReduceOnPlateau(new Config(Mode.MIN, 0.5, 0, 0, ThresholdMode.ABS, 0, 0), 0.2);
    r.observe(opt, 1.0);
    assertEquals(0.1, r.observe(opt, Double.NaN), TOL);
    assertEquals(0.1, opt.learningRate(), TOL);
  }

  @Test
  void restoredDetectorContinuesIdentically() {
    Config config = new Config(Mode.MIN, 0.5, 1, 0, ThresholdMode.ABS, 1, 0);
    ReduceOnPlateau a = new ReduceOnPlateau(config, 1.0);
    double[] metrics = {5, 4, 4, 4, 3, 3, 3, 3, 3};
    for (int i = 0; i < 3; i++) a.observe(metrics[i]);
    ReduceOnPlateau b = new ReduceOnPlateau(config, 1.0);
    b.restore(a.state());
    for (int i = 3; i < metrics.length; i++)
      assertEquals(a.observe(metrics[i]), b.observe(metrics[i]), TOL, "i=" + i);
    assertEquals(a.state(), b.state());
  }

  @Test
  void configNamesTheBadKey() {
    assertEquals(
        "factor must be in (0, 1), got 1.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Config(Mode.MIN, 1.0, 1, 0, ThresholdMode.REL, 0, 0))
            .getMessage());
    assertEquals(
        "patience must be >= 0, got -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Config(Mode.MIN, 0.5, -1, 0, ThresholdMode.REL, 0, 0))
            .getMessage());
  }
}
