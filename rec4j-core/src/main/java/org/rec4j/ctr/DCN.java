package org.rec4j.ctr;

import java.util.Arrays;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.Activation;
import org.rec4j.nn.CrossNetwork;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Deep &amp; Cross Network (Wang, Fu, Fu, Wang, "Deep &amp; Cross Network for Ad Click
 * Predictions", ADKDD 2017, arXiv:1708.05123): the stacked embeddings {@code x_0} feed, in
 * parallel, a {@link CrossNetwork} (v1, explicit bounded-degree crosses) and a ReLU deep network; a
 * combination layer maps {@code [x_L; h_L]} to the logit.
 *
 * <p>Departures: dense features enter as scaled embeddings (numeric fields) rather than raw values
 * beside the embeddings; the matrix (v2) cross layer is not offered.
 */
public final class DCN extends CtrNetwork {
  /** Paths of the cross network's, the deep network's and the output layer's parameters. */
  private static final String CROSS = "cross", DEEP = "deep", COMBINE = "combine";

  /**
   * Hyper-parameters of a {@link DCN}.
   *
   * @param embedDim embedding size, &gt; 0
   * @param crossLayers cross layers, &gt; 0
   * @param hidden deep-network widths (at least one)
   * @param dropout deep-network dropout, in [0, 1)
   */
  public record Config(int embedDim, int crossLayers, int[] hidden, float dropout) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0)
        throw new IllegalArgumentException("dcn embedDim must be > 0, got " + embedDim);
      if (crossLayers <= 0)
        throw new IllegalArgumentException("dcn crossLayers must be > 0, got " + crossLayers);
      hidden = CtrNetwork.checkHidden("dcn", hidden, false);
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException("dcn dropout must be in [0, 1), got " + dropout);
    }

    @Override
    public String toString() {
      return "DCN.Config[embedDim="
          + embedDim
          + ", crossLayers="
          + crossLayers
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + "]";
    }
  }

  private final Parameter embedding;
  private final CrossNetwork cross;
  private final MLP deep;
  private final Linear combine;

  /** A DCN over {@code schema}. */
  public DCN(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    int d0 = schema.size() * config.embedDim();
    int[] h = config.hidden();
    int[] dims = new int[h.length + 1];
    dims[0] = d0;
    System.arraycopy(h, 0, dims, 1, h.length);
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
    this.cross = register(CROSS, new CrossNetwork(d0, config.crossLayers(), rng));
    this.deep =
        register(
            DEEP,
            MLP.builder(dims).lastActivation(Activation.RELU).dropout(config.dropout()).build(rng));
    this.combine = register(COMBINE, new Linear(d0 + h[h.length - 1], 1, rng));
  }

  @Override
  public String name() {
    return "dcn";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    Tensor x0 = ShapeOps.reshape(embed(embedding, batch), batch.size(), -1);
    return squeeze(combine.forward(ShapeOps.concat(1, cross.forward(x0), deep.forward(x0))));
  }

  @Override
  boolean describable() {
    return true;
  }

  /**
   * The cross layers {@code x_{l+1} = x_0 · (x_l·w_l) + b_l + x_l} (as {@link CrossNetwork}
   * computes them) and the deep network over the flattened embeddings, combined by the output
   * layer.
   */
  @Override
  String describeLogit(EntityGraph eg) {
    ScoringGraph g = eg.graph();
    String x0 = g.reshape(eg.embeddings(embedding), 0, -1);
    String x = x0;
    for (int l = 0; l < cross.layers(); l++) {
      String xw = g.matmul(x, CROSS + ".weight" + l);
      x = g.add(g.add(g.mul(x0, xw), g.vector(CROSS + ".bias" + l)), x);
    }
    String h = g.mlp(DEEP, x0, deep.config());
    return g.squeeze(g.linear(COMBINE, g.concat(x, h)));
  }
}
