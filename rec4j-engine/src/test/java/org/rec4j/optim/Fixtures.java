package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.IntFunction;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * Parameters with known values and gradients, and a relative float-vs-double comparison, for
 * optimizer tests.
 */
final class Fixtures {
  /** Relative tolerance between a float result and its double-precision formula. */
  static final double REL = 1e-6;

  private Fixtures() {}

  /** A dense 1-D parameter holding {@code values}. */
  static Parameter dense(String name, float... values) {
    return new Parameter(name, Tensor.of(values, values.length));
  }

  /**
   * A sparse {@code rows × cols} table filled with {@code 0.5 + 0.1·(index)} so every value is
   * distinct and away from 0.
   */
  static Parameter table(String name, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = 0.5f + 0.1f * i;
    return new Parameter(name, Tensor.of(v, rows, cols), true);
  }

  /** Overwrites the dense gradient of {@code p} with {@code g}. */
  static void setGrad(Parameter p, float... g) {
    System.arraycopy(g, 0, p.value().gradBuffer(), 0, g.length);
  }

  /** Appends a row gradient to the sparse table {@code p}. */
  static void addRow(Parameter p, int row, float... g) {
    p.value().sparseGradBuffer().add(row, g, 0, 1f);
  }

  /**
   * A deterministic, varied gradient value for coordinate {@code i} at step {@code t} (|g| ≤
   * scale).
   */
  static float grad(int t, int i, double scale) {
    return (float) (scale * Math.sin(1.0 + 1.3 * i + 0.7 * t));
  }

  /**
   * Asserts {@code |actual − expected| ≤ REL·|expected|} coordinate-wise, naming the first failing
   * index.
   */
  static void assertClose(double[] expected, float[] actual, String what) {
    for (int i = 0; i < expected.length; i++)
      assertClose(expected[i], actual[i], what + "[" + i + "]");
  }

  /**
   * Asserts {@code |actual − expected| ≤ REL·|expected|} (with a 1e-12 floor for expected zeros).
   */
  static void assertClose(double expected, float actual, String what) {
    double tol = Math.max(REL * Math.abs(expected), 1e-12);
    if (!(Math.abs(actual - expected) <= tol)) {
      double diff = Math.abs(actual - expected);
      fail(
          what
              + ": expected "
              + expected
              + " but was "
              + actual
              + " (|diff| "
              + diff
              + " > "
              + tol
              + ")");
    }
  }

  /**
   * One coordinate of a double-precision reference optimizer: updates {@code w[i]} (and its own
   * state) at step t.
   */
  interface Reference {
    void step(int t, int i, double g, double[] w);
  }

  /**
   * Runs steps {@code 1..steps} of {@code opt} on the dense parameter {@code p} with gradients
   * {@code gradients(t)} and, after every step, compares {@code p} with {@code ref} applied
   * coordinate-wise in double precision.
   */
  static void assertTrajectory(
      Parameter p, Optimizer opt, int steps, IntFunction<float[]> gradients, Reference ref) {
    double[] w = toDouble(p.value().data());
    for (int t = 1; t <= steps; t++) {
      float[] g = gradients.apply(t);
      setGrad(p, g);
      opt.step();
      for (int i = 0; i < w.length; i++) ref.step(t, i, g[i], w);
      assertClose(w, p.value().data(), "w" + t);
    }
  }

  /** Gradients {@code grad(t, i, scale)} for {@code i < n}. */
  static IntFunction<float[]> sines(int n, double scale) {
    return t -> {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) g[i] = grad(t, i, scale);
      return g;
    };
  }

  /**
   * One optimizer configuration under a test name; {@code lrDecay} is the per-step rate decay under
   * which it converges on {@link ConvergenceTest}'s quadratic.
   */
  record Maker(String name, OptimizerConfig config, Regularizer regularizer, double lrDecay) {
    Optimizer make(List<Parameter> params) {
      return config.build(params, regularizer);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Every optimizer, plus regularized variants, with hyper-parameters suited to small quadratics.
   */
  static List<Maker> makers() {
    Regularizer none = Regularizer.none();
    return List.of(
        new Maker("sgd", Sgd.Config.plain(0.1), none, 0.997),
        new Maker("momentum", new Sgd.Config(0.05, 0.9, false), none, 0.997),
        new Maker("nesterov", new Sgd.Config(0.05, 0.9, true), none, 0.997),
        new Maker("adam", Adam.Config.defaults(0.05), none, 0.997),
        new Maker("adam+l1", Adam.Config.defaults(0.05), Regularizer.l1(1e-5f), 0.997),
        new Maker("adamw", new AdamW.Config(0.05, 0.9, 0.999, 1e-8, 1e-5), none, 0.997),
        new Maker("adagrad", AdaGrad.Config.defaults(0.5), none, 0.997),
        new Maker("rmsprop", RmsProp.Config.defaults(0.01), none, 0.997),
        new Maker("rmsprop+l2", RmsProp.Config.defaults(0.01), Regularizer.l2(1e-5f), 0.997),
        new Maker("ftrl", new Ftrl.Config(1, 1, 0, 0), none, 1.0));
  }

  /** The parameter's values widened to double. */
  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }
}
