package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Checks the residual/normalization wiring of {@link TransformerEncoderBlock} against the formulas
 * of its javadoc, written out with independently built sub-layers that receive the same weights
 * (same seed, same construction order).
 */
class TransformerWiringTest {
  private static final int D = 8;

  @Test
  void postAndPreNormFollowTheirFormulas() {
    Tensor x = Tensor.randn(new Rng(1), 1f, 2, 4, D);
    Tensor pad = AttentionMasks.padding(new int[] {0, 1, 2, 3, 4, 5, 6, 0}, 2, 4, 0);
    for (boolean pre : new boolean[] {false, true}) {
      var cfg =
          TransformerEncoderBlock.Config.of(D, 2)
              .withFfnDim(12)
              .withDropout(0f)
              .withPreNorm(pre)
              .withActivation(Activation.RELU);
      TransformerEncoderBlock block = new TransformerEncoderBlock(cfg, new Rng(5));

      Rng rng =
          new Rng(5); // the block's construction order: attention, norm1, ffnIn, ffnOut, norm2
      MultiHeadAttention mha = new MultiHeadAttention(D, 2, 0f, rng);
      LayerNorm n1 = new LayerNorm(D);
      Linear f1 = new Linear(Linear.Config.of(D, 12).withActivation(Activation.RELU), rng);
      Linear f2 = new Linear(12, D, rng);
      LayerNorm n2 = new LayerNorm(D);
      Tensor expected;
      if (pre) {
        Tensor h = MathOps.add(x, mha.forward(n1.forward(x), pad, true));
        expected = MathOps.add(h, f2.forward(f1.forward(n2.forward(h))));
      } else {
        Tensor h = n1.forward(MathOps.add(x, mha.forward(x, pad, true)));
        expected = n2.forward(MathOps.add(h, f2.forward(f1.forward(h))));
      }
      assertArrayEquals(
          expected.data(), block.forward(x, pad, true).data(), 1e-6f, "preNorm=" + pre);
    }
  }
}
