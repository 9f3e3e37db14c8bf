package org.rec4j.model;

import org.rec4j.nn.Embedding;
import org.rec4j.nn.Linear;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Generalized matrix factorization (He, Liao, Zhang, Nie, Hu &amp; Chua, "Neural Collaborative Filtering", WWW
 * 2017, §3.2): ŷ = hᵀ(p<sub>u</sub> ⊙ q<sub>i</sub>) + b with a learned output layer h. Embeddings N(0, 0.01²);
 * the output layer is LeCun-uniform for implicit feedback (as the authors' Keras code) and Glorot-uniform for
 * ratings.
 */
public final class GMF extends NeuralRecommender {
  private final ModelOptions options;
  final Embedding p;
  final Embedding q;
  final Linear out;

  /** A GMF model with {@code options.factors()} factors. */
  public GMF(ModelOptions options) {
    super(options.numUsers(), options.numItems());
    this.options = options;
    Rng rng = new Rng(options.seed());
    p = register("user", Towers.embedding(numUsers, options.factors(), options.embeddingStd(), rng));
    q = register("item", Towers.embedding(numItems, options.factors(), options.embeddingStd(), rng));
    out = register("out", Towers.output(options.factors(), !options.rating(), rng));
  }

  @Override
  public String name() {
    return "gmf";
  }

  @Override
  public ModelOptions options() {
    return options;
  }

  /** The GMF vector p<sub>u</sub> ⊙ q<sub>i</sub>, {@code [B, f]} (NeuMF reuses it). */
  Tensor interaction(int[] users, int[] items) {
    return MathOps.mul(p.forward(users), q.forward(items));
  }

  @Override
  public Tensor forward(int[] users, int[] items) {
    return Towers.squeeze(out.forward(interaction(users, items)));
  }

  @Override
  public long flopsPerPrediction() {
    return 2L * options.factors() + 1;
  }
}
