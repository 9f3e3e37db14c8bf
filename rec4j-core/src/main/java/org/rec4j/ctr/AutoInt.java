package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rec4j.nn.InteractingLayer;
import org.rec4j.nn.Linear;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * AutoInt and AutoInt+ (Song, Shi, Xiao, Duan, Xu, Zhang, Tang, "AutoInt: Automatic Feature
 * Interaction Learning via Self-Attentive Neural Networks", CIKM 2019, arXiv:1810.11921): the field
 * embeddings pass through a stack of {@link InteractingLayer}s (multi-head self-attention with
 * residual connections), and {@code ŷ = σ(wᵀ(e^Res_1 ⊕ … ⊕ e^Res_M) + b)}. AutoInt+ (non-empty
 * {@code hidden}) adds the logit of a DNN over the concatenated embeddings, trained jointly.
 *
 * <p>Departures: attention scores scaled by 1/√d' (see {@link InteractingLayer}); numeric fields
 * use the same scaled-embedding input as the paper; no first-order term, as in the paper.
 */
public final class AutoInt extends CtrNetwork {

  /**
   * Hyper-parameters of {@link AutoInt}.
   *
   * @param embedDim embedding size d, &gt; 0
   * @param layers interacting layers, &gt; 0
   * @param heads attention heads per layer, &gt; 0
   * @param headDim width d' of one head, &gt; 0
   * @param residual whether interacting layers have the residual connection
   * @param hidden DNN hidden widths of AutoInt+; empty for plain AutoInt
   * @param dropout DNN dropout, in [0, 1)
   */
  public record Config(
      int embedDim,
      int layers,
      int heads,
      int headDim,
      boolean residual,
      int[] hidden,
      float dropout) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0 || layers <= 0 || heads <= 0 || headDim <= 0) {
        throw new IllegalArgumentException(
            "autoint embedDim, layers, heads, headDim must be > 0, got "
                + embedDim
                + ", "
                + layers
                + ", "
                + heads
                + ", "
                + headDim);
      }
      hidden = CtrNetwork.checkHidden("autoint", hidden, true);
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException("autoint dropout must be in [0, 1), got " + dropout);
    }

    @Override
    public String toString() {
      return "AutoInt.Config[embedDim="
          + embedDim
          + ", layers="
          + layers
          + ", heads="
          + heads
          + ", headDim="
          + headDim
          + ", residual="
          + residual
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + "]";
    }
  }

  private final Parameter embedding;
  private final List<InteractingLayer> attention = new ArrayList<>();
  private final Linear out;
  private final MLP dnn;

  /** AutoInt (or AutoInt+ when {@code config.hidden()} is non-empty) over {@code schema}. */
  public AutoInt(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
    int d = config.embedDim();
    for (int l = 0; l < config.layers(); l++) {
      InteractingLayer layer =
          new InteractingLayer(d, config.heads(), config.headDim(), config.residual(), rng);
      attention.add(register("attention" + l, layer));
      d = layer.outputDim();
    }
    this.out = register("out", new Linear(schema.size() * d, 1, rng));
    this.dnn =
        config.hidden().length == 0
            ? null
            : register(
                "dnn",
                tower(schema.size() * config.embedDim(), config.hidden(), config.dropout(), rng));
  }

  @Override
  public String name() {
    return dnn == null ? "autoint" : "autoint+";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    Tensor e = embed(embedding, batch);
    Tensor h = e;
    for (InteractingLayer layer : attention) h = layer.forward(h);
    Tensor y = out.forward(ShapeOps.reshape(h, batch.size(), -1));
    if (dnn != null) y = MathOps.add(y, dnn.forward(ShapeOps.reshape(e, batch.size(), -1)));
    return squeeze(y);
  }
}
