package org.rec4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.data.SharedData;
import org.rec4j.data.io.DataSpec;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * Short real-data runs that guard the benchmark setups against regressions (skipped when
 * ../shared/data is absent). Thresholds are far below the benchmark results, so they check that
 * learning happens under the exact protocols, not the final quality.
 */
class ModelsRealDataIT {

  @Test
  void neumfOnTheNcfFilesLearnsInOneEpoch() {
    String dir = SharedData.require("ml-1m").resolve("ncf").toString();
    TrainerConfig tc =
        new TrainerConfig(
            1, 256, 1e-3, OptimizerKind.ADAM, 0f, Objective.BCE, 4, 42, 2, 1, "ndcg@10", 0, false);
    ExperimentConfig c =
        ExperimentConfig.builder(DataSpec.parse("ncf:" + dir), "neumf", tc)
            .set("factors", 8)
            .set("layers", new int[] {64, 32, 16, 8})
            .protocol(Protocol.SAMPLED)
            .build();
    ExperimentResult r = Experiment.run(c);
    assertEquals(
        6040, r.usersEvaluated(), "one case per user, ranked among the provided negatives");
    assertTrue(r.metrics().get("hr@10") > 0.5, "HR@10 after one epoch " + r.metrics());
  }

  @Test
  void mfOnMovieLens100kFoldBeatsTheGlobalMean() {
    String dir = SharedData.require("ml-100k").toString();
    TrainerConfig tc =
        new TrainerConfig(
            10, 64, 1e-3, OptimizerKind.ADAM, 0f, Objective.MSE, 0, 42, 1, 1, "rmse", 0, false);
    ExperimentConfig c =
        ExperimentConfig.builder(DataSpec.parse("ml-100k:" + dir), "mf", tc)
            .split("u1")
            .set("factors", 16)
            .protocol(Protocol.RATING)
            .build();
    ExperimentResult r = Experiment.run(c);
    assertEquals(459, r.usersEvaluated(), "the users of u1.test, not its 20,000 ratings");
    assertTrue(
        r.metrics().get("rmse") < 1.0, "u1 RMSE " + r.metrics() + " (global mean predicts ≈ 1.15)");
  }
}
