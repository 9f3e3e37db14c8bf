package org.rec4j.nn;

import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * A lookup table of {@code n} learned vectors of size {@code d}: {@code forward(ids)} returns rows of the table.
 *
 * <ul>
 *   <li>input {@code int[] ids}, each in [0, n), laid out as {@code [leading...]} (default {@code [ids.length]})</li>
 *   <li>parameter {@code weight [n, d]}, N(0, std²) with default std 0.01; gradients arrive as
 *       {@linkplain org.rec4j.tensor.SparseRowGrad sparse rows} by default so optimizers touch only looked-up rows</li>
 *   <li>output {@code [leading..., d]}</li>
 * </ul>
 *
 * <p><b>Max-norm.</b> With {@code maxNorm > 0}, every row about to be looked up whose Euclidean norm exceeds
 * {@code maxNorm} is first rescaled <em>in place</em> to norm {@code maxNorm} (factor {@code maxNorm / (‖row‖ + 1e-7)},
 * as PyTorch's {@code max_norm}). The rescaling writes the table's data directly, outside autodiff: it is not part of
 * the graph and contributes no gradient, and it permanently changes the stored rows.
 */
public final class Embedding extends Module {

  /**
   * Hyper-parameters of an {@link Embedding}.
   *
   * @param n number of rows, &gt; 0
   * @param d row size, &gt; 0
   * @param init initializer of the table
   * @param sparse whether gradients arrive as sparse rows
   * @param maxNorm renormalize looked-up rows to at most this norm; 0 disables
   */
  public record Config(int n, int d, Initializer init, boolean sparse, float maxNorm) {
    /** Default initialization standard deviation. */
    public static final float DEFAULT_STD = 0.01f;

    /** Validates every field. */
    public Config {
      if (n <= 0) throw new IllegalArgumentException("Embedding n must be > 0, got " + n);
      if (d <= 0) throw new IllegalArgumentException("Embedding d must be > 0, got " + d);
      if (init == null) throw new IllegalArgumentException("Embedding init must not be null");
      if (!(maxNorm >= 0) || Float.isInfinite(maxNorm)) {
        throw new IllegalArgumentException("Embedding maxNorm must be finite and >= 0 (0 disables), got " + maxNorm);
      }
    }

    /** {@code n × d}, N(0, 0.01²), sparse gradients, no max-norm. */
    public static Config of(int n, int d) {
      return new Config(n, d, Initializer.normal(DEFAULT_STD), true, 0f);
    }

    /** This configuration with another initializer. */
    public Config withInit(Initializer i) {
      return new Config(n, d, i, sparse, maxNorm);
    }

    /** This configuration with sparse or dense gradients. */
    public Config withSparse(boolean on) {
      return new Config(n, d, init, on, maxNorm);
    }

    /** This configuration with a max-norm (0 disables). */
    public Config withMaxNorm(float m) {
      return new Config(n, d, init, sparse, m);
    }
  }

  private final Config config;
  private final Parameter weight;

  /** An {@code n × d} table with the defaults of {@link Config#of}. */
  public Embedding(int n, int d, Rng rng) {
    this(Config.of(n, d), rng);
  }

  /** A table configured by {@code config}, initialized from {@code rng}. */
  public Embedding(Config config, Rng rng) {
    this.config = config;
    this.weight = register(new Parameter("weight", config.init().create(rng, config.n(), config.d()), config.sparse()));
  }

  /** Rows {@code ids} shaped {@code [leadingDims..., d]} (by default {@code [ids.length, d]}). */
  public Tensor forward(int[] ids, int... leadingDims) {
    if (config.maxNorm() > 0) renormalize(ids);
    return IndexOps.embedding(weight.value(), ids, leadingDims);
  }

  /** Rescales in place every row in {@code ids} whose norm exceeds the max-norm. */
  private void renormalize(int[] ids) {
    float[] w = weight.value().data();
    int n = config.n(), d = config.d();
    double max = config.maxNorm();
    for (int id : ids) {
      if (id < 0 || id >= n) throw new IndexOutOfBoundsException("embedding id " + id + " out of range [0, " + n + ")");
      int o = id * d;
      double sq = 0;
      for (int j = 0; j < d; j++) sq += (double) w[o + j] * w[o + j];
      double norm = Math.sqrt(sq);
      if (norm > max) {
        float scale = (float) (max / (norm + 1e-7));
        for (int j = 0; j < d; j++) w[o + j] *= scale;
      }
    }
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  /** The table {@code [n, d]}. */
  public Parameter weight() {
    return weight;
  }
}
