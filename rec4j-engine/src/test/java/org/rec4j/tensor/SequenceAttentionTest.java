package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.tensor.GradCheck.check;
import static org.rec4j.tensor.GradCheck.param;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.SequenceOps.Pattern;

/**
 * Packed-sequence attention: gradients of every pattern against the double reference, equality with
 * the dense padded computation it replaces, dropout's backward with its saved mask, the explain
 * weights, and the error messages.
 */
class SequenceAttentionTest {
  private static final int[] RAGGED = {0, 0, 1, 4, 9}; // lengths 0, 1, 3, 5

  /** Lengths 3, 17 and 20: the two long ones take the matrix-product path (≥ BLOCK_MIN). */
  private static final int[] LONG = {0, 3, 20, 40};

  private static void checkPattern(String what, Pattern pat, int heads, int relK, long seed) {
    Rng rng = new Rng(seed);
    int d = 4;
    Tensor q = param(rng, 1f, 0f, 9, d);
    Tensor k = param(rng, 1f, 0f, 9, d);
    Tensor v = param(rng, 1f, 0f, 9, d);
    if (relK == 0) {
      check(
          what,
          in ->
              SequenceOps.attention(in[0], in[1], in[2], null, RAGGED, heads, pat, 0f, false, null),
          r ->
              Ref.sequenceAttention(
                  r[0], r[1], r[2], null, RAGGED, heads, pat.causal(), pat.window(), pat.stride()),
          q,
          k,
          v);
    } else {
      Tensor a = param(rng, 1f, 0f, 2 * relK + 1, d / heads);
      check(
          what,
          in ->
              SequenceOps.attention(
                  in[0], in[1], in[2], in[3], RAGGED, heads, pat, 0f, false, null),
          r ->
              Ref.sequenceAttention(
                  r[0], r[1], r[2], r[3], RAGGED, heads, pat.causal(), pat.window(), pat.stride()),
          q,
          k,
          v,
          a);
    }
  }

  @Test
  void gradientsOfEveryPattern() {
    checkPattern("causal", Pattern.CAUSAL, 1, 0, 1);
    checkPattern("causal 2 heads", Pattern.CAUSAL, 2, 0, 2);
    checkPattern("bidirectional", Pattern.BIDIRECTIONAL, 2, 0, 3);
    checkPattern("local causal w=2", new Pattern(true, 2, 0), 1, 0, 4);
    checkPattern("local bidirectional w=2", new Pattern(false, 2, 0), 2, 0, 5);
    checkPattern("strided causal s=2", new Pattern(true, 0, 2), 1, 0, 6);
    checkPattern("strided bidirectional s=3", new Pattern(false, 0, 3), 2, 0, 7);
    checkPattern("relative K=2 causal", Pattern.CAUSAL, 2, 2, 8);
    checkPattern("relative K=1 bidirectional", Pattern.BIDIRECTIONAL, 1, 1, 9);
    checkPattern("relative K=3 local", new Pattern(true, 3, 0), 2, 3, 10);
  }

  /** The matrix-product path for long sequences: gradients and its dropout backward. */
  @Test
  void gradientsOfTheMatrixProductPath() {
    for (int heads : new int[] {1, 2}) {
      for (SequenceOps.Pattern pat :
          new SequenceOps.Pattern[] {Pattern.CAUSAL, Pattern.BIDIRECTIONAL}) {
        Rng rng = new Rng(20 + heads);
        Tensor q = param(rng, 1f, 0f, 40, 4),
            k = param(rng, 1f, 0f, 40, 4),
            v = param(rng, 1f, 0f, 40, 4);
        check(
            "block " + pat + " heads " + heads,
            in ->
                SequenceOps.attention(in[0], in[1], in[2], null, LONG, heads, pat, 0f, false, null),
            r ->
                Ref.sequenceAttention(
                    r[0], r[1], r[2], null, LONG, heads, pat.causal(), pat.window(), pat.stride()),
            q,
            k,
            v);
      }
    }
    Rng init = new Rng(23);
    Tensor q = param(init, 1f, 0f, 40, 4),
        k = param(init, 1f, 0f, 40, 4),
        v = param(init, 1f, 0f, 40, 4);
    check(
        "block dropout",
        in ->
            SequenceOps.attention(
                in[0], in[1], in[2], null, LONG, 2, Pattern.CAUSAL, 0.3f, true, new Rng(78)),
        r -> droppedReference(r[0], r[1], r[2], LONG, 2, 0.3f, new Rng(78)),
        q,
        k,
        v);
  }

  /**
   * The packed op gives, on every real row, exactly what the dense left-padded computation (padded
   * keys and future keys masked) gives: packing changes cost, not results.
   */
  @Test
  void packedEqualsDenseLeftPadded() {
    Rng rng = new Rng(11);
    int len = 24, d = 3;
    int[] lengths = {2, 24, 1, 4, 19};
    int b = lengths.length;
    int[] offsets = new int[b + 1];
    for (int i = 0; i < b; i++) offsets[i + 1] = offsets[i] + lengths[i];
    Tensor q = param(rng, 1f, 0f, offsets[b], d);
    Tensor k = param(rng, 1f, 0f, offsets[b], d);
    Tensor v = param(rng, 1f, 0f, offsets[b], d);
    Tensor packed =
        SequenceOps.attention(q, k, v, null, offsets, 1, Pattern.CAUSAL, 0f, false, null);
    Tensor qd = Tensor.zeros(b, len, d), kd = Tensor.zeros(b, len, d), vd = Tensor.zeros(b, len, d);
    Tensor mask = Tensor.zeros(b, len, len);
    for (int s = 0; s < b; s++) {
      int pad = len - lengths[s];
      for (int t = 0; t < lengths[s]; t++) {
        for (int c = 0; c < d; c++) {
          int src = (offsets[s] + t) * d + c, dst = (s * len + pad + t) * d + c;
          qd.data()[dst] = q.data()[src];
          kd.data()[dst] = k.data()[src];
          vd.data()[dst] = v.data()[src];
        }
      }
      for (int i = 0; i < len; i++)
        for (int j = 0; j < len; j++)
          mask.data()[(s * len + i) * len + j] = j > i || j < pad ? 1f : 0f;
    }
    Tensor dense = NnOps.attention(qd, kd, vd, mask, 0f, false, null);
    for (int s = 0; s < b; s++) {
      int pad = len - lengths[s];
      for (int t = 0; t < lengths[s]; t++)
        for (int c = 0; c < d; c++)
          assertEquals(
              dense.data()[(s * len + pad + t) * d + c],
              packed.data()[(offsets[s] + t) * d + c],
              1e-6,
              "sequence " + s + " token " + t);
    }
  }

  /**
   * With dropout the backward uses the forward's saved mask: the engine's gradient equals the
   * double reference evaluated with the same mask (drawn by replaying the op's random stream).
   */
  @Test
  void dropoutBackwardUsesTheSavedMask() {
    float p = 0.3f;
    Rng init = new Rng(12);
    int d = 4;
    Tensor q = param(init, 1f, 0f, 9, d);
    Tensor k = param(init, 1f, 0f, 9, d);
    Tensor v = param(init, 1f, 0f, 9, d);
    check(
        "attention dropout",
        in ->
            SequenceOps.attention(
                in[0], in[1], in[2], null, RAGGED, 2, Pattern.CAUSAL, p, true, new Rng(77)),
        r -> droppedReference(r[0], r[1], r[2], RAGGED, 2, p, new Rng(77)),
        q,
        k,
        v);
  }

  /** Causal attention in double with the dropout mask drawn in the op's order (b, h, i, j ≤ i). */
  private static DTensor droppedReference(
      DTensor q, DTensor k, DTensor v, int[] offsets, int heads, float p, Rng rng) {
    int d = q.dims[1], dh = d / heads;
    DTensor out = DTensor.zeros(q.dims[0], d);
    for (int b = 0; b + 1 < offsets.length; b++) {
      int s0 = offsets[b], n = offsets[b + 1] - s0;
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < n; i++) {
          double[] s = new double[i + 1];
          double max = Double.NEGATIVE_INFINITY, sum = 0;
          for (int j = 0; j <= i; j++) {
            for (int c = 0; c < dh; c++)
              s[j] += q.v[(s0 + i) * d + h * dh + c] * k.v[(s0 + j) * d + h * dh + c];
            s[j] /= Math.sqrt(dh);
            max = Math.max(max, s[j]);
          }
          for (int j = 0; j <= i; j++) sum += Math.exp(s[j] - max);
          for (int j = 0; j <= i; j++) {
            double w = Math.exp(s[j] - max) / sum;
            w = rng.nextFloat() >= p ? w / (1 - p) : 0;
            for (int c = 0; c < dh; c++)
              out.v[(s0 + i) * d + h * dh + c] += w * v.v[(s0 + j) * d + h * dh + c];
          }
        }
      }
    }
    return out;
  }

  @Test
  void explainWeightsAreTheLastQuerysProbabilities() {
    Rng rng = new Rng(13);
    Tensor q = Tensor.uniform(rng, -1, 1, 9, 4), k = Tensor.uniform(rng, -1, 1, 9, 4);
    float[][] w = SequenceOps.lastQueryWeights(q, k, null, RAGGED, 2, Pattern.CAUSAL);
    assertEquals(0, w[0].length);
    assertArrayEquals(new float[] {1f}, w[1], 1e-6f);
    for (int b = 2; b < 4; b++) {
      double sum = 0;
      for (float x : w[b]) {
        assertTrue(x > 0);
        sum += x;
      }
      assertEquals(1, sum, 1e-5);
    }
    float[][] local = SequenceOps.lastQueryWeights(q, k, null, RAGGED, 1, new Pattern(true, 2, 0));
    assertEquals(0f, local[3][0]);
    assertEquals(0f, local[3][2]);
    assertEquals(1, local[3][3] + local[3][4], 1e-6);
    // a query that sees keys {i} only attends fully to itself
    float[][] self = SequenceOps.lastQueryWeights(q, k, null, RAGGED, 1, new Pattern(true, 1, 0));
    assertEquals(1f, self[3][4], 1e-6f);
  }

  @Test
  void badInputsSayWhatWasExpected() {
    Tensor x = Tensor.zeros(5, 4);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SequenceOps.attention(
                    x, x, x, null, new int[] {0, 3}, 1, Pattern.CAUSAL, 0f, false, null));
    assertTrue(e.getMessage().contains("end at T = 5"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SequenceOps.attention(
                    x, x, x, null, new int[] {0, 4, 2, 5}, 1, Pattern.CAUSAL, 0f, false, null));
    assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SequenceOps.attention(
                    x, x, x, null, new int[] {0, 5}, 3, Pattern.CAUSAL, 0f, false, null));
    assertTrue(e.getMessage().contains("divide d = 4"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SequenceOps.attention(
                    x,
                    x,
                    x,
                    Tensor.zeros(2, 4),
                    new int[] {0, 5},
                    1,
                    Pattern.CAUSAL,
                    0f,
                    false,
                    null));
    assertTrue(e.getMessage().contains("[2K+1, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Pattern(true, 2, 2));
    assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
  }
}
