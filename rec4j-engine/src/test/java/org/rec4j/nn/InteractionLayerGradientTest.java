package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Gradient checks (1e-3 against double precision, see {@link GradCheck}) of the feature-interaction
 * layers (FM, CIN, cross network, AutoInt's interacting layer) and of the weighted embedding bag
 * that feeds them, with respect to inputs and parameters, plus known-answer checks of their forward
 * passes against the obvious slow formulas.
 */
class InteractionLayerGradientTest {
  private final Rng rng = new Rng(20261129);

  /**
   * Checks {@code f} with respect to {@code x} and every parameter of {@code m} (see {@link
   * GradCheck#checkComposed}).
   */
  private static void check(String what, Module m, Tensor x, Function<Tensor, Tensor> f) {
    Tensor[] inputs = new Tensor[1 + m.parameters().size()];
    inputs[0] = x;
    int k = 1;
    for (Parameter p : m.parameters()) inputs[k++] = p.value();
    GradCheck.checkComposed(what, in -> f.apply(x), inputs);
  }

  private Tensor input(int... dims) {
    return GradCheck.param(rng, 1f, 0.05f, dims);
  }

  private void perturb(Module m) {
    for (Parameter p : m.parameters()) {
      float[] d = p.value().data();
      for (int i = 0; i < d.length; i++) d[i] += (float) (0.3 * rng.nextGaussian());
    }
  }

  @Test
  void fmMatchesPairwiseSumAndGradients() {
    FMInteraction fm = new FMInteraction();
    Tensor e = input(3, 4, 5);
    Tensor out = fm.forward(e);
    assertEquals(3, out.dim(0));
    for (int b = 0; b < 3; b++) {
      double want = 0;
      for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 4; j++) {
          for (int f = 0; f < 5; f++) want += (double) e.get(b, i, f) * e.get(b, j, f);
        }
      }
      assertEquals(want, out.get(b, 0), 1e-4);
    }
    check("FM", fm, e, fm::forward);
    check("FM bi-interaction", fm, input(2, 3, 4), fm::biInteraction);
  }

  @Test
  void crossNetworkMatchesFormulaAndGradients() {
    CrossNetwork cross = new CrossNetwork(4, 2, rng);
    perturb(cross);
    Tensor x0 = input(3, 4);
    Tensor out = cross.forward(x0);
    float[] w0 = cross.parameters().get(0).value().data(),
        b0 = cross.parameters().get(1).value().data();
    float[] w1 = cross.parameters().get(2).value().data(),
        b1 = cross.parameters().get(3).value().data();
    for (int b = 0; b < 3; b++) {
      double[] x = new double[4], x1 = new double[4];
      for (int i = 0; i < 4; i++) x[i] = x0.get(b, i);
      double s = 0;
      for (int i = 0; i < 4; i++) s += x[i] * w0[i];
      for (int i = 0; i < 4; i++) x1[i] = x[i] * s + b0[i] + x[i];
      s = 0;
      for (int i = 0; i < 4; i++) s += x1[i] * w1[i];
      for (int i = 0; i < 4; i++) assertEquals(x[i] * s + b1[i] + x1[i], out.get(b, i), 1e-4);
    }
    check("Cross", cross, x0, cross::forward);
  }

  @Test
  void cinMatchesFormulaAndGradients() {
    CIN cin = new CIN(3, new int[] {2}, false, Activation.IDENTITY, rng);
    perturb(cin);
    Tensor x0 = input(2, 3, 4);
    Tensor out = cin.forward(x0);
    float[] w = cin.parameters().get(0).value().data(),
        bias = cin.parameters().get(1).value().data();
    for (int b = 0; b < 2; b++) {
      for (int h = 0; h < 2; h++) {
        double want = 0;
        for (int d = 0; d < 4; d++) {
          double v = bias[h];
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++)
              v += w[(i * 3 + j) * 2 + h] * x0.get(b, i, d) * x0.get(b, j, d);
          }
          want += v;
        }
        assertEquals(want, out.get(b, h), 1e-3);
      }
    }
    check("CIN one layer", cin, x0, cin::forward);
    CIN deep = new CIN(3, new int[] {4, 2, 3}, true, Activation.IDENTITY, rng);
    assertEquals(2 + 1 + 3, deep.outputDim());
    check("CIN split-half", deep, input(2, 3, 2), deep::forward);
    CIN direct = new CIN(2, new int[] {3, 2}, false, Activation.TANH, rng);
    assertEquals(5, direct.outputDim());
    check("CIN direct tanh", direct, input(2, 2, 3), direct::forward);
    assertThrows(
        IllegalArgumentException.class,
        () -> new CIN(3, new int[] {3, 2}, true, Activation.IDENTITY, rng));
  }

  @Test
  void interactingLayerGradients() {
    InteractingLayer layer = new InteractingLayer(4, 2, 3, true, rng);
    assertEquals(6, layer.outputDim());
    Tensor e = input(2, 3, 4);
    assertEquals(6, layer.forward(e).dim(2));
    check("InteractingLayer", layer, e, layer::forward);
    InteractingLayer noRes = new InteractingLayer(4, 1, 4, false, rng);
    check("InteractingLayer without residual", noRes, input(2, 3, 4), noRes::forward);
  }

  @Test
  void batchedOuterMatchesBroadcastProductAndGradients() {
    Tensor a = input(2, 3, 4), b = input(2, 3, 5);
    Tensor fused = org.rec4j.tensor.LinAlg.batchedOuter(a, b);
    Tensor decomposed =
        org.rec4j.tensor.ShapeOps.reshape(
            org.rec4j.tensor.MathOps.mul(
                org.rec4j.tensor.ShapeOps.unsqueeze(a, 3),
                org.rec4j.tensor.ShapeOps.unsqueeze(b, 2)),
            2,
            3,
            20);
    org.junit.jupiter.api.Assertions.assertArrayEquals(decomposed.data(), fused.data(), 1e-6f);
    GradCheck.check(
        "batchedOuter",
        in -> org.rec4j.tensor.LinAlg.batchedOuter(in[0], in[1]),
        r -> Ref.batchedOuter(r[0], r[1]),
        a,
        b);
    assertThrows(
        IllegalArgumentException.class,
        () -> org.rec4j.tensor.LinAlg.batchedOuter(Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
  }

  @Test
  void embeddingBagValuesAndGradients() {
    int[] ids = {0, 2, 3, 1, 2};
    float[] wts = {0.5f, 0.5f, 1f, -1.5f, 2f};
    int[] offsets = {0, 2, 2, 3, 5};
    for (boolean sparse : new boolean[] {false, true}) {
      Tensor table = input(4, 3).sparseGrad(sparse);
      Tensor out = IndexOps.embeddingBag(table, ids, wts, offsets);
      assertEquals(4, out.dim(0));
      for (int c = 0; c < 3; c++) {
        assertEquals(0.5f * table.get(0, c) + 0.5f * table.get(2, c), out.get(0, c), 1e-6);
        assertEquals(0f, out.get(1, c));
        assertEquals(-1.5f * table.get(1, c) + 2f * table.get(2, c), out.get(3, c), 1e-6);
      }
      GradCheck.check(
          "embeddingBag sparse=" + sparse,
          in -> IndexOps.embeddingBag(in[0], ids, wts, offsets),
          r -> Ref.embeddingBag(r[0], ids, wts, offsets),
          table);
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            IndexOps.embeddingBag(
                Tensor.zeros(2, 2), new int[] {0}, new float[] {1f}, new int[] {1, 1}));
  }
}
