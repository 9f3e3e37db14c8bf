package org.rec4j.model;

import java.util.Map;
import org.rec4j.nn.Dropout;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * The NCF MLP tower (He et al., WWW 2017, §3.3): ŷ = hᵀ MLP([p<sub>u</sub>; q<sub>i</sub>]) + b,
 * with each side's embedding of size {@code layers[0] / 2}, ReLU hidden layers of widths {@code
 * layers[1..]}, optional dropout after every hidden layer and optional batch normalization (both
 * absent from the paper, present in the seed's rating setup).
 *
 * <p>Capabilities: {@link ItemEmbeddingTables} (q) and {@link OnnxExportable}; no dot-product form
 * (the score goes through the MLP), so full-catalog scoring uses {@link CatalogScorer}.
 */
public final class NCF extends NeuralRecommender implements ItemEmbeddingTables, OnnxExportable {
  private final ModelOptions options;
  final Embedding p;
  final Embedding q;
  final MLP tower;
  final Dropout lastDropout;
  final Linear out;

  /** An NCF-MLP model over {@code options.layers()}. */
  public NCF(ModelOptions options) {
    super(options.numUsers(), options.numItems());
    this.options = options;
    Rng rng = new Rng(options.seed() + 1);
    int[] layers = options.layers();
    p = register("user", Towers.embedding(numUsers, layers[0] / 2, options.embeddingStd(), rng));
    q = register("item", Towers.embedding(numItems, layers[0] / 2, options.embeddingStd(), rng));
    tower = register("mlp", Towers.tower(layers, options.dropout(), options.batchNorm(), rng));
    Dropout d = Towers.lastDropout(options.dropout(), rng);
    lastDropout = d == null ? null : register("dropout", d);
    out = register("out", Towers.output(layers[layers.length - 1], !options.rating(), rng));
  }

  @Override
  public String name() {
    return "ncf";
  }

  @Override
  public ModelOptions options() {
    return options;
  }

  /** The last hidden vector of the tower, {@code [B, layers[last]]} (NeuMF reuses it). */
  Tensor hidden(int[] users, int[] items) {
    Tensor h = tower.forward(ShapeOps.concat(1, p.forward(users), q.forward(items)));
    return lastDropout == null ? h : lastDropout.forward(h);
  }

  @Override
  public Tensor forward(int[] users, int[] items) {
    return Towers.squeeze(out.forward(hidden(users, items)));
  }

  /**
   * Full-catalog scores through {@link CatalogScorer} (the item half of the first layer shared by
   * all users).
   */
  @Override
  public void scoreAll(int[] users, float[] out) {
    if (!CatalogScorer.supports(tower, options.batchNorm())) {
      super.scoreAll(users, out);
      return;
    }
    int e = options.layers()[0] / 2;
    CatalogScorer cs =
        inferenceCache(() -> new CatalogScorer(tower, q.weight().value().data(), e, numItems));
    float bOut = this.out.bias() == null ? 0f : this.out.bias().value().data()[0];
    for (int u : users) {
      if (u < 0 || u >= numUsers) throw new IllegalArgumentException("unknown user id " + u);
    }
    cs.scores(
        p.weight().value().data(),
        users,
        null,
        0,
        null,
        this.out.weight().value().data(),
        0,
        bOut,
        out);
  }

  /** The item embeddings q ({@code item.weight}). */
  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    return Map.of("item.weight", q.weight().value());
  }

  /** hᵀ MLP([p<sub>u</sub>; q<sub>i</sub>]) + b. */
  @Override
  public String describeScoring(ScoringGraph g) {
    return g.squeeze(
        g.linear(
            "out",
            g.tower(
                "mlp",
                g.concat(g.lookup("user", g.users()), g.lookup("item", g.items())),
                options)));
  }

  @Override
  public long flopsPerPrediction() {
    int[] l = options.layers();
    long f = 0;
    for (int i = 0; i + 1 < l.length; i++) f += (long) l[i] * l[i + 1];
    return f + l[l.length - 1];
  }
}
