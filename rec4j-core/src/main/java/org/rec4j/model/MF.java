package org.rec4j.model;

import java.util.Map;
import org.rec4j.data.Interactions;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Shape;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * Biased matrix factorization: ŷ(u, i) = b + b<sub>u</sub> + b<sub>i</sub> + ⟨p<sub>u</sub>,
 * q<sub>i</sub>⟩ — the dot-product baseline that Rendle, Krichene, Zhang &amp; Anderson ("Neural
 * Collaborative Filtering vs. Matrix Factorization Revisited", RecSys 2020) show to match or beat
 * NCF/NeuMF when tuned.
 *
 * <p>Embeddings start N(0, std²) (std 0.01), biases at zero; for rating objectives the global bias
 * starts at the training mean. For implicit objectives ŷ is a logit (BCE with sampled negatives, as
 * in the paper's setup) or a BPR score.
 *
 * <p>Capabilities: {@link DotProductModel} (see {@link #factorization} for the derivation;
 * full-catalog scoring is then one matrix product per tile of items), {@link ItemEmbeddingTables}
 * (q) and {@link OnnxExportable}.
 */
public final class MF extends NeuralRecommender
    implements DotProductModel, ItemEmbeddingTables, OnnxExportable {
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
    bu =
        register(
            "user_bias",
            new Embedding(
                Embedding.Config.of(numUsers, 1)
                    .withInit(org.rec4j.nn.Initializer.zeros())
                    .withSparse(true),
                rng));
    bi =
        register(
            "item_bias",
            new Embedding(
                Embedding.Config.of(numItems, 1)
                    .withInit(org.rec4j.nn.Initializer.zeros())
                    .withSparse(true),
                rng));
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

  /**
   * ŷ(u, i) = (b + b<sub>u</sub>) + ⟨[p<sub>u</sub>; 1], [q<sub>i</sub>; b<sub>i</sub>]⟩: user
   * vectors [p<sub>u</sub>; 1] and item vectors [q<sub>i</sub>; b<sub>i</sub>] of width f + 1 (the
   * first f coordinates free per user, the last fixed at 1), per-user offset b + b<sub>u</sub>, and
   * offset b for a user without parameters (user bias taken as 0).
   */
  @Override
  public Factorization factorization() {
    int f = options.factors(), d = f + 1;
    float[] pd = p.weight().value().data(), qd = q.weight().value().data();
    float[] bud = bu.weight().value().data(), bid = bi.weight().value().data();
    float g = b.value().data()[0];
    float[] users = new float[numUsers * d],
        items = new float[numItems * d],
        offsets = new float[numUsers];
    for (int u = 0; u < numUsers; u++) {
      System.arraycopy(pd, u * f, users, u * d, f);
      users[u * d + f] = 1f;
      offsets[u] = g + bud[u];
    }
    for (int i = 0; i < numItems; i++) {
      System.arraycopy(qd, i * f, items, i * d, f);
      items[i * d + f] = bid[i];
    }
    return new Factorization(d, f, users, items, offsets, g);
  }

  /** The item factors q ({@code item.weight}, {@code [items, f]}). */
  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    return Map.of("item.weight", q.weight().value());
  }

  /**
   * b + b<sub>u</sub> + b<sub>i</sub> + ⟨p<sub>u</sub>, q<sub>i</sub>⟩, summed in the order of
   * {@link #forward}.
   */
  @Override
  public String describeScoring(ScoringGraph g) {
    String dot = g.rowSum(g.mul(g.lookup("user", g.users()), g.lookup("item", g.items())));
    String biases =
        g.add(g.scalarLookup("user_bias", g.users()), g.scalarLookup("item_bias", g.items()));
    return g.add(g.add(dot, biases), g.vector("bias"));
  }

  @Override
  public long flopsPerPrediction() {
    return options.factors() + 3L;
  }
}
