package org.rec4j.ctr;

import java.util.Arrays;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.FMInteraction;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * DeepFM (Guo, Tang, Ye, Li, He, "DeepFM: A Factorization-Machine based Neural Network for CTR
 * Prediction", IJCAI 2017, arXiv:1703.04247): {@code ŷ = σ(y_FM + y_DNN)}, where the FM component
 * (first order plus pairwise interactions) and a ReLU DNN over the concatenated field embeddings
 * share the same embeddings.
 *
 * <p>Departures: dropout rather than the paper's per-layer keep probabilities; no batch norm.
 */
public final class DeepFM extends CtrNetwork {
  /** Path of the DNN's parameters. */
  private static final String DNN = "dnn";

  /**
   * Hyper-parameters of a {@link DeepFM}.
   *
   * @param embedDim embedding size k, &gt; 0
   * @param hidden DNN hidden widths, each &gt; 0 (at least one)
   * @param dropout dropout after each hidden layer, in [0, 1)
   */
  public record Config(int embedDim, int[] hidden, float dropout) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0)
        throw new IllegalArgumentException("deepfm embedDim must be > 0, got " + embedDim);
      hidden = CtrNetwork.checkHidden("deepfm", hidden, false);
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException("deepfm dropout must be in [0, 1), got " + dropout);
    }

    @Override
    public String toString() {
      return "DeepFM.Config[embedDim="
          + embedDim
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + "]";
    }
  }

  private final Parameter[] linear;
  private final Parameter embedding;
  private final FMInteraction fm = new FMInteraction();
  private final MLP dnn;

  /** A DeepFM over {@code schema}. */
  public DeepFM(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    this.linear = newLinear("linear");
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
    this.dnn =
        register(
            DNN, tower(schema.size() * config.embedDim(), config.hidden(), config.dropout(), rng));
  }

  @Override
  public String name() {
    return "deepfm";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    Tensor e = embed(embedding, batch);
    Tensor deep = dnn.forward(ShapeOps.reshape(e, batch.size(), -1));
    return squeeze(MathOps.add(MathOps.add(linear(linear, batch), fm.forward(e)), deep));
  }

  @Override
  boolean describable() {
    return true;
  }

  /** First-order term + pairwise term + the DNN over the flattened embeddings. */
  @Override
  String describeLogit(EntityGraph eg) {
    ScoringGraph g = eg.graph();
    String e = eg.embeddings(embedding);
    String deep = g.squeeze(g.mlp(DNN, g.reshape(e, 0, -1), dnn.config()));
    return g.add(g.add(eg.linear(linear), describeFm(g, e)), deep);
  }
}
