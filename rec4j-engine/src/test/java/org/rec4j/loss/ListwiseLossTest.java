package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.assertClose;
import static org.rec4j.loss.LossTesting.assertFiniteWithGradients;
import static org.rec4j.loss.LossTesting.constant;
import static org.rec4j.loss.LossTesting.reduce;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.DTensor;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * ListNet and the LambdaRank-weighted pairwise loss, with a slow NDCG-by-swapping reference for the
 * weights.
 */
class ListwiseLossTest {
  private final Rng rng = new Rng(2007);

  /** Scores whose pairwise gaps are at least 0.2, so finite differences never reorder them. */
  private Tensor separatedScores(int b, int n) {
    Tensor s = Tensor.zeros(b, n);
    for (int r = 0; r < b; r++) {
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) perm[i] = i;
      rng.shuffle(perm, n);
      for (int i = 0; i < n; i++)
        s.data()[r * n + i] = 0.2f * perm[i] - 0.1f * n + 0.05f * rng.nextFloat();
    }
    return s.requiresGrad(true);
  }

  private Tensor gradedRelevance(int b, int n) {
    Tensor y = Tensor.zeros(b, n);
    for (int i = 0; i < y.size(); i++) y.data()[i] = rng.nextInt(4);
    return y;
  }

  @Test
  void listNetOfEqualScoresIsLogN() {
    Tensor y = gradedRelevance(3, 5);
    assertEquals(Math.log(5), new ListNetLoss().compute(Tensor.full(0.7f, 3, 5), y).item(), 1e-5);
  }

  @Test
  void listNetWithOneHotRelevanceIsCrossEntropy() {
    Tensor s = GradCheck.param(rng, 3f, 0.1f, 4, 6);
    int[] labels = {0, 5, 2, 2};
    Tensor oneHot = IndexOps.oneHot(labels, 6);
    Tensor ce = new SoftmaxCrossEntropyLoss(Reduction.NONE).compute(s, labels);
    var linear = new ListNetLoss(ListNetLoss.Target.LINEAR, Reduction.NONE);
    assertClose(ce.data(), linear.compute(s, oneHot).data(), 1e-6);
    // The paper's softmax target tends to the one-hot distribution as relevance grows.
    Tensor sharp = Tensor.of(oneHot.data(), 4, 6);
    for (int i = 0; i < sharp.size(); i++) sharp.data()[i] *= 40f;
    assertClose(
        ce.data(),
        new ListNetLoss(ListNetLoss.Target.SOFTMAX, Reduction.NONE).compute(s, sharp).data(),
        1e-5);
  }

  @Test
  void listNetTargetIsSoftmaxOfRelevance() {
    Tensor s = GradCheck.param(rng, 3f, 0.1f, 3, 4);
    Tensor y = gradedRelevance(3, 4);
    Tensor expected =
        new SoftmaxCrossEntropyLoss(Reduction.NONE).computeSoft(s, ReduceOps.softmax(y, 1), null);
    assertClose(
        expected.data(),
        new ListNetLoss(ListNetLoss.Target.SOFTMAX, Reduction.NONE).compute(s, y).data(),
        1e-6);
  }

  @Test
  void listNetGradientsAndNoGradientToRelevance() {
    Tensor s = GradCheck.param(rng, 3f, 0.1f, 3, 5);
    Tensor y = gradedRelevance(3, 5).requiresGrad(true);
    Tensor w = GradCheck.positive(rng, 0.2f, 2f, 3).requiresGrad(false);
    for (ListNetLoss.Target t : ListNetLoss.Target.values()) {
      for (Reduction r : Reduction.values()) {
        var loss = new ListNetLoss(t, r);
        GradCheck.check(
            "listnet " + t + " " + r,
            in -> loss.compute(in[0], y.detach(), w),
            d -> reduce(r, listNet(d[0], y, t), DTensor.of(w)),
            s);
      }
    }
    ReduceOps.sum(new ListNetLoss().compute(s, y)).backward();
    assertNull(y.gradTensor(), "relevance is a constant");
  }

  /**
   * ListNet from its definition for lists without padding: −Σ_j P_y(j)·log softmax(s)_j with P_y =
   * softmax(y), or y / Σ y (all 0 when Σ y = 0).
   */
  private static DTensor listNet(DTensor scores, Tensor relevance, ListNetLoss.Target target) {
    int b = scores.dim(0), n = scores.dim(1);
    DTensor y = DTensor.of(relevance);
    DTensor p = target == ListNetLoss.Target.SOFTMAX ? Ref.softmax(y, 1) : DTensor.zeros(b, n);
    if (target == ListNetLoss.Target.LINEAR) {
      for (int r = 0; r < b; r++) {
        double total = 0;
        for (int j = 0; j < n; j++) total += y.values()[r * n + j];
        for (int j = 0; j < n && total > 0; j++)
          p.values()[r * n + j] = y.values()[r * n + j] / total;
      }
    }
    return SoftmaxLossTest.softCrossEntropy(scores, p);
  }

  /** NDCG of the ranking by scores (ties by position), gains 2^y − 1. */
  private static double ndcg(float[] s, float[] y) {
    int n = s.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (p, q) -> Float.compare(s[q], s[p]));
    double dcg = 0;
    for (int pos = 0; pos < n; pos++)
      dcg += (Math.pow(2, y[order[pos]]) - 1) / (Math.log(pos + 2) / Math.log(2));
    float[] ideal = y.clone();
    Arrays.sort(ideal);
    double idcg = 0;
    for (int pos = 0; pos < n; pos++)
      idcg += (Math.pow(2, ideal[n - 1 - pos]) - 1) / (Math.log(pos + 2) / Math.log(2));
    return idcg == 0 ? 0 : dcg / idcg;
  }

  @Test
  void lambdaWeightsAreTheNdcgChangeOfEachSwap() {
    int b = 3, n = 6;
    Tensor s = separatedScores(b, n);
    Tensor y = gradedRelevance(b, n);
    float[] w = LambdaRankLoss.deltaNdcg(s.data(), y.data(), b, n);
    for (int r = 0; r < b; r++) {
      float[] sr = Arrays.copyOfRange(s.data(), r * n, (r + 1) * n);
      float[] yr = Arrays.copyOfRange(y.data(), r * n, (r + 1) * n);
      double base = ndcg(sr, yr);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          float[] swapped = sr.clone();
          swapped[i] = sr[j];
          swapped[j] = sr[i];
          double expected = yr[i] > yr[j] ? Math.abs(ndcg(swapped, yr) - base) : 0;
          assertEquals(
              expected, w[(r * n + i) * n + j], 1e-6, "list " + r + " pair (" + i + ", " + j + ")");
        }
      }
    }
  }

  @Test
  void equalRelevancePairsAndEmptyListsContributeNothing() {
    float[] s = {0.3f, 0.9f, -0.2f, 0.1f};
    float[] y = {2, 2, 0, 0};
    float[] w = LambdaRankLoss.deltaNdcg(s, y, 1, 4);
    assertEquals(0f, w[1] + w[4] + w[2 * 4 + 3] + w[3 * 4 + 2], "pairs of equal relevance");
    Tensor noRelevant = new LambdaRankLoss().compute(constant(s, 1, 4), Tensor.zeros(1, 4));
    assertEquals(0f, noRelevant.item());
  }

  @Test
  void lambdaWeightsDoNotOverflowForLargeGrades() {
    float[] s = {0.5f, 0.1f, 0.9f};
    float[] w = LambdaRankLoss.deltaNdcg(s, new float[] {2000, 1000, 0}, 1, 3);
    for (float v : w) assertTrue(Float.isFinite(v) && v >= 0, Arrays.toString(w));
    // Item 0 holds essentially all the gain: swapping it (rank 1) with item 2 (rank 0) changes NDCG
    // by 1 − 1/log₂3.
    assertEquals(1 - Math.log(2) / Math.log(3), w[2], 1e-6);
  }

  @Test
  void lambdaRankKnownValueForTwoItems() {
    // Relevance [1, 0], equal scores: ranks 0 and 1, IDCG = 1, |ΔNDCG| = 1 − 1/log₂3, pair loss log
    // 2.
    Tensor loss =
        new LambdaRankLoss().compute(Tensor.zeros(1, 2), constant(new float[] {1, 0}, 1, 2));
    double delta = 1 - Math.log(2) / Math.log(3);
    assertEquals(delta * Math.log(2), loss.item(), 1e-6);
  }

  @Test
  void lambdaRankGradients() {
    Tensor s = separatedScores(3, 5);
    Tensor y = gradedRelevance(3, 5);
    Tensor w = GradCheck.positive(rng, 0.2f, 2f, 3).requiresGrad(false);
    // The |ΔNDCG| pair weights are constants of the loss (checked against NDCG by swapping above);
    // the scores are
    // separated by more than the finite-difference step, so they stay the weights of every
    // evaluation.
    float[] pairWeights = LambdaRankLoss.deltaNdcg(s.data(), y.data(), 3, 5);
    for (Reduction r : Reduction.values()) {
      var loss = new LambdaRankLoss(1.5f, r);
      GradCheck.check(
          "lambdarank " + r,
          in -> loss.compute(in[0], y),
          d -> reduce(r, lambdaRank(d[0], pairWeights, 1.5), null),
          s);
      GradCheck.check(
          "lambdarank weighted " + r,
          in -> loss.compute(in[0], y, w),
          d -> reduce(r, lambdaRank(d[0], pairWeights, 1.5), DTensor.of(w)),
          s);
    }
  }

  /** Per list Σ_{i, j} w_ij·log(1 + e^{−σ(s_i − s_j)}). */
  private static DTensor lambdaRank(DTensor scores, float[] w, double sigma) {
    int b = scores.dim(0), n = scores.dim(1);
    double[] s = scores.values(), l = new double[b];
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
          l[r] +=
              w[(r * n + i) * n + j] * Math.log1p(Math.exp(-sigma * (s[r * n + i] - s[r * n + j])));
      }
    }
    return DTensor.of(l, b);
  }

  @Test
  void listwiseLossesStayFiniteForHugeScores() {
    // Huge but with a loss float32 can represent (a gap of 6e38 would overflow the true value
    // itself).
    Tensor s = constant(new float[] {1e4f, -1e4f, 0f, 1e30f, -1e30f, 0f}, 2, 3).requiresGrad(true);
    Tensor y = constant(new float[] {0, 2, 1, 0, 1, 3}, 2, 3);
    assertFiniteWithGradients(new ListNetLoss().compute(s, y), s);
    s.zeroGrad();
    assertFiniteWithGradients(new LambdaRankLoss().compute(s, y), s);
  }

  @Test
  void shapeErrorsPrintBothShapes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LambdaRankLoss().compute(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
    assertTrue(
        e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    var nan =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ListNetLoss()
                    .compute(Tensor.zeros(1, 2), constant(new float[] {1, Float.NaN}, 1, 2)));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
  }

  @Test
  void paddedSlotsAreIgnored() {
    // List 0 has 3 real items and 2 padded slots (relevance −1, arbitrary scores); list 1 is all
    // padding.
    Tensor padded =
        constant(new float[] {0.4f, -0.3f, 1.1f, 9f, -7f, 2f, 1f, 0f, -1f, 3f}, 2, 5)
            .requiresGrad(true);
    Tensor relPadded = constant(new float[] {2, 0, 1, -1, -1, -1, -1, -1, -1, -1}, 2, 5);
    Tensor shortScores = constant(new float[] {0.4f, -0.3f, 1.1f}, 1, 3);
    Tensor shortRel = constant(new float[] {2, 0, 1}, 1, 3);
    ListwiseLoss[] losses = {
      new ListNetLoss(ListNetLoss.Target.SOFTMAX, Reduction.NONE),
      new ListNetLoss(ListNetLoss.Target.LINEAR, Reduction.NONE),
      new LambdaRankLoss(1f, Reduction.NONE)
    };
    for (ListwiseLoss loss : losses) {
      padded.zeroGrad();
      Tensor out = loss.compute(padded, relPadded);
      String name = loss.getClass().getSimpleName();
      assertEquals(
          loss.compute(shortScores, shortRel).item(),
          out.data()[0],
          1e-6,
          name + " equals the unpadded list");
      assertEquals(0f, out.data()[1], name + " of an all-padding list");
      ReduceOps.sum(out).backward();
      float[] g = padded.gradTensor().data();
      for (int i : new int[] {3, 4, 5, 6, 7, 8, 9})
        assertEquals(0f, g[i], name + " gradient of padded slot " + i);
    }
  }
}
