package org.rec4j.nn;

import org.rec4j.tensor.Activations;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.NnOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * The interacting layer of AutoInt (Song et al., "AutoInt: Automatic Feature Interaction Learning
 * via Self-Attentive Neural Networks", CIKM 2019, arXiv:1810.11921): multi-head self-attention over
 * the field embeddings of one example, {@code ẽ_m = ‖_h Σ_k α^h_{m,k} W^h_V e_k} with {@code α^h =
 * softmax_k(⟨W^h_Q e_m, W^h_K e_k⟩)}, followed by the residual {@code ReLU(ẽ_m + W_Res e_m)}.
 *
 * <ul>
 *   <li>input {@code e [B, F, d]}
 *   <li>parameters {@code query, key, value, residual} {@link Linear} maps {@code [d, H·d']}
 *       without bias
 *   <li>output {@code [B, F, H·d']}
 * </ul>
 *
 * <p>{@link MultiHeadAttention} is not reused because AutoInt has no output projection, no biases
 * and a per-head width independent of the input width. Departure: scores are scaled by {@code
 * 1/√d'} (the engine's {@link NnOps#attention}), which the paper's equation omits; it only rescales
 * the initial logits.
 */
public final class InteractingLayer extends Module {
  private final int inDim;
  private final int heads;
  private final int headDim;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear residual;

  /** An interacting layer {@code d → heads·headDim}; weights from {@code rng}. */
  public InteractingLayer(int inDim, int heads, int headDim, boolean useResidual, Rng rng) {
    if (inDim <= 0 || heads <= 0 || headDim <= 0) {
      throw new IllegalArgumentException(
          "InteractingLayer dims must be > 0, got in "
              + inDim
              + ", heads "
              + heads
              + ", headDim "
              + headDim);
    }
    this.inDim = inDim;
    this.heads = heads;
    this.headDim = headDim;
    Linear.Config c = Linear.Config.of(inDim, heads * headDim).withBias(false);
    this.query = register("query", new Linear(c, rng));
    this.key = register("key", new Linear(c, rng));
    this.value = register("value", new Linear(c, rng));
    this.residual = useResidual ? register("residual", new Linear(c, rng)) : null;
  }

  /** {@code e [B, F, d] → [B, F, H·d']}. */
  public Tensor forward(Tensor e) {
    if (e.rank() != 3 || e.dim(2) != inDim)
      throw new IllegalArgumentException(
          "InteractingLayer expects [B, F, " + inDim + "], got " + e.shape());
    int batch = e.dim(0);
    Tensor att =
        NnOps.attention(
            split(query.forward(e)),
            split(key.forward(e)),
            split(value.forward(e)),
            null,
            0f,
            false,
            null);
    Tensor out = merge(att, batch);
    if (residual != null) out = MathOps.add(out, residual.forward(e));
    return Activations.relu(out);
  }

  /** Output width {@code H·d'}. */
  public int outputDim() {
    return heads * headDim;
  }

  private Tensor split(Tensor x) {
    int batch = x.dim(0), len = x.dim(1);
    Tensor t = ShapeOps.permute(ShapeOps.reshape(x, batch, len, heads, headDim), 0, 2, 1, 3);
    return ShapeOps.reshape(t, batch * heads, len, headDim);
  }

  private Tensor merge(Tensor x, int batch) {
    int len = x.dim(1);
    Tensor t = ShapeOps.permute(ShapeOps.reshape(x, batch, heads, len, headDim), 0, 2, 1, 3);
    return ShapeOps.reshape(t, batch, len, heads * headDim);
  }
}
