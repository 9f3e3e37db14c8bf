package org.rec4j.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.artifact.SafeTensors;
import org.rec4j.model.ModelRegistry;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;

/**
 * The contract every registered CTR model meets: it builds from the registry, trains through the
 * one trainer loop on a tiny field dataset whose label depends on a feature interaction, reaches an
 * AUC well above chance, scores batches independently of batch size, and — every model but LR —
 * beats logistic regression on a pure XOR-of-parities label that no single field explains; its
 * parameters survive a SafeTensors state-dict round trip. The multi-task shared-bottom model also
 * learns its second target.
 */
class CtrModelContractTest {
  private static final long SEED = 20261129;
  private static FieldDataset mixedTrain;
  private static FieldDataset mixedTest;
  private static FieldDataset xorTrain;
  private static FieldDataset xorTest;
  private static double lrXorAuc;

  static List<String> models() {
    return CtrTestModels.names();
  }

  static TrainerConfig trainer(int epochs) {
    return new TrainerConfig(
        epochs, 64, 0.01, OptimizerKind.ADAM, 0f, Objective.BCE, 1, SEED, 1, 1, "auc", 0, false);
  }

  @BeforeAll
  static void data() {
    mixedTrain = SyntheticFields.make(3000, false, SEED);
    mixedTest = SyntheticFields.make(1000, false, SEED + 1);
    xorTrain = SyntheticFields.make(3000, true, SEED + 2);
    xorTest = SyntheticFields.make(1000, true, SEED + 3);
    lrXorAuc = fitAndScore("lr", xorTrain, xorTest, 8).get("auc");
  }

  private static Map<String, Double> fitAndScore(
      String name, FieldDataset train, FieldDataset test, int epochs) {
    CtrModel m = CtrTestModels.create(name, train.schema(), new Rng(SEED));
    TrainingHistory h = new Trainer(trainer(epochs)).fit(new CtrSource(m, train), null);
    assertEquals(
        epochs,
        h.epochs().size(),
        name + " stopped early: " + h.stopReason() + " (seed " + SEED + ")");
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
    assertTrue(
        auc > lrXorAuc + 0.15,
        name + " XOR AUC " + auc + " vs LR " + lrXorAuc + " (seed " + SEED + ")");
  }

  @ParameterizedTest
  @MethodSource("models")
  void scoresDoNotDependOnBatchSize(String name) {
    CtrModel m = CtrTestModels.create(name, mixedTrain.schema(), new Rng(SEED));
    new Trainer(trainer(1)).fit(new CtrSource(m, mixedTrain), null);
    float[] big = new CtrEvaluator(1000).predict(m, mixedTest);
    float[] small = new CtrEvaluator(7).predict(m, mixedTest);
    assertArrayEquals(big, small, 1e-5f, name);
    assertEquals(name.replace("-ctr", ""), m.name());
  }

  @ParameterizedTest
  @MethodSource("models")
  void stateDictRoundTripThroughSafeTensors(String name, @TempDir Path dir) throws IOException {
    CtrModel m = CtrTestModels.create(name, mixedTrain.schema(), new Rng(SEED));
    new Trainer(trainer(1)).fit(new CtrSource(m, mixedTrain), null);
    Map<String, Tensor> state = new LinkedHashMap<>();
    m.namedParameters().forEach((k, p) -> state.put(k, p.value()));
    Path file = dir.resolve(name + ".safetensors");
    try (OutputStream out = Files.newOutputStream(file)) {
      SafeTensors.write(out, state, Map.of("model", name));
    }
    CtrModel fresh = CtrTestModels.create(name, mixedTrain.schema(), new Rng(SEED + 99));
    Map<String, Tensor> read = SafeTensors.read(file, new java.util.HashMap<>());
    assertEquals(state.keySet(), fresh.namedParameters().keySet());
    fresh
        .namedParameters()
        .forEach((k, p) ->
            System.arraycopy(read.get(k).data(), 0, p.value().data(), 0, p.value().size()));
    assertArrayEquals(
        new CtrEvaluator(512).predict(m, mixedTest),
        new CtrEvaluator(512).predict(fresh, mixedTest),
        name);
  }

  @Test
  void sharedBottomLearnsBothTasksAndItsWeights() {
    FieldSchema schema = mixedTrain.schema();
    for (SharedBottom.Weighting w : SharedBottom.Weighting.values()) {
      SharedBottom m =
          new SharedBottom(
              schema, new SharedBottom.Config(8, new int[] {32, 16}, 0f, w, 0.5f), new Rng(SEED));
      new Trainer(trainer(6)).fit(new CtrSource(m, mixedTrain), null);
      assertTrue(new CtrEvaluator(256).evaluate(m, mixedTest).get("auc") > 0.8, w + " click AUC");
      FieldBatch b = new FieldBatch(schema, mixedTest.size());
      mixedTest.fill(b, null, 0);
      float[] pred = m.secondary(b).data();
      double se = 0, var = 0, mean = 0;
      for (float y : b.secondary()) mean += y / b.size();
      for (int i = 0; i < b.size(); i++) {
        se += Math.pow(pred[i] - b.secondary()[i], 2);
        var += Math.pow(b.secondary()[i] - mean, 2);
      }
      assertTrue(
          se < 0.5 * var,
          w + ": second task explains less than half its variance, MSE " + se / b.size());
      float[] tw = m.taskWeights();
      if (w == SharedBottom.Weighting.WEIGHTED_SUM) assertArrayEquals(new float[] {1f, 0.5f}, tw);
      else
        assertTrue(
            tw[0] != 1f && tw[1] != 1f,
            "uncertainty weights stayed at 1: " + java.util.Arrays.toString(tw));
    }
  }

  @Test
  void unknownNameSuggestsTheClosest() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ModelRegistry.factory("depfm"));
    assertTrue(e.getMessage().contains("'deepfm'"), e.getMessage());
  }
}
