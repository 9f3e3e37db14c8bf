package org.rec4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** The training loop: determinism, data-parallel equivalence, early stopping with restore, divergence guard. */
class TrainerTest {
  static Interactions data() {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(30), IdIndex.range(20));
    for (int u = 0; u < 30; u++) for (int i = 0; i < 20; i++) if ((u * 7 + i * 3) % 5 < 2) b.add(u, i, 1f);
    return b.build();
  }

  static float[][] params(NeuMF m) {
    List<Parameter> ps = m.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) out[i] = ps.get(i).value().data().clone();
    return out;
  }

  static TrainerConfig cfg(int threads, OptimizerKind opt) {
    return new TrainerConfig(2, 64, 0.05, opt, 0f, Objective.BCE, 2, 11, threads, 1, "ndcg@10", 0, false);
  }

  @Test
  void sameSeedAndThreadsGiveIdenticalModels() {
    for (int threads : new int[] {1, 2}) {
      NeuMF a = new NeuMF(ModelOptions.implicit(30, 20, 4));
      NeuMF b = new NeuMF(ModelOptions.implicit(30, 20, 4));
      a.fit(data(), null, cfg(threads, OptimizerKind.ADAM));
      b.fit(data(), null, cfg(threads, OptimizerKind.ADAM));
      float[][] pa = params(a), pb = params(b);
      for (int i = 0; i < pa.length; i++) assertArrayEquals(pa[i], pb[i], 0f, "threads " + threads + " param " + i);
    }
  }

  @Test
  void twoWorkersComputeTheSameGradientAsOne() {
    NeuMF one = new NeuMF(ModelOptions.implicit(30, 20, 4));
    NeuMF two = new NeuMF(ModelOptions.implicit(30, 20, 4));
    TrainerConfig c1 = cfg(1, OptimizerKind.SGD).withEpochs(1), c2 = cfg(2, OptimizerKind.SGD).withEpochs(1);
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
    Validator v = () -> {
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
  void divergenceGuardStopsOnNaN() {
    NeuMF real = new NeuMF(ModelOptions.implicit(30, 20, 4));
    Trainable nan = new Trainable() {
      @Override
      public Tensor forward(int[] users, int[] items) {
        Tensor s = real.forward(users, items);
        return MathOps.mul(s, Tensor.scalar(Float.NaN));
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
    TrainingHistory h = new Trainer(cfg(1, OptimizerKind.ADAM)).fit(nan, data(), null);
    assertTrue(h.stopReason() != null && h.stopReason().startsWith("diverged"), h.stopReason());
    assertEquals(1, h.epochs().size());
  }
}
