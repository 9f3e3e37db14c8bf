package org.rec4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * A stack of {@link TransformerEncoderBlock}s sharing one configuration, as the sequence encoders
 * of SASRec (Kang &amp; McAuley, ICDM 2018; causal) and BERT4Rec (Sun et al., CIKM 2019;
 * bidirectional). A pre-LN stack ends with a final {@link LayerNorm} (Xiong et al., ICML 2020); a
 * post-LN stack's output is already normalized.
 *
 * <ul>
 *   <li>input {@code x [B, L, dModel]}, optional key-padding mask {@code [B, L]} (non-zero =
 *       padding), causal flag
 *   <li>parameters: {@code layers} blocks (children {@code "block0"}, {@code "block1"}, …) and, for
 *       pre-LN, {@code "finalNorm"} {@code [dModel]}
 *   <li>output {@code [B, L, dModel]}
 * </ul>
 */
public final class TransformerEncoder extends Module {
  private final List<TransformerEncoderBlock> blocks = new ArrayList<>();
  private final LayerNorm finalNorm;

  /**
   * {@code layers ≥ 1} blocks configured by {@code block}; weights and dropout masks come from
   * {@code rng}.
   */
  public TransformerEncoder(TransformerEncoderBlock.Config block, int layers, Rng rng) {
    if (layers < 1)
      throw new IllegalArgumentException("TransformerEncoder layers must be >= 1, got " + layers);
    for (int i = 0; i < layers; i++)
      blocks.add(register("block" + i, new TransformerEncoderBlock(block, rng)));
    this.finalNorm =
        block.preNorm() ? register("finalNorm", new LayerNorm(block.dModel(), block.eps())) : null;
  }

  /** {@code x [B, L, dModel]} through every block (and the final norm of a pre-LN stack). */
  public Tensor forward(Tensor x, Tensor keyPaddingMask, boolean causal) {
    for (TransformerEncoderBlock b : blocks) x = b.forward(x, keyPaddingMask, causal);
    return finalNorm == null ? x : finalNorm.forward(x);
  }

  /** The blocks, input side first. */
  public List<TransformerEncoderBlock> blocks() {
    return List.copyOf(blocks);
  }
}
