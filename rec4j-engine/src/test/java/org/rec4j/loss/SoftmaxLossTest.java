package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.assertClose;
import static org.rec4j.loss.LossTesting.assertFiniteWithGradients;
import static org.rec4j.loss.LossTesting.constant;
import static org.rec4j.loss.LossTesting.reduce;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.DTensor;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/** Fused softmax cross-entropy (labels and soft targets) and sampled softmax with its options. */
class SoftmaxLossTest {
  private final Rng rng = new Rng(2015);

  private int[] randomLabels(int b, int c) {
    int[] y = new int[b];
    for (int i = 0; i < b; i++) y[i] = rng.nextInt(c);
    return y;
  }

  /** −log softmax(x)[b, y_b] from engine primitives: the decomposed form of the fused kernel. */
  private static Tensor decomposed(Tensor logits, int[] labels) {
    return MathOps.neg(
        ShapeOps.reshape(
            IndexOps.gather(ReduceOps.logSoftmax(logits, 1), 1, labels, 1), labels.length));
  }

  @Test
  void uniformLogitsGiveLogC() {
    int c = 7;
    Tensor loss = new SoftmaxCrossEntropyLoss().compute(Tensor.full(3.5f, 2, c), new int[] {0, 6});
    assertEquals(Math.log(c), loss.item(), 1e-6);
  }

  @Test
  void fusedMatchesDecomposedValuesAndGradients() {
    Tensor x = GradCheck.param(rng, 4f, 0.1f, 5, 6);
    int[] y = randomLabels(5, 6);
    Tensor fused = new SoftmaxCrossEntropyLoss(Reduction.NONE).compute(x, y);
    Tensor ref = decomposed(x, y);
    assertClose(ref.data(), fused.data(), 1e-5);
    x.zeroGrad();
    ReduceOps.sum(fused).backward();
    float[] gFused = x.gradTensor().data();
    x.zeroGrad();
    ReduceOps.sum(ref).backward();
    assertClose(x.gradTensor().data(), gFused, 1e-5);
  }

  @Test
  void softTargetsWithOneHotEqualLabels() {
    Tensor x = GradCheck.param(rng, 3f, 0.1f, 4, 5);
    int[] y = randomLabels(4, 5);
    Tensor soft =
        new SoftmaxCrossEntropyLoss(Reduction.NONE).computeSoft(x, IndexOps.oneHot(y, 5), null);
    assertClose(
        new SoftmaxCrossEntropyLoss(Reduction.NONE).compute(x, y).data(), soft.data(), 1e-6);
  }

  @Test
  void gradients() {
    Tensor x = GradCheck.param(rng, 3f, 0.1f, 4, 5);
    int[] y = randomLabels(4, 5);
    Tensor t = GradCheck.positive(rng, 0f, 1f, 4, 5);
    Tensor w = GradCheck.positive(rng, 0.2f, 2f, 4).requiresGrad(false);
    DTensor wd = DTensor.of(w);
    for (Reduction r : Reduction.values()) {
      var ce = new SoftmaxCrossEntropyLoss(r);
      GradCheck.check(
          "ce " + r, in -> ce.compute(in[0], y), d -> reduce(r, crossEntropy(d[0], y), null), x);
      GradCheck.check(
          "ce weighted " + r,
          in -> ce.compute(in[0], y, w),
          d -> reduce(r, crossEntropy(d[0], y), wd),
          x);
      GradCheck.check(
          "ce soft " + r,
          in -> ce.computeSoft(in[0], in[1], w),
          d -> reduce(r, softCrossEntropy(d[0], d[1]), wd),
          x,
          t);
    }
  }

  /** −log softmax(x)[b, y_b] per row, from the definition. */
  static DTensor crossEntropy(DTensor logits, int[] labels) {
    DTensor lsm = Ref.logSoftmax(logits, 1);
    int c = logits.dim(1);
    double[] l = new double[labels.length];
    for (int b = 0; b < l.length; b++) l[b] = -lsm.values()[b * c + labels[b]];
    return DTensor.of(l, l.length);
  }

  /** −Σ_j t_j·log softmax(x)_j per row, from the definition. */
  static DTensor softCrossEntropy(DTensor logits, DTensor targets) {
    DTensor lsm = Ref.logSoftmax(logits, 1);
    int rows = logits.dim(0), c = logits.dim(1);
    double[] l = new double[rows];
    for (int b = 0; b < rows; b++) {
      for (int j = 0; j < c; j++) l[b] -= targets.values()[b * c + j] * lsm.values()[b * c + j];
    }
    return DTensor.of(l, rows);
  }

  @Test
  void hugeLogitsStayFinite() {
    Tensor x = constant(new float[] {1e4f, -1e4f, 0f, -3e38f, 3e38f, 0f}, 2, 3).requiresGrad(true);
    Tensor loss = new SoftmaxCrossEntropyLoss(Reduction.NONE).compute(x, new int[] {0, 1});
    assertEquals(0f, loss.data()[0], 1e-6);
    assertFiniteWithGradients(new SoftmaxCrossEntropyLoss().compute(x, new int[] {1, 2}), x);
  }

  @Test
  void labelAndShapeErrors() {
    var ce = new SoftmaxCrossEntropyLoss();
    assertThrows(
        IndexOutOfBoundsException.class, () -> ce.compute(Tensor.zeros(2, 3), new int[] {0, 3}));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ce.computeSoft(Tensor.zeros(2, 3), Tensor.zeros(2, 4), null));
    assertTrue(
        e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
  }

  @Test
  void sampledSoftmaxIsSoftmaxOverPositiveAndNegatives() {
    Tensor pos = GradCheck.param(rng, 2f, 0.1f, 3);
    Tensor neg = GradCheck.param(rng, 2f, 0.1f, 3, 4);
    Tensor expected =
        new SoftmaxCrossEntropyLoss(Reduction.NONE)
            .compute(ShapeOps.concat(1, ShapeOps.reshape(pos, 3, 1), neg), new int[3]);
    assertClose(
        expected.data(),
        new SampledSoftmaxLoss(false, false, Reduction.NONE).compute(pos, neg, null).data(),
        1e-6);
  }

  @Test
  void logQCorrectionSubtractsLogProbabilities() {
    Tensor pos = constant(new float[] {1f}, 1);
    Tensor neg = constant(new float[] {0.5f, -1f}, 1, 2);
    float qPos = 0.2f, q1 = 0.5f, q2 = 0.05f;
    double a = 1 - Math.log(qPos), b = 0.5 - Math.log(q1), c = -1 - Math.log(q2);
    double expected = -a + Math.log(Math.exp(a) + Math.exp(b) + Math.exp(c));
    var loss = new SampledSoftmaxLoss(true, false, Reduction.SUM);
    var sample = SampledSoftmaxLoss.Sample.probabilities(new float[] {qPos}, new float[] {q1, q2});
    assertEquals(expected, loss.compute(pos, neg, sample, null).item(), 1e-5);
    // A uniform sampler shifts every logit equally: no change.
    var uniform =
        SampledSoftmaxLoss.Sample.probabilities(new float[] {0.1f}, new float[] {0.1f, 0.1f});
    assertEquals(
        new SampledSoftmaxLoss().compute(pos, neg, null).item(),
        loss.compute(pos, neg, uniform, null).item(),
        1e-5);
  }

  @Test
  void accidentalHitsDropOutOfTheSoftmax() {
    Tensor pos = constant(new float[] {1f, 2f}, 2).requiresGrad(true);
    Tensor neg = constant(new float[] {0.5f, 3f, -1f, 0f, 2f, 1f}, 2, 3).requiresGrad(true);
    // Shared negatives [7, 4, 9]: row 0's positive is 4 (a hit at j = 1), row 1's positive 5 has
    // none.
    var sample = SampledSoftmaxLoss.Sample.ids(new int[] {4, 5}, new int[] {7, 4, 9});
    Tensor loss =
        new SampledSoftmaxLoss(false, true, Reduction.NONE).compute(pos, neg, sample, null);
    double row0 = -1 + Math.log(Math.exp(1) + Math.exp(0.5) + Math.exp(-1));
    double row1 = -2 + Math.log(Math.exp(2) + Math.exp(0) + Math.exp(2) + Math.exp(1));
    assertClose(new float[] {(float) row0, (float) row1}, loss.data(), 1e-5);
    ReduceOps.sum(loss).backward();
    assertEquals(0f, neg.gradTensor().data()[1], "the accidental hit gets no gradient");
  }

  @Test
  void sampledSoftmaxGradientsWithBothOptionsAndPerRowNegatives() {
    Tensor pos = GradCheck.param(rng, 2f, 0.1f, 3);
    Tensor neg = GradCheck.param(rng, 2f, 0.1f, 3, 4);
    int[] posIds = {1, 2, 3};
    int[] negIds = {5, 1, 6, 7, 2, 8, 9, 2, 4, 4, 4, 3};
    float[] qPos = {0.1f, 0.2f, 0.3f};
    float[] qNeg = new float[12];
    for (int i = 0; i < 12; i++) qNeg[i] = 0.05f + 0.05f * i;
    var sample = new SampledSoftmaxLoss.Sample(posIds, negIds, qPos, qNeg);
    Tensor w = GradCheck.positive(rng, 0.2f, 2f, 3).requiresGrad(false);
    DTensor wd = DTensor.of(w);
    for (Reduction r : Reduction.values()) {
      var loss = new SampledSoftmaxLoss(true, true, r);
      GradCheck.check(
          "sampled softmax " + r,
          in -> loss.compute(in[0], in[1], sample, w),
          d -> reduce(r, sampledSoftmax(d[0], d[1], sample), wd),
          pos,
          neg);
      var plain = new SampledSoftmaxLoss(false, false, r);
      GradCheck.check(
          "plain sampled softmax " + r,
          in -> plain.compute(in[0], in[1], w),
          d ->
              reduce(r, crossEntropy(Ref.concat(1, Ref.reshape(d[0], 3, 1), d[1]), new int[3]), wd),
          pos,
          neg);
    }
  }

  /**
   * Per row, −log of the positive's softmax probability among the positive and the negatives that
   * are not accidental hits, every logit s of an item drawn with probability Q taken as s − log Q
   * (per-row negatives).
   */
  private static DTensor sampledSoftmax(DTensor pos, DTensor neg, SampledSoftmaxLoss.Sample s) {
    int b = pos.dim(0), k = neg.dim(1);
    double[] l = new double[b];
    for (int r = 0; r < b; r++) {
      double positive = pos.values()[r] - Math.log(s.positiveProbability()[r]);
      double total = Math.exp(positive);
      for (int j = 0; j < k; j++) {
        if (s.negativeIds()[r * k + j] == s.positiveIds()[r]) continue;
        total += Math.exp(neg.values()[r * k + j] - Math.log(s.negativeProbability()[r * k + j]));
      }
      l[r] = -positive + Math.log(total);
    }
    return DTensor.of(l, b);
  }

  @Test
  void sampledSoftmaxNeedsWhatItsOptionsUse() {
    Tensor pos = Tensor.zeros(2);
    Tensor neg = Tensor.zeros(2, 3);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SampledSoftmaxLoss(true, false, Reduction.MEAN).compute(pos, neg, null));
    assertTrue(e.getMessage().contains("probabilities"), e.getMessage());
    var len =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SampledSoftmaxLoss(false, true, Reduction.MEAN)
                    .compute(
                        pos,
                        neg,
                        SampledSoftmaxLoss.Sample.ids(new int[] {1, 2}, new int[] {1, 2}),
                        null));
    assertTrue(len.getMessage().contains("3 (shared) or 6 (per row)"), len.getMessage());
    var shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SampledSoftmaxLoss().compute(pos, Tensor.zeros(3, 3), null));
    assertTrue(
        shape.getMessage().contains("[2]") && shape.getMessage().contains("[3, 3]"),
        shape.getMessage());
  }
}
