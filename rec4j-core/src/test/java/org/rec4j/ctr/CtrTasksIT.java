package org.rec4j.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.data.SharedData;
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.experiment.Protocol;
import org.rec4j.train.TrainerConfig;

/**
 * The CTR tasks built from the shared data: field layout, split sizes, label rates, and a short
 * DeepFM run on ML-100K that must beat logistic regression. Slow (real data), so run by failsafe.
 */
class CtrTasksIT {

  @Test
  void movieLens100kFieldsSplitAndAShortRun() {
    CtrTask task = CtrTasks.load("ml-100k", SharedData.require("ml-100k"), 2026);
    List<String> names = task.schema().fields().stream().map(Field::name).toList();
    assertEquals(
        List.of("user_id", "item_id", "gender", "age", "occupation", "zip", "genres", "year"),
        names);
    assertEquals(Field.Kind.MULTI_HOT, task.schema().field(task.schema().indexOf("genres")).kind());
    assertEquals(
        CtrTasks.AGE_BOUNDARIES.length + 2,
        task.schema().field(task.schema().indexOf("age")).size());
    assertEquals(
        List.of(80_000, 10_000, 10_000),
        List.of(task.train().size(), task.valid().size(), task.test().size()));
    assertEquals(0.55, task.train().positiveRate(), 0.02);
    org.rec4j.data.io.DataSpec spec =
        org.rec4j.data.io.DataSpec.parse("ml-100k:" + SharedData.require("ml-100k"));
    org.rec4j.data.Dataset ds = spec.load();
    TrainerConfig tc = TrainerConfig.ctrDefaults().toBuilder().epochs(2).build();
    Map<String, Double> lr = ctr(spec, ds, "lr", tc).metrics();
    ExperimentResult deep = ctr(spec, ds, "deepfm", tc);
    assertTrue(
        deep.metrics().get("auc") > lr.get("auc") + 0.01,
        "DeepFM " + deep.metrics() + " vs LR " + lr);
    assertEquals("deepfm", deep.model().name());
    assertEquals(
        task.train().size(), deep.train().size(), "the training pairs of the task's split");
  }

  private static ExperimentResult ctr(
      org.rec4j.data.io.DataSpec spec, org.rec4j.data.Dataset ds, String model, TrainerConfig tc) {
    return Experiment.run(
        ExperimentConfig.builder(spec, model, tc).protocol(Protocol.CTR).build(), ds);
  }

  @Test
  void frappeUsesValidationForTrainingAndTestForTest() {
    CtrTask task = CtrTasks.load("frappe", SharedData.require("frappe"), 2026);
    assertEquals(10, task.schema().size());
    assertEquals(57_722, task.train().size() + task.valid().size());
    assertEquals(28_860, task.test().size());
    assertEquals(1.0 / 3, task.test().positiveRate(), 0.01);
    assertTrue(task.notes().get(0).contains("validation"), task.notes().toString());
  }
}
