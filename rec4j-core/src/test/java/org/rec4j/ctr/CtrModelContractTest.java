package org.rec4j.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.tensor.Rng;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;

/**
 * The contract every registered CTR model meets: it builds from the registry, trains through the one trainer loop
 * on a tiny field dataset whose label depends on a feature interaction, reaches an AUC well above chance, scores
 * batches independently of batch size, and — every model but LR — beats logistic regression on a pure
 * XOR-of-parities label that no single field explains.
 */
class CtrModelContractTest {
  private static final long SEED = 20261129;
  private static FieldDataset mixedTrain;
  private static FieldDataset mixedTest;
  private static FieldDataset xorTrain;
  private static FieldDataset xorTest;
  private static double lrXorAuc;

  static List<String> models() {
    return CtrModels.names();
  }

  static CtrModels.Options small() {
    return new CtrModels.Options(8, new int[] {32, 32}, 0.1f, new int[] {8, 8}, true, 2, 2, 2, 8,
        List.of(List.of("a", "b")), 1024);
  }

  static TrainerConfig trainer(int epochs) {
    return new TrainerConfig(epochs, 64, 0.01, OptimizerKind.ADAM, 0f, Objective.BCE, 1, SEED, 1, 1, "auc", 0, false);
  }

  @BeforeAll
  static void data() {
    mixedTrain = SyntheticFields.make(3000, false, SEED);
    mixedTest = SyntheticFields.make(1000, false, SEED + 1);
    xorTrain = SyntheticFields.make(3000, true, SEED + 2);
    xorTest = SyntheticFields.make(1000, true, SEED + 3);
    lrXorAuc = fitAndScore("lr", xorTrain, xorTest, 8).get("auc");
  }

  private static Map<String, Double> fitAndScore(String name, FieldDataset train, FieldDataset test, int epochs) {
    CtrModel m = CtrModels.create(name, train.schema(), small(), new Rng(SEED));
    TrainingHistory h = new Trainer(trainer(epochs)).fit(new CtrSource(m, train), null);
    assertEquals(epochs, h.epochs().size(), name + " stopped early: " + h.stopReason() + " (seed " + SEED + ")");
    return new CtrEvaluator(256).evaluate(m, test);
  }

  @ParameterizedTest
  @MethodSource("models")
  void learnsAnInteractionLabel(String name) {
    Map<String, Double> m = fitAndScore(name, mixedTrain, mixedTest, 6);
    double floor = name.equals("lr") ? 0.6 : 0.8;
    assertTrue(m.get("auc") > floor, name + " AUC " + m + " (seed " + SEED + ")");
    assertTrue(m.get("logloss") < 0.69, name + " logloss " + m + " (seed " + SEED + ")");
  }

  @ParameterizedTest
  @MethodSource("models")
  void interactionModelsBeatLogisticRegressionOnXor(String name) {
    if (name.equals("lr")) {
      assertTrue(lrXorAuc < 0.6, "LR should not see a pure interaction, AUC " + lrXorAuc);
      return;
    }
    double auc = fitAndScore(name, xorTrain, xorTest, 8).get("auc");
    assertTrue(auc > lrXorAuc + 0.15, name + " XOR AUC " + auc + " vs LR " + lrXorAuc + " (seed " + SEED + ")");
  }

  @ParameterizedTest
  @MethodSource("models")
  void scoresDoNotDependOnBatchSize(String name) {
    CtrModel m = CtrModels.create(name, mixedTrain.schema(), small(), new Rng(SEED));
    new Trainer(trainer(1)).fit(new CtrSource(m, mixedTrain), null);
    float[] big = new CtrEvaluator(1000).predict(m, mixedTest);
    float[] small = new CtrEvaluator(7).predict(m, mixedTest);
    assertArrayEquals(big, small, 1e-5f, name);
    assertEquals(name, m.name());
  }

  @Test
  void unknownNameSuggestsTheClosest() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> CtrModels.create("depfm", mixedTrain.schema(), small(), new Rng(1)));
    assertTrue(e.getMessage().contains("'deepfm'"), e.getMessage());
  }
}
