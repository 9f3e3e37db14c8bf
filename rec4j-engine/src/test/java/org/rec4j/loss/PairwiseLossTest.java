package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.assertClose;
import static org.rec4j.loss.LossTesting.assertFiniteWithGradients;
import static org.rec4j.loss.LossTesting.checkAllReductions;
import static org.rec4j.loss.LossTesting.constant;
import static org.rec4j.loss.LossTesting.pairDifference;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * BPR and margin ranking: known values, one or k negatives, gradients, stability and shape errors.
 */
class PairwiseLossTest {
  private final Rng rng = new Rng(2009);

  @Test
  void bprKnownValues() {
    Tensor pos = constant(new float[] {1f, 3f, 0f}, 3);
    Tensor neg = constant(new float[] {1f, 1f, 2f}, 3);
    float[] expected = {
      (float) Math.log(2), (float) Math.log1p(Math.exp(-2)), (float) Math.log1p(Math.exp(2))
    };
    assertClose(expected, new BprLoss(Reduction.NONE).compute(pos, neg).data(), 1e-6);
  }

  @Test
  void severalNegativesAverageTheirPairs() {
    Tensor pos = constant(new float[] {1f, 0f}, 2);
    Tensor neg = constant(new float[] {1f, 0f, -1f, 0.5f, 0.5f, 0.5f}, 2, 3);
    double row0 = (Math.log(2) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(-2))) / 3;
    double row1 = Math.log1p(Math.exp(0.5));
    assertClose(
        new float[] {(float) row0, (float) row1},
        new BprLoss(Reduction.NONE).compute(pos, neg).data(),
        1e-6);
    Tensor margin = new MarginRankingLoss(1f, Reduction.NONE).compute(pos, neg);
    assertClose(new float[] {(1f + 0f + 0f) / 3, 1.5f}, margin.data(), 1e-6);
  }

  @Test
  void marginRankingKnownValues() {
    Tensor pos = constant(new float[] {2f, 2f, 0f}, 3);
    Tensor neg = constant(new float[] {1.5f, 0f, 0f}, 3);
    assertClose(
        new float[] {0.3f - 0.2f, 0f, 0.3f},
        new MarginRankingLoss(0.3f, Reduction.NONE)
            .compute(constant(new float[] {2f, 2f, 0f}, 3), constant(new float[] {1.8f, 0f, 0f}, 3))
            .data(),
        1e-6);
    assertEquals((0.5f + 0f + 1f) / 3, new MarginRankingLoss().compute(pos, neg).item(), 1e-6);
  }

  @Test
  void gradients() {
    Tensor pos = GradCheck.param(rng, 2f, 0.1f, 4);
    Tensor neg1 = GradCheck.param(rng, 2f, 0.1f, 4);
    Tensor negK = GradCheck.param(rng, 2f, 0.1f, 4, 3);
    Tensor w = GradCheck.positive(rng, 0.2f, 2f, 4).requiresGrad(false);
    // −log σ(d) from its definition
    checkAllReductions(
        "bpr",
        (r, a, b, ww) -> new BprLoss(r).compute(a, b, ww),
        pairDifference(d -> -Math.log(1 / (1 + Math.exp(-d)))),
        pos,
        neg1,
        w);
    checkAllReductions(
        "bpr k",
        (r, a, b, ww) -> new BprLoss(r).compute(a, b, ww),
        pairDifference(d -> -Math.log(1 / (1 + Math.exp(-d)))),
        pos,
        negK,
        w);
    // Keep pairs away from the hinge kink s⁺ − s⁻ = margin.
    float margin = 0.5f;
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < 3; j++) {
        float d = pos.data()[r] - negK.data()[r * 3 + j];
        if (Math.abs(d - margin) < 0.1f) negK.data()[r * 3 + j] -= 0.3f;
      }
      if (Math.abs(pos.data()[r] - neg1.data()[r] - margin) < 0.1f) neg1.data()[r] -= 0.3f;
    }
    checkAllReductions(
        "margin k",
        (r, a, b, ww) -> new MarginRankingLoss(margin, r).compute(a, b, ww),
        pairDifference(d -> Math.max(0, margin - d)),
        pos,
        negK,
        w);
    checkAllReductions(
        "margin",
        (r, a, b, ww) -> new MarginRankingLoss(margin, r).compute(a, b, ww),
        pairDifference(d -> Math.max(0, margin - d)),
        pos,
        neg1,
        w);
  }

  @Test
  void hugeScoreGapsStayFinite() {
    Tensor pos = constant(new float[] {1e4f, -1e4f, 3e38f}, 3).requiresGrad(true);
    Tensor neg = constant(new float[] {-1e4f, 1e4f, -3e38f}, 3).requiresGrad(true);
    Tensor loss = new BprLoss(Reduction.NONE).compute(pos, neg);
    assertEquals(0f, loss.data()[0], 1e-12);
    assertEquals(2e4f, loss.data()[1], 1);
    assertFiniteWithGradients(new BprLoss().compute(pos, neg), pos, neg);
  }

  @Test
  void shapeErrorsPrintBothShapes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BprLoss().compute(Tensor.zeros(3), Tensor.zeros(4, 2)));
    assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
    var rank =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MarginRankingLoss().compute(Tensor.zeros(3, 1), Tensor.zeros(3)));
    assertTrue(rank.getMessage().contains("[3, 1]"), rank.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MarginRankingLoss(-1f, Reduction.MEAN));
  }
}
