package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Every optimizer minimizes f(w) = ½‖w − c‖² (gradient w − c), dense and as a sparse table, to near
 * c. The learning rate decays by 0.3% a step: with a constant rate Adam keeps taking occasional
 * lr-sized jumps once its second moment has decayed below the float quantization noise of the
 * residual gradient. FTRL keeps a constant α (see {@link Fixtures#makers()}): its weights are a
 * function of α (w = −α·z / (β + √n)), and its per-coordinate rates decay by themselves.
 */
class ConvergenceTest {
  private static final int DIM = 8;
  private static final long SEED = 42;

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.rec4j.optim.Fixtures#makers")
  void reachesTheMinimum(Fixtures.Maker maker) {
    String name = maker.name();
    Rng rng = new Rng(SEED);
    float[] c = Tensor.uniform(rng, -2, 2, DIM).data();
    Parameter dense = new Parameter("w", Tensor.uniform(rng, -2, 2, DIM));
    Parameter table = new Parameter("t", Tensor.uniform(rng, -2, 2, 2, DIM / 2), true);
    Optimizer opt = maker.make(List.of(dense, table));
    double lr0 = opt.learningRate();
    float[] w = dense.value().data(), t = table.value().data(), row = new float[DIM / 2];
    for (int step = 0; step < 2000; step++) {
      float[] g = dense.value().gradBuffer();
      for (int i = 0; i < DIM; i++) g[i] = w[i] - c[i];
      for (int r = 0; r < 2; r++) {
        for (int j = 0; j < DIM / 2; j++) row[j] = t[r * DIM / 2 + j] - c[r * DIM / 2 + j];
        table.value().sparseGradBuffer().add(r, row, 0, 1f);
      }
      opt.setLearningRate(lr0 * Math.pow(maker.lrDecay(), step));
      opt.step();
      opt.zeroGrad();
    }
    for (int i = 0; i < DIM; i++) {
      assertTrue(
          Math.abs(w[i] - c[i]) < 1e-3,
          name + " (seed " + SEED + ") dense w[" + i + "] = " + w[i] + ", c = " + c[i]);
      assertTrue(
          Math.abs(t[i] - c[i]) < 1e-3,
          name + " (seed " + SEED + ") table t[" + i + "] = " + t[i] + ", c = " + c[i]);
    }
  }
}
