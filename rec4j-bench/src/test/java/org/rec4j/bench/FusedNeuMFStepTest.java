package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.data.Interactions;
import org.rec4j.loss.BceWithLogitsLoss;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingListener;

/**
 * The hand-fused NeuMF step trains the same model as the engine: from identical weights and on
 * identical examples, the loss of every batch and every parameter after the steps agree with the
 * engine's NeuMF, BCE loss and Adam (lazy rows with catch-up, as {@code OptimizerKind.ADAM} builds
 * it) to float rounding.
 *
 * <p>Tolerance: a value {@code a} of the fused step matches the engine's {@code b} when {@code |a −
 * b| ≤ 1e-5·|b| + 1e-7}; every batch's loss to {@code 1e-5} relative. The two compute the same
 * arithmetic per coordinate but sum dense products and gradients in different orders (FMA, per-lane
 * partials), so they differ in the last bits of each step; the largest difference after these 14 +
 * 12 Adam steps is about 5% of that bound (≈ 1e-8 absolute, a few 1e-6 relative) with 8 lanes and
 * with 4 ({@code -XX:MaxVectorSize=16}). The bound is not loose: computing σ in float instead of
 * double for the loss gradient (a change of a few ulp per example) already moved one embedding
 * value by 7e-5 relative and failed it. The absolute floor covers values that cross zero.
 */
class FusedNeuMFStepTest {
  private static final double RTOL = 1e-5, ATOL = 1e-7;

  /**
   * Hand-picked batches driven through the engine's forward, loss, backward and optimizer directly:
   * sizes that are not multiples of the chunk (37, 100) or of the vector width, ids repeated within
   * a batch (coalesced rows) and ids that skip steps (lazy catch-up of 1 to many steps).
   */
  @Test
  void batchesMatchTheEngineStepByStep() {
    int users = 60, items = 45;
    NeuralRecommender m =
        (NeuralRecommender) ModelRegistry.create("neumf", ModelOptions.implicit(users, items, 8));
    FusedNeuMFStep fused = new FusedNeuMFStep(users, items, 8, 4 * FusedNeuMFStep.lanes());
    fused.load(m.stateDict());
    Optimizer opt = OptimizerKind.ADAM.create(m.parameters(), 1e-3, 0f);
    m.setTraining(true);
    BceWithLogitsLoss bce = new BceWithLogitsLoss();
    Rng rng = new Rng(7);
    int[] sizes = {256, 37, 5, 100, 1, 13, 3, 31, 9, 2, 40, 7, 20, 11};
    for (int step = 0; step < sizes.length; step++) {
      int n = sizes[step];
      // small batches draw from a few ids only, so most ids skip steps and are caught up later
      int uRange = n < 50 ? 12 : users, iRange = n < 50 ? 9 : items;
      int uBase = n < 50 ? rng.nextInt(users - uRange) : 0;
      int iBase = n < 50 ? rng.nextInt(items - iRange) : 0;
      int[] u = new int[n], it = new int[n];
      float[] y = new float[n];
      for (int s = 0; s < n; s++) {
        u[s] = uBase + rng.nextInt(uRange);
        it[s] = iBase + rng.nextInt(iRange);
        y[s] = rng.nextInt(5) == 0 ? 1f : 0f;
      }
      Tensor out = m.forward(u, it);
      Tensor l = bce.compute(out, Tensor.of(y.clone(), n));
      l.backward();
      float engineLoss = l.item();
      opt.step();
      opt.zeroGrad();
      float fusedLoss = fused.step(u, it, y, 0, n);
      assertEquals(
          engineLoss, fusedLoss, 1e-5 * Math.abs(engineLoss), "loss of step " + (step + 1));
    }
    assertEquals(opt.stepCount(), fused.steps());
    assertSameParameters(m, fused);
  }

  /**
   * Two epochs through the engine's real {@link Trainer} loop (its example building, shuffling,
   * batching and optimizer) against {@link FusedNeuMFStep#train} with the same seed: the examples,
   * every batch loss and the final parameters agree.
   */
  @Test
  void epochsMatchTheTrainer() {
    int users = 120, items = 90;
    Interactions train = AbProbe.randomPositives(users, items, 300);
    NeuralRecommender m =
        (NeuralRecommender) ModelRegistry.create("neumf", ModelOptions.implicit(users, items, 8));
    FusedNeuMFStep fused = new FusedNeuMFStep(users, items, 8, 2 * FusedNeuMFStep.lanes());
    fused.load(m.stateDict());
    TrainerConfig tc =
        new TrainerConfig(
            2, 256, 1e-3, OptimizerKind.ADAM, 0f, Objective.BCE, 4, 42, 1, 1, "ndcg@10", 0, false);
    List<Float> engineLosses = new ArrayList<>();
    m.fit(
        train,
        null,
        tc,
        new TrainingListener() {
          @Override
          public void onBatchEnd(
              Trainer.Context ctx, int epoch, int batch, int batches, float loss) {
            engineLosses.add(loss);
          }
        });
    List<Float> fusedLosses = new ArrayList<>();
    fused.train(
        new FusedNeuMFStep.Epoch(train, 4), 2, 256, 42, (e, b, loss) -> fusedLosses.add(loss));
    assertEquals(2 * ((300 * 5 + 255) / 256), engineLosses.size());
    assertEquals(engineLosses.size(), fusedLosses.size());
    for (int b = 0; b < engineLosses.size(); b++) {
      float e = engineLosses.get(b);
      assertEquals(e, fusedLosses.get(b), 1e-5 * Math.abs(e), "loss of batch " + (b + 1));
    }
    assertSameParameters(m, fused);
  }

  private static void assertSameParameters(NeuralRecommender m, FusedNeuMFStep fused) {
    Map<String, Tensor> engine = m.stateDict();
    Map<String, float[]> mine = fused.parameters();
    assertEquals(engine.keySet(), mine.keySet());
    double worst = 0;
    String where = "";
    for (var e : engine.entrySet()) {
      float[] b = e.getValue().data(), a = mine.get(e.getKey());
      assertEquals(b.length, a.length, e.getKey());
      for (int i = 0; i < b.length; i++) {
        double ratio = Math.abs(a[i] - b[i]) / (RTOL * Math.abs(b[i]) + ATOL);
        if (!(ratio <= worst)) {
          worst = ratio;
          where = e.getKey() + "[" + i + "]: fused " + a[i] + " vs engine " + b[i];
        }
      }
    }
    assertTrue(worst <= 1, "parameters differ beyond tolerance, worst " + where);
    System.out.printf(
        "%d lanes: worst parameter difference %.3g of the tolerance (%s)%n",
        FusedNeuMFStep.lanes(), worst, where);
  }
}
