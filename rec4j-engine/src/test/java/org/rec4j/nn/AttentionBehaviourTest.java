package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Masking, causality and mode behaviour of attention, transformer blocks and positional encodings.
 */
class AttentionBehaviourTest {
  private static final int B = 2;
  private static final int L = 5;
  private static final int D = 8;

  /** Position {@code t} of every sequence in {@code [B, L, D]}, as a flat copy. */
  private static float[] position(Tensor y, int t) {
    float[] out = new float[B * D];
    for (int b = 0; b < B; b++) System.arraycopy(y.data(), (b * L + t) * D, out, b * D, D);
    return out;
  }

  /**
   * Asserts that changing the inputs at position {@code t} leaves outputs before t unchanged and
   * changes t.
   */
  private static void assertCausal(String what, Function<Tensor, Tensor> f, int t) {
    Tensor x = Tensor.randn(new Rng(11), 1f, B, L, D);
    Tensor y0 = f.apply(x);
    Tensor x2 = x.copy();
    for (int b = 0; b < B; b++) for (int j = 0; j < D; j++) x2.set(x2.get(b, t, j) + 1.5f, b, t, j);
    Tensor y1 = f.apply(x2);
    for (int s = 0; s < t; s++)
      assertArrayEquals(
          position(y0, s), position(y1, s), 1e-6f, what + ": position " + s + " saw position " + t);
    assertFalse(
        java.util.Arrays.equals(position(y0, t), position(y1, t)),
        what + ": position " + t + " should see itself");
  }

  @Test
  void causalAttentionIgnoresTheFuture() {
    MultiHeadAttention mha = new MultiHeadAttention(D, 2, 0f, new Rng(1));
    for (int t = 1; t < L; t++) assertCausal("MHA", x -> mha.forward(x, null, true), t);
  }

  @Test
  void causalTransformerStackIgnoresTheFuture() {
    for (boolean pre : new boolean[] {false, true}) {
      var cfg = TransformerEncoderBlock.Config.of(D, 2).withPreNorm(pre);
      TransformerEncoderBlock b1 = new TransformerEncoderBlock(cfg, new Rng(2));
      TransformerEncoderBlock b2 = new TransformerEncoderBlock(cfg, new Rng(3));
      b1.train(false);
      b2.train(false);
      for (int t = 1; t < L; t++)
        assertCausal(
            "2 blocks pre=" + pre, x -> b2.forward(b1.forward(x, null, true), null, true), t);
    }
  }

  @Test
  void paddedKeysAreIgnored() {
    MultiHeadAttention mha = new MultiHeadAttention(D, 4, 0f, new Rng(4));
    // SASRec-style left padding: sequence 0 has two pads, sequence 1 none
    Tensor pad = AttentionMasks.padding(new int[] {0, 0, 3, 4, 5, 1, 2, 3, 4, 5}, B, L, 0);
    Tensor x = Tensor.randn(new Rng(5), 1f, B, L, D);
    Tensor y0 = mha.forward(x, pad, false);
    Tensor x2 = x.copy();
    for (int j = 0; j < D; j++) x2.set(9f, 0, 1, j); // change a padded key of sequence 0
    Tensor y1 = mha.forward(x2, pad, false);
    for (int t = 2; t < L; t++) {
      for (int j = 0; j < D; j++)
        assertEquals(
            y0.get(0, t, j), y1.get(0, t, j), 1e-6f, "position " + t + " attended to padding");
    }
    for (int t = 0; t < L; t++)
      for (int j = 0; j < D; j++) assertEquals(y0.get(1, t, j), y1.get(1, t, j), 0f);
  }

  @Test
  void masksHaveTheDocumentedLayout() {
    assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1, 0, 0, 0}, AttentionMasks.causal(3).data());
    assertArrayEquals(
        new float[] {1, 0, 0, 1}, AttentionMasks.padding(new int[] {0, 7, 3, 0}, 2, 2, 0).data());
    Tensor m =
        AttentionMasks.combine(Tensor.of(new float[] {0, 0, 1, 1, 0, 0}, 2, 3), true, 2, 2, 3, 3);
    assertArrayEquals(new int[] {4, 3, 3}, m.dims());
    assertEquals(1f, m.get(0, 0, 1)); // causal
    assertEquals(1f, m.get(1, 1, 2)); // padding of sequence 0, head 1
    assertEquals(0f, m.get(2, 2, 1)); // sequence 1, visible past key
    assertEquals(1f, m.get(3, 2, 0)); // padding of sequence 1
    assertThrows(IllegalArgumentException.class, () -> AttentionMasks.padding(new int[3], 2, 2, 0));
  }

  @Test
  void evalModeIsDeterministicAndTrainingDropsOut() {
    var cfg = TransformerEncoderBlock.Config.of(D, 2).withDropout(0.3f);
    TransformerEncoderBlock block = new TransformerEncoderBlock(cfg, new Rng(6));
    Tensor x = Tensor.randn(new Rng(7), 1f, B, L, D);
    Tensor a = block.forward(x, null, false);
    Tensor b = block.forward(x, null, false);
    assertFalse(
        java.util.Arrays.equals(a.data(), b.data()),
        "dropout masks should differ between training steps");
    block.train(false);
    assertFalse(block.attention().isTraining());
    assertArrayEquals(block.forward(x, null, false).data(), block.forward(x, null, false).data());
  }

  @Test
  void sinusoidalEncodingMatchesTheFormula() {
    SinusoidalPositionalEncoding pe = new SinusoidalPositionalEncoding(50, 6);
    Tensor e = pe.encoding(50);
    for (int p : new int[] {0, 1, 7, 49}) {
      for (int i = 0; i < 3; i++) {
        double angle = p / Math.pow(10000, 2.0 * i / 6);
        assertEquals(Math.sin(angle), e.get(p, 2 * i), 1e-6, "PE(" + p + ", " + 2 * i + ")");
        assertEquals(
            Math.cos(angle), e.get(p, 2 * i + 1), 1e-6, "PE(" + p + ", " + (2 * i + 1) + ")");
      }
    }
    Tensor x = Tensor.zeros(2, 3, 6);
    Tensor y = pe.forward(x);
    assertEquals(Math.sin(2.0), y.get(1, 2, 0), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> pe.forward(Tensor.zeros(51, 6)));
    assertTrue(
        new SinusoidalPositionalEncoding(4, 5).encoding(4).get(3, 4) != 0f,
        "odd widths are filled");
  }

  @Test
  void configsRejectBadValues() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new MultiHeadAttention(6, 4, 0f, new Rng(1)));
    assertTrue(e.getMessage().contains("6"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TransformerEncoderBlock.Config.of(8, 2).withDropout(1f));
    assertThrows(
        IllegalArgumentException.class,
        () -> TransformerEncoderBlock.Config.of(8, 2).withFfnDim(0));
    MultiHeadAttention mha = new MultiHeadAttention(4, 2, 0f, new Rng(1));
    assertThrows(
        IllegalArgumentException.class, () -> mha.forward(Tensor.zeros(2, 3, 5), null, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> mha.forward(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 4), false));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            mha.forward(
                Tensor.zeros(1, 2, 4), Tensor.zeros(1, 3, 4), Tensor.zeros(1, 3, 4), null, true));
  }
}
