package org.rec4j.model;

import org.rec4j.data.Interactions;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Shape;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * Biased matrix factorization: ŷ(u, i) = b + b<sub>u</sub> + b<sub>i</sub> + ⟨p<sub>u</sub>, q<sub>i</sub>⟩ — the
 * dot-product baseline that Rendle, Krichene, Zhang &amp; Anderson ("Neural Collaborative Filtering vs. Matrix
 * Factorization Revisited", RecSys 2020) show to match or beat NCF/NeuMF when tuned.
 *
 * <p>Embeddings start N(0, std²) (std 0.01), biases at zero; for rating objectives the global bias starts at the
 * training mean. For implicit objectives ŷ is a logit (BCE with sampled negatives, as in the paper's setup) or a
 * BPR score. Full-catalog scoring is one matrix product per block of users.
 */
public final class MF extends NeuralRecommender {
  private static final org.rec4j.tensor.kernel.Kernels KERNELS = org.rec4j.tensor.kernel.KernelProvider.get();
  private final ModelOptions options;
  private final Embedding p;
  private final Embedding q;
  private final Embedding bu;
  private final Embedding bi;
  private final Parameter b;

  /** An MF model with {@code options.factors()} latent factors. */
  public MF(ModelOptions options) {
    super(options.numUsers(), options.numItems());
    this.options = options;
    Rng rng = new Rng(options.seed());
    int f = options.factors();
    p = register("user", Towers.embedding(numUsers, f, options.embeddingStd(), rng));
    q = register("item", Towers.embedding(numItems, f, options.embeddingStd(), rng));
    bu = register("user_bias", new Embedding(Embedding.Config.of(numUsers, 1).withInit(org.rec4j.nn.Initializer.zeros()).withSparse(true), rng));
    bi = register("item_bias", new Embedding(Embedding.Config.of(numItems, 1).withInit(org.rec4j.nn.Initializer.zeros()).withSparse(true), rng));
    b = register(new Parameter("bias", Tensor.zeros(1)));
  }

  @Override
  public String name() {
    return "mf";
  }

  @Override
  public ModelOptions options() {
    return options;
  }

  @Override
  protected void prepare(Interactions train, TrainerConfig config) {
    if (config.objective().isRating()) {
      double s = 0;
      for (int r = 0; r < train.size(); r++) s += train.value(r);
      b.value().data()[0] = (float) (s / train.size());
    }
  }

  @Override
  public Tensor forward(int[] users, int[] items) {
    Tensor dot = ReduceOps.sum(MathOps.mul(p.forward(users), q.forward(items)), 1, false);
    Tensor biases = MathOps.add(scalarLookup(bu, users), scalarLookup(bi, items));
    return MathOps.add(MathOps.add(dot, biases), b.value());
  }

  /** Per-id scalars of a {@code [n, 1]} table as a {@code [B]} vector. */
  static Tensor scalarLookup(Embedding table, int[] ids) {
    return ShapeOps.reshape(IndexOps.embedding(table.weight().value(), ids), Shape.of(ids.length));
  }

  @Override
  public void scoreAll(int[] users, float[] out) {
    int f = options.factors();
    float[] pu = new float[users.length * f];
    float[] pd = p.weight().value().data(), bud = bu.weight().value().data(), bid = bi.weight().value().data();
    for (int u = 0; u < users.length; u++) System.arraycopy(pd, users[u] * f, pu, u * f, f);
    Tensor s = LinAlg.matmul(Tensor.wrap(pu, users.length, f), q.weight().value().detach(), false, true);
    float g = b.value().data()[0];
    float[] sd = s.data();
    for (int u = 0; u < users.length; u++) {
      float base = g + bud[users[u]];
      for (int i = 0; i < numItems; i++) out[u * numItems + i] = sd[u * numItems + i] + base + bid[i];
    }
  }

  /** One matrix product of the users' factors with the factors of items {@code from..to)}, plus the biases. */
  @Override
  public boolean scoreItemRange(int[] users, int from, int to, float[] out) {
    int f = options.factors(), m = users.length, n = to - from;
    float[] pu = new float[m * f];
    float[] pd = p.weight().value().data(), bud = bu.weight().value().data(), bid = bi.weight().value().data();
    for (int u = 0; u < m; u++) System.arraycopy(pd, users[u] * f, pu, u * f, f);
    KERNELS.gemm(false, true, m, n, f, 1f, pu, 0, f, q.weight().value().data(), from * f, f, 0f, out, 0, n);
    float g = b.value().data()[0];
    for (int u = 0; u < m; u++) {
      float base = g + bud[users[u]];
      for (int i = 0, o = u * n; i < n; i++) out[o + i] += base + bid[from + i];
    }
    return true;
  }

  @Override
  public long flopsPerPrediction() {
    return options.factors() + 3L;
  }
}
