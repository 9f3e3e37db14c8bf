package org.rec4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.NeuMF;
import org.rec4j.optim.schedule.LrSchedule;

/**
 * Learning-rate schedule specs: the factor at known steps, bad specs, and the trainer applying them
 * per step.
 */
class ScheduleSpecTest {
  @Test
  void cosineAnnealsOverTheWholeRunInSteps() {
    LrSchedule f = ScheduleSpec.parse("cosine").factor(10, 2); // 20 steps
    assertEquals(1.0, f.lr(0), 1e-12);
    assertEquals(0.5, f.lr(10), 1e-12);
    assertEquals(0.5 * (1 + Math.cos(Math.PI * 19 / 20)), f.lr(19), 1e-12);
    LrSchedule floor = ScheduleSpec.parse("Cosine:0.1").factor(10, 2);
    assertEquals(0.1 + 0.9 * 0.5, floor.lr(10), 1e-12);
  }

  @Test
  void stepAndExponentialCountEpochs() {
    LrSchedule step = ScheduleSpec.parse("step:1,0.5").factor(10, 3);
    assertEquals(1.0, step.lr(9), 0);
    assertEquals(0.5, step.lr(10), 0);
    assertEquals(0.25, step.lr(25), 0);
    LrSchedule halfEpoch = ScheduleSpec.parse("step:0.5,0.1").factor(10, 3);
    assertEquals(0.1, halfEpoch.lr(5), 1e-15);
    LrSchedule exp = ScheduleSpec.parse("exp:0.5").factor(10, 3);
    assertEquals(Math.sqrt(0.5), exp.lr(5), 1e-12);
    assertEquals(0.25, exp.lr(20), 1e-12);
  }

  @Test
  void warmupRampsThenHandsTheRestOfTheRunOver() {
    LrSchedule f =
        ScheduleSpec.parse("warmup:0.5+cosine")
            .factor(10, 3); // 5 warm-up steps, then cosine over 25
    double s = 1.0 / 6;
    assertEquals(s, f.lr(0), 1e-12);
    assertEquals(s + (1 - s) * 4 / 5, f.lr(4), 1e-12);
    assertTrue(f.lr(0) < f.lr(1) && f.lr(1) < f.lr(4) && f.lr(4) < 1);
    assertEquals(1.0, f.lr(5), 1e-12);
    assertEquals(0.5 * (1 + Math.cos(Math.PI * 12 / 25)), f.lr(17), 1e-12);
  }

  @Test
  void constantIsTheDefault() {
    assertTrue(ScheduleSpec.parse(null).isConstant());
    assertTrue(TrainerConfig.implicitDefaults().schedule().isConstant());
    assertEquals(1.0, ScheduleSpec.CONSTANT.factor(7, 3).lr(20), 0);
  }

  @Test
  void badSpecsNameTheScheduleAndWhatWasExpected() {
    for (String bad :
        List.of(
            "linear",
            "cosine:2",
            "cosine:0.1,3",
            "step:1",
            "step:0,0.5",
            "step:1,1.5",
            "exp:0",
            "exp:x",
            "warmup:1",
            "warmup:0+cosine",
            "warmup:1+bogus",
            "constant:3",
            " ")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("schedule"), e.getMessage());
      assertTrue(
          e.getMessage().contains("expected") || e.getMessage().contains("must"), e.getMessage());
    }
  }

  @Test
  void trainerAppliesTheFactorAtEveryStepAndKeepsConstantRunsUnchanged() {
    TrainerConfig base =
        new TrainerConfig(
            2, 64, 0.05, OptimizerKind.ADAM, 0f, Objective.BCE, 2, 11, 1, 1, "ndcg@10", 0, false);
    NeuMF constant = new NeuMF(ModelOptions.implicit(30, 20, 4));
    TrainingHistory hc = constant.fit(TrainerTest.data(), null, base);
    assertEquals(0.05, hc.last().learningRate(), 1e-12);

    NeuMF annealed = new NeuMF(ModelOptions.implicit(30, 20, 4));
    TrainingHistory ha =
        annealed.fit(TrainerTest.data(), null, base.withSchedule(ScheduleSpec.parse("cosine")));
    int n = TrainerTest.data().size() * 3; // positives and 2 negatives each
    int steps = (n + 63) / 64;
    double last = 0.05 * 0.5 * (1 + Math.cos(Math.PI * (2 * steps - 1) / (2 * steps)));
    assertEquals(last, ha.last().learningRate(), 1e-12, "rate of the run's final step");
    double endOfFirst = 0.05 * 0.5 * (1 + Math.cos(Math.PI * (steps - 1) / (2 * steps)));
    assertEquals(endOfFirst, ha.epochs().get(0).learningRate(), 1e-12);
    assertTrue(
        ha.last().trainLoss() != hc.last().trainLoss(),
        "a different rate trains a different model");
  }

  @Test
  void theEpochLogShowsTheRateOnlyOnceAScheduleMovedIt() {
    TrainerConfig base =
        new TrainerConfig(
            2, 64, 0.05, OptimizerKind.ADAM, 0f, Objective.BCE, 2, 11, 1, 1, "ndcg@10", 0, false);
    for (String spec : List.of("constant", "cosine")) {
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      LogListener log =
          new LogListener(
              new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8), "");
      new NeuMF(ModelOptions.implicit(30, 20, 4))
          .fit(TrainerTest.data(), null, base.withSchedule(ScheduleSpec.parse(spec)), log);
      List<String> lines = buf.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      assertEquals(2, lines.size(), lines.toString());
      for (String l : lines) assertEquals(spec.equals("cosine"), l.contains(" lr "), l);
    }
  }
}
