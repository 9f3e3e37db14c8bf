package org.rec4j.nn;

import org.rec4j.tensor.NnOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Multi-head scaled dot-product attention (Vaswani et al., "Attention Is All You Need", NeurIPS
 * 2017): {@code concat(head₁ … head_H)·W_o} with {@code head_h = softmax(q_h·k_hᵀ/√d_h + mask)·v_h}
 * and {@code q = query·W_q}, {@code k = key·W_k}, {@code v = value·W_v}.
 *
 * <ul>
 *   <li>input {@code query [B, Lq, dModel]}, {@code key} and {@code value [B, Lk, dModel]};
 *       optional key-padding mask {@code [B, Lk]} (non-zero = padding, see {@link
 *       AttentionMasks#padding}) and a causal flag (query t sees keys 0..t; needs Lq = Lk)
 *   <li>parameters: four {@link Linear} projections {@code q, k, v, o} with {@code W [dModel,
 *       dModel]} and bias
 *   <li>output {@code [B, Lq, dModel]}
 * </ul>
 *
 * <p>Heads are split by reshaping {@code [B, L, dModel] → [B, L, H, d_h]} and permuting to {@code
 * [B·H, L, d_h]}; attention is {@link NnOps#attention}, with dropout on the attention probabilities
 * in training mode. A query row whose keys are all masked (e.g. a padded position under a causal
 * mask) attends uniformly to all keys; its output is meaningless and should be ignored or masked
 * downstream.
 */
public final class MultiHeadAttention extends Module {

  /**
   * Hyper-parameters of a {@link MultiHeadAttention}.
   *
   * @param dModel model width, a positive multiple of {@code heads}
   * @param heads number of heads, &gt; 0
   * @param dropout dropout on the attention probabilities, in [0, 1)
   */
  public record Config(int dModel, int heads, float dropout) {
    /** Validates every field. */
    public Config {
      if (heads <= 0)
        throw new IllegalArgumentException("MultiHeadAttention heads must be > 0, got " + heads);
      if (dModel <= 0 || dModel % heads != 0) {
        throw new IllegalArgumentException(
            "MultiHeadAttention dModel must be a positive multiple of heads "
                + heads
                + ", got "
                + dModel);
      }
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException(
            "MultiHeadAttention dropout must be in [0, 1), got " + dropout);
    }

    /** Width of one head, {@code dModel / heads}. */
    public int headDim() {
      return dModel / heads;
    }
  }

  private final Config config;
  private final Linear q;
  private final Linear k;
  private final Linear v;
  private final Linear o;
  private final Rng rng;

  /**
   * Attention of width {@code dModel} with {@code heads} heads and attention dropout {@code
   * dropout}.
   */
  public MultiHeadAttention(int dModel, int heads, float dropout, Rng rng) {
    this(new Config(dModel, heads, dropout), rng);
  }

  /**
   * Attention configured by {@code config}; projections and dropout masks come from {@code rng}.
   */
  public MultiHeadAttention(Config config, Rng rng) {
    this.config = config;
    int d = config.dModel();
    this.q = register("q", new Linear(d, d, rng));
    this.k = register("k", new Linear(d, d, rng));
    this.v = register("v", new Linear(d, d, rng));
    this.o = register("o", new Linear(d, d, rng));
    this.rng = rng.split();
  }

  /** Self-attention over {@code x [B, L, dModel]}. */
  public Tensor forward(Tensor x, Tensor keyPaddingMask, boolean causal) {
    return forward(x, x, x, keyPaddingMask, causal);
  }

  /** Attention of {@code query [B, Lq, dModel]} over {@code key}, {@code value [B, Lk, dModel]}. */
  public Tensor forward(
      Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean causal) {
    int d = config.dModel();
    checkInput("query", query, d);
    checkInput("key", key, d);
    checkInput("value", value, d);
    int batch = query.dim(0), lq = query.dim(1), lk = key.dim(1);
    if (key.dim(0) != batch || value.dim(0) != batch || value.dim(1) != lk) {
      throw new IllegalArgumentException(
          "MultiHeadAttention: query "
              + query.shape()
              + ", key "
              + key.shape()
              + " and value "
              + value.shape()
              + " must share the batch, key and value the length");
    }
    if (causal && lq != lk)
      throw new IllegalArgumentException(
          "causal attention needs Lq = Lk, got " + lq + " and " + lk);
    Tensor mask = AttentionMasks.combine(keyPaddingMask, causal, batch, config.heads(), lq, lk);
    Tensor heads =
        NnOps.attention(
            split(q.forward(query)),
            split(k.forward(key)),
            split(v.forward(value)),
            mask,
            config.dropout(),
            isTraining(),
            rng);
    return o.forward(merge(heads, batch));
  }

  /** {@code [B, L, dModel] → [B·H, L, d_h]}. */
  private Tensor split(Tensor x) {
    int batch = x.dim(0), len = x.dim(1), h = config.heads();
    Tensor t = ShapeOps.permute(ShapeOps.reshape(x, batch, len, h, config.headDim()), 0, 2, 1, 3);
    return ShapeOps.reshape(t, batch * h, len, config.headDim());
  }

  /** {@code [B·H, L, d_h] → [B, L, dModel]}. */
  private Tensor merge(Tensor x, int batch) {
    int len = x.dim(1), h = config.heads();
    Tensor t = ShapeOps.permute(ShapeOps.reshape(x, batch, h, len, config.headDim()), 0, 2, 1, 3);
    return ShapeOps.reshape(t, batch, len, config.dModel());
  }

  private static void checkInput(String what, Tensor t, int d) {
    if (t.rank() != 3 || t.dim(2) != d) {
      throw new IllegalArgumentException(
          "MultiHeadAttention " + what + " must be [B, L, " + d + "], got " + t.shape());
    }
  }

  /** The configuration. */
  public Config config() {
    return config;
  }
}
