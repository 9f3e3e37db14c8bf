package org.rec4j.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.data.SharedData;

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
    CtrConfig config = CtrConfig.of("ml-100k", SharedData.require("ml-100k"), "lr", 2);
    Map<String, Double> lr = CtrExperiment.run(config, task).test();
    CtrResult deep = CtrExperiment.runAll(config, task, List.of("deepfm")).get(0);
    assertTrue(
        deep.test().get("auc") > lr.get("auc") + 0.01, "DeepFM " + deep.test() + " vs LR " + lr);
    assertTrue(deep.toJson().contains("\"model\":\"deepfm\""), deep.toJson());
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
