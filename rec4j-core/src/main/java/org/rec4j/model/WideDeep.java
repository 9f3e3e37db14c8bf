package org.rec4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rec4j.nn.Dropout;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Initializer;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Ftrl;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * Wide &amp; Deep learning (Cheng et al., "Wide &amp; Deep Learning for Recommender Systems", DLRS
 * 2016) over user and item ids: ŷ = w<sub>u</sub> + w<sub>i</sub> + w<sub>h(u,i)</sub> + hᵀ
 * MLP([e<sub>u</sub>; e<sub>i</sub>]) + b.
 *
 * <p>The wide part is a linear model over the one-hot user and item and, when {@code crossBuckets >
 * 0}, a hashed user×item cross-product transformation; it is trained with FTRL-Proximal (McMahan et
 * al. 2013) as in the paper, while the deep part (embeddings of size {@code layers[0] / 2}, ReLU
 * tower) uses the configured optimizer (the paper uses AdaGrad). Both are trained jointly on one
 * loss. Departures: cross-products of categorical side features (user×genre, …) need the feature
 * pipeline and are added by the feature-model work; progressive training is not offered.
 *
 * <p>Capabilities: {@link ItemEmbeddingTables} (the deep part's item table) and {@link
 * OnnxExportable} (the cross bucket as 64-bit integer ops).
 */
public final class WideDeep extends NeuralRecommender
    implements ItemEmbeddingTables, OnnxExportable {
  private final ModelOptions options;
  private final Embedding wideUser;
  private final Embedding wideItem;
  private final Embedding wideCross;
  private final Embedding eu;
  private final Embedding ei;
  private final MLP tower;
  private final Dropout lastDropout;
  private final Linear out;

  /**
   * A Wide&amp;Deep model; {@code options.crossBuckets()} sizes the hashed user×item cross (0
   * disables it).
   */
  public WideDeep(ModelOptions options) {
    super(options.numUsers(), options.numItems());
    this.options = options;
    Rng rng = new Rng(options.seed() + 3);
    int[] layers = options.layers();
    wideUser = register("wide_user", wide(numUsers, rng));
    wideItem = register("wide_item", wide(numItems, rng));
    wideCross =
        options.crossBuckets() > 0
            ? register("wide_cross", wide(options.crossBuckets(), rng))
            : null;
    eu =
        register(
            "deep_user", Towers.embedding(numUsers, layers[0] / 2, options.embeddingStd(), rng));
    ei =
        register(
            "deep_item", Towers.embedding(numItems, layers[0] / 2, options.embeddingStd(), rng));
    tower = register("mlp", Towers.tower(layers, options.dropout(), options.batchNorm(), rng));
    Dropout d = Towers.lastDropout(options.dropout(), rng);
    lastDropout = d == null ? null : register("dropout", d);
    out = register("out", Towers.output(layers[layers.length - 1], !options.rating(), rng));
  }

  private static Embedding wide(int n, Rng rng) {
    return new Embedding(
        Embedding.Config.of(n, 1).withInit(Initializer.zeros()).withSparse(true), rng);
  }

  @Override
  public String name() {
    return "widedeep";
  }

  @Override
  public ModelOptions options() {
    return options;
  }

  /** The hashed cross-product bucket of (user, item). */
  int crossBucket(int user, int item) {
    long h = (user * 0x9E3779B97F4A7C15L) ^ (item * 0xC2B2AE3D27D4EB4FL);
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) Math.floorMod(h, (long) options.crossBuckets());
  }

  @Override
  public Tensor forward(int[] users, int[] items) {
    int n = users.length;
    Tensor wideSum =
        MathOps.add(MF.scalarLookup(wideUser, users), MF.scalarLookup(wideItem, items));
    if (wideCross != null) {
      int[] c = new int[n];
      for (int i = 0; i < n; i++) c[i] = crossBucket(users[i], items[i]);
      wideSum = MathOps.add(wideSum, MF.scalarLookup(wideCross, c));
    }
    Tensor h = tower.forward(ShapeOps.concat(1, eu.forward(users), ei.forward(items)));
    if (lastDropout != null) h = lastDropout.forward(h);
    return MathOps.add(Towers.squeeze(out.forward(h)), wideSum);
  }

  /**
   * The wide part under FTRL (α = the learning rate ×10, β = 1, L1 = 0, L2 = config l2); the rest
   * as configured.
   */
  @Override
  public List<Optimizer> optimizers(TrainerConfig config) {
    List<Parameter> wideParams = new ArrayList<>(wideUser.parameters());
    wideParams.addAll(wideItem.parameters());
    if (wideCross != null) wideParams.addAll(wideCross.parameters());
    List<Parameter> deep = new ArrayList<>(parameters());
    deep.removeAll(wideParams);
    if (config.optimizer() == OptimizerKind.FTRL)
      return List.of(OptimizerKind.FTRL.create(parameters(), config.learningRate(), config.l2()));
    Optimizer deepOpt = config.optimizer().create(deep, config.learningRate(), config.l2());
    Optimizer wideOpt =
        new Ftrl(
            wideParams,
            new Ftrl.Config(Math.min(1.0, config.learningRate() * 10), 1.0, 0.0, config.l2()));
    return List.of(deepOpt, wideOpt);
  }

  /**
   * The deep part's item embeddings ({@code deep_item.weight}); the wide part's [n, 1] weights are
   * not embeddings.
   */
  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    return Map.of("deep_item.weight", ei.weight().value());
  }

  /**
   * w<sub>u</sub> + w<sub>i</sub> (+ w<sub>h(u,i)</sub>) + hᵀ MLP([e<sub>u</sub>; e<sub>i</sub>]) +
   * b.
   */
  @Override
  public String describeScoring(ScoringGraph g) {
    String wide =
        g.add(g.scalarLookup("wide_user", g.users()), g.scalarLookup("wide_item", g.items()));
    if (options.crossBuckets() > 0)
      wide =
          g.add(
              wide,
              g.scalarLookup(
                  "wide_cross", g.crossBucket(g.users(), g.items(), options.crossBuckets())));
    String h =
        g.tower(
            "mlp",
            g.concat(g.lookup("deep_user", g.users()), g.lookup("deep_item", g.items())),
            options);
    return g.add(g.squeeze(g.linear("out", h)), wide);
  }

  @Override
  public long flopsPerPrediction() {
    int[] l = options.layers();
    long f = 3;
    for (int i = 0; i + 1 < l.length; i++) f += (long) l[i] * l[i + 1];
    return f + l[l.length - 1];
  }
}
