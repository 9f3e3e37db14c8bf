package org.rec4j.nn;

import java.util.Arrays;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * A lookup table of {@code n} learned vectors of size {@code d}: {@code forward(ids)} returns rows
 * of the table.
 *
 * <ul>
 *   <li>input {@code int[] ids}, each in [0, n), laid out as {@code [leading...]} (default {@code
 *       [ids.length]})
 *   <li>parameter {@code weight [n, d]}, N(0, std²) with default std 0.01; gradients arrive as
 *       {@linkplain org.rec4j.tensor.SparseRowGrad sparse rows} by default so optimizers touch only
 *       looked-up rows
 *   <li>output {@code [leading..., d]}
 * </ul>
 *
 * <p><b>Max-norm.</b> With {@code maxNorm > 0}, every row about to be looked up whose Euclidean
 * norm exceeds {@code maxNorm} is first rescaled <em>in place</em> to norm {@code maxNorm} (factor
 * {@code maxNorm / (‖row‖ + 1e-7)}, as PyTorch's {@code max_norm}). The rescaling writes the
 * table's data directly, outside autodiff: it is not part of the graph and contributes no gradient,
 * and it permanently changes the stored rows.
 *
 * <p><b>Padding.</b> With {@code paddingIdx ≥ 0} (SASRec and BERT4Rec pad sequences with id 0),
 * that row starts at zero, looks up as zeros and receives no gradient (its output is multiplied by
 * a constant 0/1 mask), so it stays zero — like PyTorch's {@code padding_idx}.
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
   * @param paddingIdx the padding row, which stays zero, in [0, n); −1 for none
   */
  public record Config(
      int n, int d, Initializer init, boolean sparse, float maxNorm, int paddingIdx) {
    /** Default initialization standard deviation. */
    public static final float DEFAULT_STD = 0.01f;

    /** Validates every field. */
    public Config {
      if (n <= 0) throw new IllegalArgumentException("Embedding n must be > 0, got " + n);
      if (d <= 0) throw new IllegalArgumentException("Embedding d must be > 0, got " + d);
      if (init == null) throw new IllegalArgumentException("Embedding init must not be null");
      if (!(maxNorm >= 0) || Float.isInfinite(maxNorm)) {
        throw new IllegalArgumentException(
            "Embedding maxNorm must be finite and >= 0 (0 disables), got " + maxNorm);
      }
      if (paddingIdx < -1 || paddingIdx >= n) {
        throw new IllegalArgumentException(
            "Embedding paddingIdx must be in [0, " + n + ") or -1 for none, got " + paddingIdx);
      }
    }

    /** {@code n × d}, N(0, 0.01²), sparse gradients, no max-norm, no padding row. */
    public static Config of(int n, int d) {
      return new Config(n, d, Initializer.normal(DEFAULT_STD), true, 0f, -1);
    }

    /** This configuration with another initializer. */
    public Config withInit(Initializer i) {
      return new Config(n, d, i, sparse, maxNorm, paddingIdx);
    }

    /** This configuration with sparse or dense gradients. */
    public Config withSparse(boolean on) {
      return new Config(n, d, init, on, maxNorm, paddingIdx);
    }

    /** This configuration with a max-norm (0 disables). */
    public Config withMaxNorm(float m) {
      return new Config(n, d, init, sparse, m, paddingIdx);
    }

    /** This configuration with a padding row (−1 for none). */
    public Config withPaddingIdx(int idx) {
      return new Config(n, d, init, sparse, maxNorm, idx);
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
    Tensor table = config.init().create(rng, config.n(), config.d());
    int pad = config.paddingIdx();
    if (pad >= 0) Arrays.fill(table.data(), pad * config.d(), (pad + 1) * config.d(), 0f);
    this.weight = register(new Parameter("weight", table, config.sparse()));
  }

  /** Rows {@code ids} shaped {@code [ids.length, d]}. */
  public Tensor forward(int[] ids) {
    if (config.maxNorm() > 0) renormalize(ids);
    return maskPadding(ids, IndexOps.embedding(weight.value(), ids));
  }

  /** Rows {@code ids} shaped {@code [leadingDims..., d]} (by default {@code [ids.length, d]}). */
  public Tensor forward(int[] ids, int... leadingDims) {
    if (leadingDims.length == 0) return forward(ids);
    if (config.maxNorm() > 0) renormalize(ids);
    return maskPadding(ids, IndexOps.embedding(weight.value(), ids, leadingDims));
  }

  /**
   * {@code rows} with padding rows zeroed through a 0/1 mask {@code [leading..., 1]} (unchanged
   * without padding).
   */
  private Tensor maskPadding(int[] ids, Tensor rows) {
    int pad = config.paddingIdx();
    if (pad < 0 || Arrays.stream(ids).noneMatch(id -> id == pad)) return rows;
    int[] dims = rows.dims();
    dims[dims.length - 1] = 1;
    Tensor keep = Tensor.ones(dims);
    for (int i = 0; i < ids.length; i++) if (ids[i] == pad) keep.data()[i] = 0f;
    return MathOps.mul(rows, keep);
  }

  /** Rescales in place every row in {@code ids} whose norm exceeds the max-norm. */
  private void renormalize(int[] ids) {
    float[] w = weight.value().data();
    int n = config.n(), d = config.d();
    double max = config.maxNorm();
    for (int id : ids) {
      if (id < 0 || id >= n)
        throw new IndexOutOfBoundsException("embedding id " + id + " out of range [0, " + n + ")");
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
