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
        ExperimentConfig.builder(spec, model, tc)
            .split(SplitSpec.parse("ratio:0.8"))
            .settingsWhereDeclared(
                java.util.Map.of(
                    "factors", factors, "layers", layers, "dropout", 0.0, "embedding_std", 0.1))
            .protocol(Protocol.RATING)
            .build();
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
        ExperimentConfig.builder(spec, model, tc)
            .split(SplitSpec.parse("loo"))
            .settingsWhereDeclared(
                java.util.Map.of("factors", factors, "layers", layers, "dropout", 0.0))
            .protocol(Protocol.SAMPLED)
            .sampledNegatives(negatives)
            .ks(ks)
            .build();
    return ModelRun.of(model, Experiment.run(c, ds));
  }
}
