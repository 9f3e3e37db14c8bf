package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Every optimizer minimizes f(w) = ½‖w − c‖² (gradient w − c), dense and as a sparse table, to near c. The learning
 * rate decays by 0.3% a step: with a constant rate Adam keeps taking occasional lr-sized jumps once its second moment
 * has decayed below the float quantization noise of the residual gradient. FTRL keeps a constant α: its weights are
 * a function of α (w = −α·z / (β + √n)), and its per-coordinate rates decay by themselves.
 */
class ConvergenceTest {
  private static final int DIM = 8;
  private static final long SEED = 42;

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd", f(ps -> new Sgd(ps, Sgd.Config.plain(0.1))), 0.997),
        Arguments.of("momentum", f(ps -> new Sgd(ps, new Sgd.Config(0.05, 0.9, false))), 0.997),
        Arguments.of("nesterov", f(ps -> new Sgd(ps, new Sgd.Config(0.05, 0.9, true))), 0.997),
        Arguments.of("adam", f(ps -> new Adam(ps, Adam.Config.defaults(0.05))), 0.997),
        Arguments.of("adamw", f(ps -> new AdamW(ps, new AdamW.Config(0.05, 0.9, 0.999, 1e-8, 0))), 0.997),
        Arguments.of("adagrad", f(ps -> new AdaGrad(ps, AdaGrad.Config.defaults(0.5))), 0.997),
        Arguments.of("rmsprop", f(ps -> new RmsProp(ps, RmsProp.Config.defaults(0.01))), 0.997),
        Arguments.of("ftrl", f(ps -> new Ftrl(ps, new Ftrl.Config(1, 1, 0, 0))), 1.0));
  }

  private static Function<List<Parameter>, Optimizer> f(Function<List<Parameter>, Optimizer> make) {
    return make;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void reachesTheMinimum(String name, Function<List<Parameter>, Optimizer> make, double decay) {
    Rng rng = new Rng(SEED);
    float[] c = Tensor.uniform(rng, -2, 2, DIM).data();
    Parameter dense = new Parameter("w", Tensor.uniform(rng, -2, 2, DIM));
    Parameter table = new Parameter("t", Tensor.uniform(rng, -2, 2, 2, DIM / 2), true);
    Optimizer opt = make.apply(List.of(dense, table));
    double lr0 = opt.learningRate();
    float[] w = dense.value().data(), t = table.value().data(), row = new float[DIM / 2];
    for (int step = 0; step < 2000; step++) {
      float[] g = dense.value().gradBuffer();
      for (int i = 0; i < DIM; i++) g[i] = w[i] - c[i];
      for (int r = 0; r < 2; r++) {
        for (int j = 0; j < DIM / 2; j++) row[j] = t[r * DIM / 2 + j] - c[r * DIM / 2 + j];
        table.value().sparseGradBuffer().add(r, row, 0, 1f);
      }
      opt.setLearningRate(lr0 * Math.pow(decay, step));
      opt.step();
      opt.zeroGrad();
    }
    for (int i = 0; i < DIM; i++) {
      assertTrue(Math.abs(w[i] - c[i]) < 1e-3, name + " (seed " + SEED + ") dense w[" + i + "] = " + w[i] + ", c = " + c[i]);
      assertTrue(Math.abs(t[i] - c[i]) < 1e-3, name + " (seed " + SEED + ") table t[" + i + "] = " + t[i] + ", c = " + c[i]);
    }
  }
}
