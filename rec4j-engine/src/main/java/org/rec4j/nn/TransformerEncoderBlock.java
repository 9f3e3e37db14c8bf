package org.rec4j.nn;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * One Transformer encoder layer (Vaswani et al., NeurIPS 2017): multi-head self-attention and a
 * position-wise feed-forward network {@code FFN(x) = act(x·W₁ + b₁)·W₂ + b₂}, each wrapped in a
 * residual connection with layer normalization — the block stacked by SASRec (Kang &amp; McAuley,
 * ICDM 2018) and BERT4Rec (Sun et al., CIKM 2019).
 *
 * <ul>
 *   <li><b>post-LN</b> (original Transformer, BERT): {@code x = LN(x + Drop(MHA(x)))}, then {@code
 *       x = LN(x + Drop(FFN(x)))}
 *   <li><b>pre-LN</b> (Xiong et al., ICML 2020; SASRec's reference code): {@code x = x +
 *       Drop(MHA(LN(x)))}, then {@code x = x + Drop(FFN(LN(x)))}; a pre-LN stack usually ends with
 *       one more {@link LayerNorm}
 * </ul>
 *
 * <p>Shapes: input {@code x [B, L, dModel]}, optional key-padding mask {@code [B, L]} (non-zero =
 * padding), causal flag; parameters of a {@link MultiHeadAttention}, two {@link LayerNorm}s {@code
 * [dModel]} and the FFN's {@code W₁ [dModel, ffnDim]}, {@code W₂ [ffnDim, dModel]}; output {@code
 * [B, L, dModel]}. One dropout probability serves the attention weights, the FFN hidden layer and
 * both residual branches.
 */
public final class TransformerEncoderBlock extends Module {

  /**
   * Hyper-parameters of a {@link TransformerEncoderBlock}.
   *
   * @param dModel model width, a positive multiple of {@code heads}
   * @param heads attention heads, &gt; 0
   * @param ffnDim hidden width of the feed-forward network, &gt; 0
   * @param dropout dropout probability, in [0, 1)
   * @param activation FFN activation (BERT uses GELU, the original Transformer ReLU)
   * @param preNorm pre-LN if {@code true}, post-LN otherwise
   * @param eps layer-norm epsilon, &gt; 0
   */
  public record Config(
      int dModel,
      int heads,
      int ffnDim,
      float dropout,
      Activation activation,
      boolean preNorm,
      float eps) {
    /** Validates every field (the attention fields through {@link MultiHeadAttention.Config}). */
    public Config {
      new MultiHeadAttention.Config(dModel, heads, dropout);
      if (ffnDim <= 0)
        throw new IllegalArgumentException(
            "TransformerEncoderBlock ffnDim must be > 0, got " + ffnDim);
      if (activation == null)
        throw new IllegalArgumentException("TransformerEncoderBlock activation must not be null");
      if (!(eps > 0))
        throw new IllegalArgumentException("TransformerEncoderBlock eps must be > 0, got " + eps);
    }

    /** BERT-style defaults: ffnDim = 4·dModel, dropout 0.1, GELU, post-LN, eps 1e-5. */
    public static Config of(int dModel, int heads) {
      return new Config(
          dModel, heads, 4 * dModel, 0.1f, Activation.GELU, false, LayerNorm.DEFAULT_EPS);
    }

    /** This configuration with another FFN width. */
    public Config withFfnDim(int f) {
      return new Config(dModel, heads, f, dropout, activation, preNorm, eps);
    }

    /** This configuration with another dropout probability. */
    public Config withDropout(float p) {
      return new Config(dModel, heads, ffnDim, p, activation, preNorm, eps);
    }

    /** This configuration with another FFN activation. */
    public Config withActivation(Activation a) {
      return new Config(dModel, heads, ffnDim, dropout, a, preNorm, eps);
    }

    /** This configuration as pre-LN ({@code true}) or post-LN. */
    public Config withPreNorm(boolean on) {
      return new Config(dModel, heads, ffnDim, dropout, activation, on, eps);
    }
  }

  private final Config config;
  private final MultiHeadAttention attention;
  private final LayerNorm norm1;
  private final LayerNorm norm2;
  private final Linear ffnIn;
  private final Linear ffnOut;
  private final Dropout ffnDrop;
  private final Dropout drop1;
  private final Dropout drop2;

  /** A block configured by {@code config}; weights and dropout masks come from {@code rng}. */
  public TransformerEncoderBlock(Config config, Rng rng) {
    this.config = config;
    int d = config.dModel();
    this.attention =
        register(
            "attention",
            new MultiHeadAttention(
                new MultiHeadAttention.Config(d, config.heads(), config.dropout()), rng));
    this.norm1 = register("norm1", new LayerNorm(d, config.eps()));
    this.ffnIn =
        register(
            "ffnIn",
            new Linear(
                Linear.Config.of(d, config.ffnDim()).withActivation(config.activation()), rng));
    this.ffnOut = register("ffnOut", new Linear(config.ffnDim(), d, rng));
    this.norm2 = register("norm2", new LayerNorm(d, config.eps()));
    this.ffnDrop = register("ffnDrop", new Dropout(config.dropout(), rng.split()));
    this.drop1 = register("drop1", new Dropout(config.dropout(), rng.split()));
    this.drop2 = register("drop2", new Dropout(config.dropout(), rng.split()));
  }

  /**
   * {@code x [B, L, dModel]} → {@code [B, L, dModel]}; {@code keyPaddingMask [B, L]} may be {@code
   * null}.
   */
  public Tensor forward(Tensor x, Tensor keyPaddingMask, boolean causal) {
    if (config.preNorm()) {
      Tensor h = norm1.forward(x);
      x = MathOps.add(x, drop1.forward(attention.forward(h, keyPaddingMask, causal)));
      return MathOps.add(x, drop2.forward(ffn(norm2.forward(x))));
    }
    x = norm1.forward(MathOps.add(x, drop1.forward(attention.forward(x, keyPaddingMask, causal))));
    return norm2.forward(MathOps.add(x, drop2.forward(ffn(x))));
  }

  /** The position-wise feed-forward network {@code [..., dModel] → [..., dModel]}. */
  private Tensor ffn(Tensor x) {
    return ffnOut.forward(ffnDrop.forward(ffnIn.forward(x)));
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  /** The self-attention sub-layer. */
  public MultiHeadAttention attention() {
    return attention;
  }
}
