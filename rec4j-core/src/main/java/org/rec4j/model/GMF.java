package org.rec4j.model;

import java.util.Map;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Linear;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Generalized matrix factorization (He, Liao, Zhang, Nie, Hu &amp; Chua, "Neural Collaborative
 * Filtering", WWW 2017, §3.2): ŷ = hᵀ(p<sub>u</sub> ⊙ q<sub>i</sub>) + b with a learned output
 * layer h. Embeddings N(0, 0.01²); the output layer is LeCun-uniform for implicit feedback (as the
 * authors' Keras code) and Glorot-uniform for ratings.
 *
 * <p>Capabilities: {@link DotProductModel} (hᵀ(p<sub>u</sub> ⊙ q<sub>i</sub>) = ⟨p<sub>u</sub> ⊙ h,
 * q<sub>i</sub>⟩, see {@link #factorization}), {@link ItemEmbeddingTables} (q) and {@link
 * OnnxExportable}.
 */
public final class GMF extends NeuralRecommender
    implements DotProductModel, ItemEmbeddingTables, OnnxExportable {
  private final ModelOptions options;
  final Embedding p;
  final Embedding q;
  final Linear out;

  /** A GMF model with {@code options.factors()} factors. */
  public GMF(ModelOptions options) {
    super(options.numUsers(), options.numItems());
    this.options = options;
    Rng rng = new Rng(options.seed());
    p =
        register(
            "user", Towers.embedding(numUsers, options.factors(), options.embeddingStd(), rng));
    q =
        register(
            "item", Towers.embedding(numItems, options.factors(), options.embeddingStd(), rng));
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

  /**
   * ŷ(u, i) = hᵀ(p<sub>u</sub> ⊙ q<sub>i</sub>) + b = ⟨p<sub>u</sub> ⊙ h, q<sub>i</sub>⟩ + b: user
   * vectors p<sub>u</sub> ⊙ h (all f coordinates free), item vectors q<sub>i</sub>, offset b for
   * every user, known or not.
   */
  @Override
  public Factorization factorization() {
    int f = options.factors();
    float[] pd = p.weight().value().data(), h = out.weight().value().data();
    float b0 = out.bias() == null ? 0f : out.bias().value().data()[0];
    float[] users = new float[numUsers * f];
    for (int u = 0; u < numUsers; u++)
      for (int c = 0; c < f; c++) users[u * f + c] = pd[u * f + c] * h[c];
    float[] offsets = new float[numUsers];
    java.util.Arrays.fill(offsets, b0);
    return new Factorization(f, f, users, q.weight().value().data().clone(), offsets, b0);
  }

  /** The item embeddings q ({@code item.weight}, {@code [items, f]}). */
  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    return Map.of("item.weight", q.weight().value());
  }

  /** hᵀ(p<sub>u</sub> ⊙ q<sub>i</sub>) + b. */
  @Override
  public String describeScoring(ScoringGraph g) {
    return g.squeeze(
        g.linear("out", g.mul(g.lookup("user", g.users()), g.lookup("item", g.items()))));
  }

  @Override
  public long flopsPerPrediction() {
    return 2L * options.factors() + 1;
  }
}
