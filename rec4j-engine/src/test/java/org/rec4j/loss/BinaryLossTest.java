package org.rec4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.loss.LossTesting.assertClose;
import static org.rec4j.loss.LossTesting.assertFiniteWithGradients;
import static org.rec4j.loss.LossTesting.checkAllReductions;
import static org.rec4j.loss.LossTesting.constant;
import static org.rec4j.loss.LossTesting.elementwise;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.Activations;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/** Binary classification losses: BCE, BCE with logits (fused), focal (fused) and hinge. */
class BinaryLossTest {
  private final Rng rng = new Rng(42);

  private Tensor labels(int... dims) {
    Tensor y = Tensor.zeros(dims);
    for (int i = 0; i < y.size(); i++) y.data()[i] = rng.nextFloat() < 0.5f ? 1f : 0f;
    return y;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void bceKnownValues() {
    Tensor p = constant(new float[] {0.8f, 0.3f, 0.5f}, 3);
    Tensor y = constant(new float[] {1, 0, 0.25f}, 3);
    float[] expected = {(float) -Math.log(0.8), (float) -Math.log(0.7), (float) Math.log(2)};
    assertClose(expected, new BceLoss(Reduction.NONE).compute(p, y).data(), 1e-6);
  }

  @Test
  void bceIsFiniteAtZeroAndOne() {
    Tensor p = constant(new float[] {0f, 1f}, 2).requiresGrad(true);
    Tensor loss = new BceLoss(Reduction.SUM).compute(p, constant(new float[] {1, 0}, 2));
    assertFiniteWithGradients(loss, p);
    float eps = 1e-7f;
    assertEquals(-Math.log(eps) - Math.log(1 - (double) (1f - eps)), loss.item(), 1e-4);
    assertThrows(
        IllegalArgumentException.class,
        () -> new BceLoss().compute(constant(new float[] {1.5f}, 1), Tensor.ones(1)));
  }

  @Test
  void bceWithLogitsKnownValues() {
    Tensor x = constant(new float[] {0, 0, 0, 2, -3}, 5);
    Tensor y = constant(new float[] {0, 1, 0.3f, 1, 1}, 5);
    float ln2 = (float) Math.log(2);
    float[] expected = {
      ln2, ln2, ln2, (float) Math.log1p(Math.exp(-2)), (float) Math.log1p(Math.exp(3))
    };
    assertClose(expected, new BceWithLogitsLoss(Reduction.NONE).compute(x, y).data(), 1e-6);
  }

  @Test
  void bceWithLogitsMatchesProbabilityBceAndDecomposedForm() {
    Tensor x = GradCheck.param(rng, 4f, 0.1f, 4, 5);
    Tensor y = Tensor.uniform(rng, 0f, 1f, 4, 5);
    Tensor fused = new BceWithLogitsLoss(Reduction.NONE).compute(x, y);
    Tensor decomposed = MathOps.sub(Activations.softplus(x), MathOps.mul(x, y));
    assertClose(decomposed.data(), fused.data(), 1e-5);
    Tensor viaProb = new BceLoss(Reduction.NONE).compute(Activations.sigmoid(x.detach()), y);
    assertClose(viaProb.data(), fused.data(), 1e-4);
    Tensor gFused = grad(x, fused);
    Tensor gDecomposed = grad(x, decomposed);
    assertClose(gDecomposed.data(), gFused.data(), 1e-5);
  }

  private static Tensor grad(Tensor x, Tensor out) {
    x.zeroGrad();
    out.backward(ones(out.size()));
    return x.gradTensor();
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1f);
    return a;
  }

  @Test
  void bceGradients() {
    Tensor p = GradCheck.positive(rng, 0.1f, 0.9f, 3, 4);
    Tensor x = GradCheck.param(rng, 4f, 0.1f, 3, 4);
    Tensor y = Tensor.uniform(rng, 0f, 1f, 3, 4).requiresGrad(true);
    Tensor wb = GradCheck.positive(rng, 0.2f, 2f, 3).requiresGrad(false);
    checkAllReductions(
        "bce",
        (r, a, b, ww) -> new BceLoss(r).compute(a, b, ww),
        elementwise((pi, yi) -> -(yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi))),
        p,
        y,
        wb);
    // −[y·log σ(x) + (1 − y)·log(1 − σ(x))] with log σ(x) = −softplus(−x) and log(1 − σ(x)) =
    // −softplus(x)
    checkAllReductions(
        "bceWithLogits",
        (r, a, b, ww) -> new BceWithLogitsLoss(r).compute(a, b, ww),
        elementwise((xi, yi) -> yi * Ref.softplus(-xi) + (1 - yi) * Ref.softplus(xi)),
        x,
        y,
        wb);
  }

  @Test
  void bceWithLogitsStaysFiniteForHugeLogits() {
    Tensor x = constant(new float[] {40, -40, 1e4f, -1e4f, 3e38f, -3e38f}, 6).requiresGrad(true);
    Tensor y = constant(new float[] {1, 1, 0, 0, 1, 0}, 6);
    Tensor none = new BceWithLogitsLoss(Reduction.NONE).compute(x, y);
    assertEquals(0f, none.data()[0], 1e-12);
    assertEquals(40f, none.data()[1], 1e-5);
    assertEquals(1e4f, none.data()[2], 1e-1);
    assertFiniteWithGradients(new BceWithLogitsLoss().compute(x, y), x);
  }

  @Test
  void focalKnownValue() {
    float alpha = 0.25f, gamma = 2f;
    Tensor x = constant(new float[] {1f, 1f}, 2);
    Tensor y = constant(new float[] {1f, 0f}, 2);
    double p = sigmoid(1);
    float[] expected = {
      (float) (alpha * Math.pow(1 - p, gamma) * -Math.log(p)),
      (float) ((1 - alpha) * Math.pow(p, gamma) * -Math.log(1 - p))
    };
    assertClose(expected, new FocalLoss(alpha, gamma, Reduction.NONE).compute(x, y).data(), 1e-6);
  }

  @Test
  void focalWithGammaZeroIsAlphaWeightedBce() {
    float alpha = 0.3f;
    Tensor x = GradCheck.param(rng, 5f, 0.1f, 6, 2);
    Tensor y = labels(6, 2);
    Tensor focal = new FocalLoss(alpha, 0f, Reduction.NONE).compute(x, y);
    Tensor bce = new BceWithLogitsLoss(Reduction.NONE).compute(x, y);
    float[] expected = new float[y.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (y.data()[i] == 1f ? alpha : 1 - alpha) * bce.data()[i];
    }
    assertClose(expected, focal.data(), 1e-6);
    assertClose(bce.data(), new FocalLoss(0f, Reduction.NONE).compute(x, y).data(), 1e-6);
  }

  @Test
  void focalMatchesDecomposedForm() {
    Tensor x = GradCheck.param(rng, 3f, 0.1f, 10);
    Tensor y = labels(10);
    float alpha = 0.25f, gamma = 2f;
    Tensor p = Activations.sigmoid(x);
    Tensor pt =
        MathOps.add(
            MathOps.mul(y, p), MathOps.mul(MathOps.rsubScalar(1f, y), MathOps.rsubScalar(1f, p)));
    Tensor alphaT = MathOps.addScalar(MathOps.mulScalar(y, 2 * alpha - 1), 1 - alpha);
    Tensor decomposed =
        MathOps.mul(
            MathOps.mul(alphaT, MathOps.pow(MathOps.rsubScalar(1f, pt), gamma)),
            new BceWithLogitsLoss(Reduction.NONE).compute(x, y));
    Tensor fused = new FocalLoss(alpha, gamma, Reduction.NONE).compute(x, y);
    assertClose(decomposed.data(), fused.data(), 1e-5);
    assertClose(grad(x, decomposed).data(), grad(x, fused).data(), 1e-5);
  }

  @Test
  void focalGradients() {
    Tensor x = GradCheck.param(rng, 4f, 0.1f, 3, 4);
    Tensor wb = GradCheck.positive(rng, 0.2f, 2f, 3).requiresGrad(false);
    Tensor hard = labels(3, 4);
    Tensor soft = Tensor.uniform(rng, 0f, 1f, 3, 4);
    checkAllReductions(
        "focal",
        (r, a, b, ww) -> new FocalLoss(0.25f, 2f, r).compute(a, b, ww),
        elementwise(focal(0.25, 2)),
        x,
        hard,
        wb);
    checkAllReductions(
        "focal soft γ=0.5",
        (r, a, b, ww) -> new FocalLoss(0.5f, r).compute(a, b, ww),
        elementwise(focal(-1, 0.5)),
        x,
        soft,
        wb);
  }

  /**
   * The focal loss from its definition: −α_t·(1 − p_t)^γ·log p_t with p = σ(x), p_t = y·p + (1 −
   * y)(1 − p), α_t = α·y + (1 − α)(1 − y) (or 1 when {@code alpha < 0}), and −log p_t taken as the
   * cross-entropy with the target.
   */
  private static java.util.function.DoubleBinaryOperator focal(double alpha, double gamma) {
    return (x, y) -> {
      double p = sigmoid(x), pt = y * p + (1 - y) * (1 - p);
      double alphaT = alpha < 0 ? 1 : alpha * y + (1 - alpha) * (1 - y);
      double ce = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
      return alphaT * Math.pow(1 - pt, gamma) * ce;
    };
  }

  @Test
  void focalStaysFiniteForHugeLogits() {
    for (float gamma : new float[] {0f, 0.5f, 2f}) {
      Tensor x = constant(new float[] {40, -40, 1e4f, -1e4f, 40, -40}, 6).requiresGrad(true);
      Tensor y = constant(new float[] {1, 1, 0, 0, 0.5f, 0f}, 6);
      assertFiniteWithGradients(new FocalLoss(0.25f, gamma, Reduction.SUM).compute(x, y), x);
    }
  }

  @Test
  void hingeKnownValuesAndGradients() {
    Tensor x = constant(new float[] {0.3f, 0.3f, 2f, -2f}, 4);
    Tensor y = constant(new float[] {1, 0, 1, 1}, 4);
    assertClose(
        new float[] {0.7f, 1.3f, 0f, 3f},
        new HingeLoss(1f, Reduction.NONE).compute(x, y).data(),
        1e-6);
    Tensor s = GradCheck.param(rng, 3f, 0.1f, 4, 3);
    for (int i = 0; i < s.size(); i++)
      if (Math.abs(Math.abs(s.data()[i]) - 1f) < 0.1f) s.data()[i] *= 1.3f;
    Tensor wb = GradCheck.positive(rng, 0.2f, 2f, 4).requiresGrad(false);
    checkAllReductions(
        "hinge",
        (r, a, b, ww) -> new HingeLoss(1f, r).compute(a, b, ww),
        elementwise((xi, yi) -> Math.max(0, 1 - (2 * yi - 1) * xi)),
        s,
        labels(4, 3),
        wb);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HingeLoss().compute(x, constant(new float[] {1, -1, 0, 1}, 4)));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
  }
}
