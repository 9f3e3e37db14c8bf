package org.rec4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.NeuMF;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Tensor;

/**
 * The training loop: determinism, data-parallel equivalence, early stopping with restore,
 * divergence guard.
 */
class TrainerTest {
  static Interactions data() {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(30), IdIndex.range(20));
    for (int u = 0; u < 30; u++)
      for (int i = 0; i < 20; i++) if ((u * 7 + i * 3) % 5 < 2) b.add(u, i, 1f);
    return b.build();
  }

  static float[][] params(NeuMF m) {
    List<Parameter> ps = m.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) out[i] = ps.get(i).value().data().clone();
    return out;
  }

  static TrainerConfig cfg(int threads, OptimizerKind opt) {
    return new TrainerConfig(
        2, 64, 0.05, opt, 0f, Objective.BCE, 2, 11, threads, 1, "ndcg@10", 0, false);
  }

  @Test
  void sameSeedAndThreadsGiveIdenticalModels() {
    for (int threads : new int[] {1, 2}) {
      NeuMF a = new NeuMF(ModelOptions.implicit(30, 20, 4));
      NeuMF b = new NeuMF(ModelOptions.implicit(30, 20, 4));
      a.fit(data(), null, cfg(threads, OptimizerKind.ADAM));
      b.fit(data(), null, cfg(threads, OptimizerKind.ADAM));
      float[][] pa = params(a), pb = params(b);
      for (int i = 0; i < pa.length; i++)
        assertArrayEquals(pa[i], pb[i], 0f, "threads " + threads + " param " + i);
    }
  }

  @Test
  void twoWorkersComputeTheSameGradientAsOne() {
    NeuMF one = new NeuMF(ModelOptions.implicit(30, 20, 4));
    NeuMF two = new NeuMF(ModelOptions.implicit(30, 20, 4));
    TrainerConfig c1 = cfg(1, OptimizerKind.SGD).withEpochs(1),
        c2 = cfg(2, OptimizerKind.SGD).withEpochs(1);
    TrainingHistory h1 = one.fit(data(), null, c1);
    TrainingHistory h2 = two.fit(data(), null, c2);
    float[][] p1 = params(one), p2 = params(two);
    for (int i = 0; i < p1.length; i++) assertArrayEquals(p1[i], p2[i], 2e-5f, "param " + i);
    assertEquals(h1.last().trainLoss(), h2.last().trainLoss(), 1e-4);
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() {
    NeuMF m = new NeuMF(ModelOptions.implicit(30, 20, 4));
    List<float[][]> snapshots = new ArrayList<>();
    double[] script = {0.5, 0.7, 0.6, 0.55, 0.4, 0.3};
    int[] call = {0};
    Validator v =
        () -> {
          snapshots.add(params(m));
          return Map.of("ndcg@10", script[call[0]++]);
        };
    TrainerConfig c = cfg(1, OptimizerKind.ADAM).withEpochs(6).withEarlyStopping("ndcg@10", 2);
    TrainingHistory h = m.fit(data(), v, c);
    assertEquals(4, h.epochs().size(), "stops after 2 epochs without improvement on epoch 2's 0.7");
    assertEquals(2, h.bestEpoch());
    assertNotNull(h.stopReason());
    float[][] now = params(m), best = snapshots.get(1);
    for (int i = 0; i < now.length; i++) assertArrayEquals(best[i], now[i], 0f);
  }

  @Test
  void divergenceGuardFailsTheRunOnANaNLoss() {
    NeuMF real = new NeuMF(ModelOptions.implicit(30, 20, 4));
    Trainable nan = scaled(real, Float.NaN);
    List<String> logged = new ArrayList<>();
    TrainingListener log =
        new TrainingListener() {
          @Override
          public void onEnd(Trainer.Context ctx, TrainingHistory h) {
            logged.add(h.stopReason());
          }
        };
    DivergenceException e =
        assertThrows(
            DivergenceException.class,
            () -> new Trainer(cfg(1, OptimizerKind.ADAM)).listen(log).fit(nan, data(), null));
    assertEquals(List.of(e.getMessage()), logged, "listeners see the same, first, reason");
    assertTrue(
        e.getMessage().startsWith("training diverged at epoch 1, batch 1/")
            && e.getMessage().contains("the loss is NaN")
            && e.getMessage().contains("lower the learning rate"),
        e.getMessage());
  }

  @Test
  void divergenceGuardCatchesALossThatExplodesWhileStillFinite() {
    NeuMF real = new NeuMF(ModelOptions.implicit(30, 20, 4));
    float[] factor = {1f};
    Trainable growing = new Trainable() { // a loss that grows 1000x per batch: finite but exploding
          @Override
          public Tensor forward(int[] users, int[] items) {
            factor[0] *= 1000f;
            return MathOps.mul(real.forward(users, items), Tensor.scalar(factor[0]));
          }

          @Override
          public List<Parameter> parameters() {
            return real.parameters();
          }

          @Override
          public void setTraining(boolean on) {
            real.setTraining(on);
          }
        };
    DivergenceException e =
        assertThrows(
            DivergenceException.class,
            () -> new Trainer(cfg(1, OptimizerKind.SGD)).fit(growing, data(), null));
    assertTrue(e.getMessage().contains("the loss exploded to"), e.getMessage());
  }

  @Test
  void aHugeLearningRateOnRatingsFailsInsteadOfReturningExplodedWeights() {
    // one batch, one epoch: no later loss sees the blown-up weights, only the weight scan does,
    // before validation
    InteractionsBuilder b = Interactions.builder(IdIndex.range(10), IdIndex.range(8));
    for (int u = 0; u < 10; u++) b.add(u, u % 8, 1 + u % 5);
    org.rec4j.model.NeuralRecommender mf =
        (org.rec4j.model.NeuralRecommender)
            org.rec4j.model.ModelRegistry.create(
                "mf", org.rec4j.model.ModelOptions.ratingSeed(10, 8));
    TrainerConfig c =
        TrainerConfig.ratingDefaults().withEpochs(1).withOptimizer(OptimizerKind.ADAM, 1e30);
    Validator never =
        () -> {
          throw new AssertionError("validation scored the exploded weights");
        };
    DivergenceException e =
        assertThrows(DivergenceException.class, () -> mf.fit(b.build(), never, c));
    assertTrue(
        e.getMessage().startsWith("training diverged by the end of epoch 1: parameter '")
            && e.getMessage().contains("--lr, now 1.0E30"),
        e.getMessage());
  }

  private static Trainable scaled(NeuMF real, float by) {
    return new Trainable() {
      @Override
      public Tensor forward(int[] users, int[] items) {
        return MathOps.mul(real.forward(users, items), Tensor.scalar(by));
      }

      @Override
      public List<Parameter> parameters() {
        return real.parameters();
      }

      @Override
      public void setTraining(boolean on) {
        real.setTraining(on);
      }
    };
  }
}
