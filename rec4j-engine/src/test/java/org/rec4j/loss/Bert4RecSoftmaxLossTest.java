package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.DTensor;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * {@link CatalogSoftmaxLoss}, the fused output softmax of BERT4Rec's cloze loss (named for the
 * model so that its test filter runs it): gradients of the hidden rows, the table and the bias
 * against a double-precision reference written from the formula, in the cached (one chunk) and
 * recomputing (several chunks) paths; padding rows take no part; equality with logits materialised
 * through the engine's matmul and {@link SoftmaxCrossEntropyLoss}.
 */
class Bert4RecSoftmaxLossTest {
  private static final int ROWS = 6, COUNT = 5, ITEMS = 7, D = 3;
  private static final int[] LABELS = {2, 0, 6, 2, 5, 1};

  /** mean over rows r < count of logsumexp(h_r·Eᵀ + b) − (h_r·E_y + b_y), in double. */
  static DTensor reference(DTensor h, DTensor e, DTensor b, int[] labels, int count) {
    double[] hv = h.values(), ev = e.values(), bv = b == null ? null : b.values();
    int n = e.dims()[0], d = e.dims()[1];
    double total = 0;
    for (int r = 0; r < count; r++) {
      double[] z = new double[n];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        double s = bv == null ? 0 : bv[j];
        for (int c = 0; c < d; c++) s += hv[r * d + c] * ev[j * d + c];
        z[j] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (double x : z) sum += Math.exp(x - max);
      total += max + Math.log(sum) - z[labels[r]];
    }
    return DTensor.of(new double[] {count == 0 ? 0 : total / count}, 1);
  }

  private static void checkWith(String what, int budget, boolean withBias, long seed) {
    Rng rng = new Rng(seed);
    Tensor h = GradCheck.param(rng, 1.5f, 0f, ROWS, D);
    Tensor e = GradCheck.param(rng, 1.5f, 0f, ITEMS, D);
    Tensor b = GradCheck.param(rng, 1f, 0f, ITEMS);
    CatalogSoftmaxLoss loss = new CatalogSoftmaxLoss(budget);
    if (withBias) {
      GradCheck.check(
          what,
          in -> loss.compute(in[0], in[1], in[2], LABELS, COUNT),
          r -> reference(r[0], r[1], r[2], LABELS, COUNT),
          h,
          e,
          b);
    } else {
      GradCheck.check(
          what,
          in -> loss.compute(in[0], in[1], null, LABELS, COUNT),
          r -> reference(r[0], r[1], null, LABELS, COUNT),
          h,
          e);
    }
    // the padding row (index COUNT) has no loss term, so no gradient
    float[] gh = h.gradTensor().data();
    for (int c = 0; c < D; c++) assertEquals(0f, gh[COUNT * D + c], what + ": padding row");
  }

  @Test
  void gradientsInOneChunkAndInSeveral() {
    checkWith("one chunk, bias", CatalogSoftmaxLoss.DEFAULT_LOGIT_BUDGET, true, 1);
    checkWith("one chunk, no bias", CatalogSoftmaxLoss.DEFAULT_LOGIT_BUDGET, false, 2);
    checkWith("chunks of 2 rows, bias", 2 * ITEMS, true, 3);
    checkWith("chunks of 1 row (budget below one row), bias", 3, true, 4);
    checkWith("chunks of 3 rows, no bias", 3 * ITEMS + 1, false, 5);
  }

  @Test
  void chunkSizeFollowsTheBudget() {
    Rng rng = new Rng(9);
    Tensor h = GradCheck.param(rng, 1f, 0f, ROWS, D), e = GradCheck.param(rng, 1f, 0f, ITEMS, D);
    CatalogSoftmaxLoss small = new CatalogSoftmaxLoss(2 * ITEMS);
    small.compute(h, e, null, LABELS, COUNT);
    assertEquals(2, small.chunkRows());
    CatalogSoftmaxLoss big = new CatalogSoftmaxLoss();
    big.compute(h, e, null, LABELS, COUNT);
    assertEquals(COUNT, big.chunkRows());
  }

  /** Same value and gradients as materialised logits h·Eᵀ + b through softmax cross-entropy. */
  @Test
  void equalsTheDecomposedForm() {
    Rng rng = new Rng(21);
    Tensor h = GradCheck.param(rng, 2f, 0f, COUNT, D);
    Tensor e = GradCheck.param(rng, 2f, 0f, ITEMS, D);
    Tensor b = GradCheck.param(rng, 1f, 0f, ITEMS);
    int[] y = java.util.Arrays.copyOf(LABELS, COUNT);
    for (int budget : new int[] {CatalogSoftmaxLoss.DEFAULT_LOGIT_BUDGET, ITEMS}) {
      Tensor fused = new CatalogSoftmaxLoss(budget).compute(h, e, b, y, COUNT);
      fused.backward();
      float[] gh = h.gradTensor().data(), ge = e.gradTensor().data(), gb = b.gradTensor().data();
      h.zeroGrad();
      e.zeroGrad();
      b.zeroGrad();
      Tensor ref =
          new SoftmaxCrossEntropyLoss()
              .compute(MathOps.add(LinAlg.matmul(h, e, false, true), b), y);
      ref.backward();
      assertEquals(ref.item(), fused.item(), 1e-5f);
      assertArrayEquals(h.gradTensor().data(), gh, 1e-5f);
      assertArrayEquals(e.gradTensor().data(), ge, 1e-5f);
      assertArrayEquals(b.gradTensor().data(), gb, 1e-5f);
      h.zeroGrad();
      e.zeroGrad();
      b.zeroGrad();
    }
  }

  @Test
  void noCountedRowGivesZeroAndNoGradient() {
    Rng rng = new Rng(5);
    Tensor h = GradCheck.param(rng, 1f, 0f, 2, D), e = GradCheck.param(rng, 1f, 0f, ITEMS, D);
    Tensor l = new CatalogSoftmaxLoss().compute(h, e, null, new int[2], 0);
    assertEquals(0f, l.item());
    l.backward();
    assertNull(e.grad());
  }

  @Test
  void shapesAndLabelsAreChecked() {
    CatalogSoftmaxLoss loss = new CatalogSoftmaxLoss();
    Tensor h = Tensor.zeros(2, D), e = Tensor.zeros(ITEMS, D);
    var wrongWidth =
        assertThrows(
            IllegalArgumentException.class,
            () -> loss.compute(h, Tensor.zeros(ITEMS, D + 1), null, new int[2], 2));
    assertTrue(wrongWidth.getMessage().contains("[R, d]"), wrongWidth.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> loss.compute(h, e, Tensor.zeros(ITEMS + 1), new int[2], 2));
    assertThrows(IllegalArgumentException.class, () -> loss.compute(h, e, null, new int[2], 3));
    assertThrows(
        IndexOutOfBoundsException.class, () -> loss.compute(h, e, null, new int[] {0, ITEMS}, 2));
    assertThrows(IllegalArgumentException.class, () -> new CatalogSoftmaxLoss(0));
  }
}
