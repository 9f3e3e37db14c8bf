package org.rec4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.nn.Dropout;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Neural matrix factorization (He et al., WWW 2017, §3.4): a GMF branch (embeddings of size {@code
 * factors}) and an MLP branch (separate embeddings of size {@code layers[0] / 2}, ReLU tower) whose
 * last vectors are concatenated and fed to one output layer: ŷ = hᵀ[p<sup>G</sup> ⊙ q<sup>G</sup>;
 * MLP([p<sup>M</sup>; q<sup>M</sup>])] + b.
 *
 * <p>Pre-training (§3.4.1): {@link #fromPretrained} copies the embeddings and tower of a trained
 * {@link GMF} and {@link NCF} and sets h = [α·h<sub>GMF</sub>; (1 − α)·h<sub>MLP</sub>], b =
 * α·b<sub>GMF</sub> + (1 − α)·b<sub>MLP</sub> (α = 0.5 in the paper); the paper then fine-tunes
 * with plain SGD. Departure: the "shared embeddings" option of some implementations is not offered
 * — the paper argues separate embeddings are more flexible.
 *
 * <p>Capabilities: {@link ItemEmbeddingTables} (both branches' item tables) and {@link
 * OnnxExportable}.
 */
public final class NeuMF extends NeuralRecommender implements ItemEmbeddingTables, OnnxExportable {
  private final ModelOptions options;
  private final Embedding pg;
  private final Embedding qg;
  private final Embedding pm;
  private final Embedding qm;
  private final MLP tower;
  private final Dropout lastDropout;
  private final Linear out;

  /** A NeuMF model with a {@code factors}-wide GMF branch and an MLP branch over {@code layers}. */
  public NeuMF(ModelOptions options) {
    super(options.numUsers(), options.numItems());
    this.options = options;
    Rng rng = new Rng(options.seed() + 2);
    int[] layers = options.layers();
    int f = options.factors();
    pg = register("gmf_user", Towers.embedding(numUsers, f, options.embeddingStd(), rng));
    qg = register("gmf_item", Towers.embedding(numItems, f, options.embeddingStd(), rng));
    pm =
        register(
            "mlp_user", Towers.embedding(numUsers, layers[0] / 2, options.embeddingStd(), rng));
    qm =
        register(
            "mlp_item", Towers.embedding(numItems, layers[0] / 2, options.embeddingStd(), rng));
    tower = register("mlp", Towers.tower(layers, options.dropout(), options.batchNorm(), rng));
    Dropout d = Towers.lastDropout(options.dropout(), rng);
    lastDropout = d == null ? null : register("dropout", d);
    out = register("out", Towers.output(f + layers[layers.length - 1], !options.rating(), rng));
  }

  /**
   * A NeuMF initialized from trained GMF and NCF models of matching sizes (the paper's
   * pre-training), with output weights mixed by {@code alpha}.
   */
  public static NeuMF fromPretrained(ModelOptions options, GMF gmf, NCF mlp, float alpha) {
    if (!(alpha >= 0 && alpha <= 1))
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    NeuMF m = new NeuMF(options);
    copy(gmf.p.weight().value(), m.pg.weight().value(), "GMF user embedding");
    copy(gmf.q.weight().value(), m.qg.weight().value(), "GMF item embedding");
    copy(mlp.p.weight().value(), m.pm.weight().value(), "MLP user embedding");
    copy(mlp.q.weight().value(), m.qm.weight().value(), "MLP item embedding");
    var src = mlp.tower.parameters();
    var dst = m.tower.parameters();
    if (src.size() != dst.size())
      throw new IllegalArgumentException(
          "MLP towers differ: " + src.size() + " vs " + dst.size() + " parameters");
    for (int i = 0; i < src.size(); i++)
      copy(src.get(i).value(), dst.get(i).value(), "MLP " + src.get(i).name());
    int f = options.factors();
    float[] w = m.out.weight().value().data();
    float[] wg = gmf.out.weight().value().data(), wm = mlp.out.weight().value().data();
    if (wg.length + wm.length != w.length)
      throw new IllegalArgumentException(
          "output widths differ: " + wg.length + " + " + wm.length + " vs " + w.length);
    for (int i = 0; i < f; i++) w[i] = alpha * wg[i];
    for (int i = 0; i < wm.length; i++) w[f + i] = (1 - alpha) * wm[i];
    m.out.bias().value().data()[0] =
        alpha * gmf.out.bias().value().data()[0] + (1 - alpha) * mlp.out.bias().value().data()[0];
    return m;
  }

  private static void copy(Tensor from, Tensor to, String what) {
    if (!from.shape().equals(to.shape()))
      throw new IllegalArgumentException(
          what + ": pretrained shape " + from.shape() + " vs NeuMF " + to.shape());
    System.arraycopy(from.data(), 0, to.data(), 0, from.size());
  }

  @Override
  public String name() {
    return "neumf";
  }

  @Override
  public ModelOptions options() {
    return options;
  }

  @Override
  public Tensor forward(int[] users, int[] items) {
    Tensor gmf = MathOps.mul(pg.forward(users), qg.forward(items));
    Tensor h = tower.forward(ShapeOps.concat(1, pm.forward(users), qm.forward(items)));
    if (lastDropout != null) h = lastDropout.forward(h);
    return Towers.squeeze(out.forward(ShapeOps.concat(1, gmf, h)));
  }

  /**
   * Full-catalog scores without the graph, through {@link CatalogScorer}: the MLP branch with the
   * item half of the first layer shared by all users, the GMF branch as one more dot product per
   * item (p<sub>u</sub> folded into the output weights), all users of the call walked block by
   * block over the catalog.
   */
  @Override
  public void scoreAll(int[] users, float[] out) {
    if (!CatalogScorer.supports(tower, options.batchNorm())) {
      super.scoreAll(users, out);
      return;
    }
    int f = options.factors(), e = options.layers()[0] / 2;
    CatalogScorer cs =
        inferenceCache(() -> new CatalogScorer(tower, qm.weight().value().data(), e, numItems));
    float[] wOut = this.out.weight().value().data();
    float bOut = this.out.bias() == null ? 0f : this.out.bias().value().data()[0];
    float[] pgd = pg.weight().value().data();
    float[] a = new float[users.length * f]; // (p_u ⊙ q_i)·w_g = q_i·(p_u ⊙ w_g)
    for (int j = 0; j < users.length; j++) {
      int u = users[j];
      if (u < 0 || u >= numUsers) throw new IllegalArgumentException("unknown user id " + u);
      for (int c = 0; c < f; c++) a[j * f + c] = pgd[u * f + c] * wOut[c];
    }
    cs.scores(
        pm.weight().value().data(), users, qg.weight().value().data(), f, a, wOut, f, bOut, out);
  }

  /** The item tables of both branches ({@code gmf_item.weight}, {@code mlp_item.weight}). */
  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("gmf_item.weight", qg.weight().value());
    m.put("mlp_item.weight", qm.weight().value());
    return m;
  }

  /** hᵀ[p<sup>G</sup> ⊙ q<sup>G</sup>; MLP([p<sup>M</sup>; q<sup>M</sup>])] + b. */
  @Override
  public String describeScoring(ScoringGraph g) {
    String gmf = g.mul(g.lookup("gmf_user", g.users()), g.lookup("gmf_item", g.items()));
    String h =
        g.tower(
            "mlp",
            g.concat(g.lookup("mlp_user", g.users()), g.lookup("mlp_item", g.items())),
            options);
    return g.squeeze(g.linear("out", g.concat(gmf, h)));
  }

  @Override
  public long flopsPerPrediction() {
    int[] l = options.layers();
    long f = 2L * options.factors();
    for (int i = 0; i + 1 < l.length; i++) f += (long) l[i] * l[i + 1];
    return f + l[l.length - 1];
  }
}
