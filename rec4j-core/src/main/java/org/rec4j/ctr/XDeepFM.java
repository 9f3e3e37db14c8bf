package org.rec4j.ctr;

import java.util.Arrays;
import org.rec4j.nn.Activation;
import org.rec4j.nn.CIN;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * xDeepFM (Lian, Zhou, Zhang, Chen, Xie, Sun, "xDeepFM: Combining Explicit and Implicit Feature
 * Interactions for Recommender Systems", KDD 2018, arXiv:1803.05170): {@code ŷ = σ(w_linᵀ a +
 * w_cinᵀ p⁺ + w_dnnᵀ x_dnn + b)} — a linear part, a {@link CIN} over the field embeddings (explicit
 * vector-wise interactions) and a plain DNN (implicit bit-wise interactions), all sharing the
 * embeddings.
 *
 * <p>Departures: the CIN output unit has its own bias, added to the linear part's; dropout in the
 * DNN only.
 */
public final class XDeepFM extends CtrNetwork {

  /**
   * Hyper-parameters of an {@link XDeepFM}.
   *
   * @param embedDim embedding size D, &gt; 0
   * @param cinSizes CIN feature maps per layer (even except the last when {@code splitHalf})
   * @param splitHalf CIN split-half connections (the released code's default) or direct connections
   * @param hidden DNN hidden widths
   * @param dropout DNN dropout, in [0, 1)
   */
  public record Config(
      int embedDim, int[] cinSizes, boolean splitHalf, int[] hidden, float dropout) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0)
        throw new IllegalArgumentException("xdeepfm embedDim must be > 0, got " + embedDim);
      cinSizes = CtrNetwork.checkHidden("xdeepfm cinSizes", cinSizes, false);
      hidden = CtrNetwork.checkHidden("xdeepfm", hidden, false);
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException("xdeepfm dropout must be in [0, 1), got " + dropout);
    }

    @Override
    public String toString() {
      return "XDeepFM.Config[embedDim="
          + embedDim
          + ", cinSizes="
          + Arrays.toString(cinSizes)
          + ", splitHalf="
          + splitHalf
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + "]";
    }
  }

  private final Parameter[] linear;
  private final Parameter embedding;
  private final CIN cin;
  private final Linear cinOut;
  private final MLP dnn;

  /** An xDeepFM over {@code schema}. */
  public XDeepFM(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    this.linear = newLinear("linear");
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
    this.cin =
        register(
            "cin",
            new CIN(
                schema.size(), config.cinSizes(), config.splitHalf(), Activation.IDENTITY, rng));
    this.cinOut = register("cin_out", new Linear(cin.outputDim(), 1, rng));
    this.dnn =
        register(
            "dnn",
            tower(schema.size() * config.embedDim(), config.hidden(), config.dropout(), rng));
  }

  @Override
  public String name() {
    return "xdeepfm";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    Tensor e = embed(embedding, batch);
    Tensor explicit = cinOut.forward(cin.forward(e));
    Tensor implicit = dnn.forward(ShapeOps.reshape(e, batch.size(), -1));
    return squeeze(MathOps.add(MathOps.add(linear(linear, batch), explicit), implicit));
  }
}
