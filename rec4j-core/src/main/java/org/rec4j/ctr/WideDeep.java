package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Ftrl;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * Wide &amp; Deep over all fields (Cheng et al., "Wide &amp; Deep Learning for Recommender
 * Systems", DLRS 2016, arXiv:1606.07792): {@code ŷ = σ(w_wideᵀ[x, φ(x)] + w_deepᵀ a + b)}. The wide
 * part is a linear model over every field id plus the cross-product transformations {@code φ} of
 * the configured field pairs (each pair of ids of the two fields is hashed into {@code
 * crossBuckets} weights, valued by the product of the two values); the deep part is a ReLU network
 * over the concatenated field embeddings. As in the paper the wide part is trained with
 * FTRL-Proximal (McMahan et al. 2013) and the deep part with the configured optimizer (the paper:
 * AdaGrad), jointly on one loss.
 *
 * <p>Departures: crosses are hashed (collisions possible) instead of enumerated; no L1 in FTRL by
 * default. The id-only version for ranking is {@link org.rec4j.model.WideDeep}.
 */
public final class WideDeep extends CtrNetwork {

  /**
   * Hyper-parameters of the feature {@link WideDeep}.
   *
   * @param embedDim embedding size, &gt; 0
   * @param hidden deep widths (at least one)
   * @param dropout deep dropout, in [0, 1)
   * @param crosses field pairs crossed in the wide part, each two field names
   * @param crossBuckets hashed weights shared by all crosses, &gt; 0 when there are crosses
   */
  public record Config(
      int embedDim, int[] hidden, float dropout, List<List<String>> crosses, int crossBuckets) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0)
        throw new IllegalArgumentException("widedeep embedDim must be > 0, got " + embedDim);
      hidden = CtrNetwork.checkHidden("widedeep", hidden, false);
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException("widedeep dropout must be in [0, 1), got " + dropout);
      crosses = List.copyOf(crosses.stream().map(List::copyOf).toList());
      for (List<String> c : crosses) {
        if (c.size() != 2)
          throw new IllegalArgumentException("widedeep crosses are field pairs, got " + c);
      }
      if (!crosses.isEmpty() && crossBuckets <= 0)
        throw new IllegalArgumentException(
            "widedeep crossBuckets must be > 0 with crosses, got " + crossBuckets);
    }

    @Override
    public String toString() {
      return "WideDeep.Config[embedDim="
          + embedDim
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + ", crosses="
          + crosses
          + ", crossBuckets="
          + crossBuckets
          + "]";
    }
  }

  private final Config config;
  private final Parameter[] wide;
  private final Parameter crossWeights;
  private final int[][] crossFields;
  private final Parameter embedding;
  private final MLP deep;

  /** A Wide&amp;Deep over {@code schema}; cross field names must exist in it. */
  public WideDeep(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    this.config = config;
    this.wide = newLinear("wide");
    this.crossFields = new int[config.crosses().size()][];
    for (int c = 0; c < crossFields.length; c++) {
      List<String> pair = config.crosses().get(c);
      crossFields[c] = new int[] {schema.indexOf(pair.get(0)), schema.indexOf(pair.get(1))};
      for (int f : crossFields[c]) {
        if (schema.field(f).isDense())
          throw new IllegalArgumentException(
              "cross "
                  + pair
                  + ": dense vector field "
                  + schema.field(f).name()
                  + " cannot be crossed by id");
      }
    }
    this.crossWeights =
        crossFields.length == 0
            ? null
            : register(new Parameter("wide_cross", Tensor.zeros(config.crossBuckets(), 1), true));
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
    this.deep =
        register(
            "deep",
            tower(schema.size() * config.embedDim(), config.hidden(), config.dropout(), rng));
  }

  @Override
  public String name() {
    return "widedeep";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    Tensor y =
        MathOps.add(
            linear(wide, batch),
            deep.forward(ShapeOps.reshape(embed(embedding, batch), batch.size(), -1)));
    if (crossWeights != null) y = MathOps.add(y, crosses(batch));
    return squeeze(y);
  }

  /** {@code Σ_pairs Σ_{i ∈ a, j ∈ b} x_i x_j w_{h(c, i, j)}} per example, {@code [B, 1]}. */
  private Tensor crosses(FieldBatch batch) {
    int n = batch.size(), nf = batch.fields();
    int[] off = batch.offsets;
    int[] exOff = new int[n + 1];
    int count = 0;
    for (int b = 0; b < n; b++) {
      for (int[] cf : crossFields) {
        count +=
            (off[b * nf + cf[0] + 1] - off[b * nf + cf[0]])
                * (off[b * nf + cf[1] + 1] - off[b * nf + cf[1]]);
      }
      exOff[b + 1] = count;
    }
    int[] ids = new int[count];
    float[] w = new float[count];
    int k = 0;
    for (int b = 0; b < n; b++) {
      for (int c = 0; c < crossFields.length; c++) {
        int fa = b * nf + crossFields[c][0], fb = b * nf + crossFields[c][1];
        for (int i = off[fa]; i < off[fa + 1]; i++) {
          for (int j = off[fb]; j < off[fb + 1]; j++) {
            long h =
                ((long) c * 0x9E3779B97F4A7C15L)
                    ^ ((long) batch.ids[i] << 32 | (batch.ids[j] & 0xffffffffL));
            ids[k] = FieldValues.bucket(h, config.crossBuckets());
            w[k++] = batch.values[i] * batch.values[j];
          }
        }
      }
    }
    return IndexOps.embeddingBag(crossWeights.value(), ids, w, exOff);
  }

  /**
   * The wide part under FTRL (α = min(1, 10 × the learning rate), β = 1, L1 = 0, L2 = config l2);
   * the rest as configured.
   */
  @Override
  public List<Optimizer> optimizers(TrainerConfig tc) {
    List<Parameter> wideParams = new ArrayList<>(List.of(wide));
    if (crossWeights != null) wideParams.add(crossWeights);
    if (tc.optimizer() == OptimizerKind.FTRL)
      return List.of(OptimizerKind.FTRL.create(parameters(), tc.learningRate(), tc.l2()));
    List<Parameter> deepParams = new ArrayList<>(parameters());
    deepParams.removeAll(wideParams);
    Optimizer deepOpt = tc.optimizer().create(deepParams, tc.learningRate(), tc.l2());
    Optimizer wideOpt =
        new Ftrl(
            wideParams, new Ftrl.Config(Math.min(1.0, tc.learningRate() * 10), 1.0, 0.0, tc.l2()));
    return List.of(deepOpt, wideOpt);
  }
}
