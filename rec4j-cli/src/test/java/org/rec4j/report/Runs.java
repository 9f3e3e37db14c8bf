package org.rec4j.report;

import org.rec4j.data.Dataset;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.experiment.Protocol;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/** Trains small models on synthetic data for the report tests and the sample report. */
final class Runs {
  private Runs() {}

  /**
   * A rating run of {@code model} on {@code data} (a synthetic ratings spec) with a ratio:0.8
   * split.
   */
  static ModelRun rating(
      String model, String data, int epochs, int factors, int[] layers, double lr, long seed) {
    DataSpec spec = DataSpec.parse(data);
    Dataset ds = spec.load();
    TrainerConfig tc =
        new TrainerConfig(
            epochs, 64, lr, OptimizerKind.ADAM, 0f, Objective.MSE, 0, seed, 1, 1, "rmse", 0, false);
    ExperimentConfig c =
        new ExperimentConfig(
            spec,
            SplitSpec.parse("ratio:0.8"),
            model,
            factors,
            layers,
            0f,
            false,
            tc,
            Protocol.RATING,
            99,
            new int[] {10},
            false,
            false,
            0,
            0,
            0.1f);
    ExperimentResult r = Experiment.run(c, ds);
    return ModelRun.of(model, r);
  }

  /**
   * A ranking run of {@code model} on {@code data} (synthetic implicit) with leave-one-out and
   * sampled candidates.
   */
  static ModelRun ranking(
      String model,
      String data,
      int epochs,
      int factors,
      int[] layers,
      int negatives,
      int[] ks,
      double lr,
      long seed) {
    DataSpec spec = DataSpec.parse(data);
    Dataset ds = spec.load();
    TrainerConfig tc =
        new TrainerConfig(
            epochs,
            256,
            lr,
            OptimizerKind.ADAM,
            0f,
            Objective.BCE,
            4,
            seed,
            1,
            1,
            "ndcg@10",
            0,
            false);
    ExperimentConfig c =
        new ExperimentConfig(
            spec,
            SplitSpec.parse("loo"),
            model,
            factors,
            layers,
            0f,
            false,
            tc,
            Protocol.SAMPLED,
            negatives,
            ks,
            false,
            false,
            0,
            0,
            0.01f);
    return ModelRun.of(model, Experiment.run(c, ds));
  }
}
