package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Semantics of the autodiff graph: accumulation, noGrad, sparse gradients, arenas and error
 * messages.
 */
class AutogradTest {

  @Test
  void tensorUsedTwiceAccumulatesBothContributions() {
    Tensor x = Tensor.of(new float[] {2f, 3f}, 2).requiresGrad(true);
    Tensor y = ReduceOps.sum(MathOps.add(MathOps.mul(x, x), x)); // d/dx = 2x + 1
    y.backward();
    assertArrayEquals(new float[] {5f, 7f}, x.grad(), 1e-6f);
    ReduceOps.sum(x).backward(); // leaves keep accumulating until zeroGrad
    assertArrayEquals(new float[] {6f, 8f}, x.grad(), 1e-6f);
    x.zeroGrad();
    assertArrayEquals(new float[] {0f, 0f}, x.grad(), 0f);
  }

  @Test
  void noGradRecordsNothing() {
    Tensor x = Tensor.ones(3).requiresGrad(true);
    Tensor y;
    try (var ng = Autograd.noGrad()) {
      y = MathOps.mulScalar(x, 2f);
      assertFalse(Autograd.enabled());
    }
    assertTrue(Autograd.enabled());
    assertFalse(y.requiresGrad());
    assertNull(y.node());
    assertThrows(IllegalStateException.class, y::backward);
  }

  @Test
  void deepChainDoesNotOverflowTheStack() {
    Tensor x = Tensor.scalar(1f).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 20_000; i++) y = MathOps.addScalar(y, 0f);
    y.backward();
    assertEquals(1f, x.grad()[0]);
  }

  @Test
  void sparseEmbeddingGradientEqualsDense() {
    Rng rng = new Rng(3);
    Tensor dense = Tensor.randn(rng, 1f, 6, 4).requiresGrad(true);
    Tensor sparse = dense.copy().requiresGrad(true).sparseGrad(true);
    int[] ids = {5, 1, 5, 0, 5};
    Tensor w = Tensor.randn(rng, 1f, 5, 4);
    ReduceOps.sum(MathOps.mul(IndexOps.embedding(dense, ids), w)).backward();
    ReduceOps.sum(MathOps.mul(IndexOps.embedding(sparse, ids), w)).backward();
    assertNull(sparse.grad(), "a sparse table must not allocate a dense gradient");
    SparseRowGrad sg = sparse.sparseGradient();
    assertEquals(5, sg.count());
    sg.coalesce();
    assertEquals(3, sg.count(), "rows 5, 1, 0 after merging duplicates");
    assertArrayEquals(dense.grad(), sparse.gradTensor().data(), 1e-6f);
  }

  @Test
  void arenaReachesZeroAllocationSteadyState() {
    Rng rng = new Rng(1);
    Tensor w = Tensor.randn(rng, 0.1f, 8, 4).requiresGrad(true);
    Tensor x = Tensor.randn(rng, 1f, 16, 8);
    Arena arena = new Arena();
    long after1 = 0;
    for (int step = 0; step < 5; step++) {
      try (Arena.Scope s = arena.open()) {
        Tensor h = LinAlg.linear(x, w, null, Activations.Kind.RELU);
        Tensor loss = ReduceOps.mean(Activations.sigmoid(h));
        loss.backward();
        w.zeroGrad();
      }
      if (step == 0) after1 = arena.allocations();
    }
    assertTrue(after1 > 0);
    assertEquals(after1, arena.allocations(), "later steps must reuse the first step's buffers");
  }

  @Test
  void fusedLinearEqualsDecomposed() {
    Rng rng = new Rng(9);
    Tensor x = Tensor.randn(rng, 1f, 7, 5).requiresGrad(true);
    Tensor w = Tensor.randn(rng, 1f, 5, 3).requiresGrad(true);
    Tensor b = Tensor.randn(rng, 1f, 3).requiresGrad(true);
    Tensor fused = LinAlg.linear(x, w, b, Activations.Kind.TANH);
    ReduceOps.sum(fused).backward();
    float[] gx = x.grad().clone(), gw = w.grad().clone(), gb = b.grad().clone();
    x.zeroGrad();
    w.zeroGrad();
    b.zeroGrad();
    Tensor plain = Activations.tanh(MathOps.add(LinAlg.matmul(x, w), b));
    assertArrayEquals(plain.data(), fused.data(), 1e-5f);
    ReduceOps.sum(plain).backward();
    assertArrayEquals(x.grad(), gx, 1e-5f);
    assertArrayEquals(w.grad(), gw, 1e-5f);
    assertArrayEquals(b.grad(), gb, 1e-5f);
  }

  @Test
  void shapeErrorsNameBothShapes() {
    Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(4, 5);
    var e = assertThrows(IllegalArgumentException.class, () -> MathOps.add(a, b));
    assertTrue(
        e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LinAlg.matmul(a, b));
    assertTrue(
        e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
  }

  @Test
  void softmaxIsStableForHugeInputs() {
    Tensor x = Tensor.of(new float[] {1000f, 1001f, -1000f}, 1, 3);
    Tensor p = ReduceOps.softmax(x, 1);
    Tensor lp = ReduceOps.logSoftmax(x, 1);
    assertTrue(Finite.isFinite(p) && Finite.isFinite(lp));
    assertEquals(1.0, p.data()[0] + p.data()[1] + p.data()[2], 1e-6);
    assertEquals(-Math.log1p(Math.E), lp.data()[0], 1e-5);
  }

  @Test
  void fullyMaskedAttentionRowIsUniformNotNaN() {
    Tensor q = Tensor.ones(1, 2, 2), k = Tensor.ones(1, 3, 2);
    Tensor v = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 1, 3, 2);
    Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 0, 1}, 2, 3);
    Tensor out = NnOps.attention(q, k, v, mask, 0f, false, null);
    assertTrue(Finite.isFinite(out));
    assertArrayEquals(new float[] {2f / 3, 2f / 3, 0.5f, 0.5f}, out.data(), 1e-5f);
  }

  @Test
  void batchNormRunningStatsAndEvalMode() {
    Tensor x = Tensor.of(new float[] {1, 10, 3, 20, 5, 30}, 3, 2);
    Tensor g = Tensor.ones(2), b = Tensor.zeros(2), rm = Tensor.zeros(2), rv = Tensor.ones(2);
    Tensor y = NnOps.batchNorm(x, g, b, rm, rv, 1f, 0f, true);
    assertArrayEquals(new float[] {3f, 20f}, rm.data(), 1e-5f);
    assertArrayEquals(new float[] {4f, 100f}, rv.data(), 1e-4f); // unbiased variance
    assertEquals(0.0, y.data()[2], 1e-6);
    Tensor e = NnOps.batchNorm(Tensor.of(new float[] {5, 30}, 1, 2), g, b, rm, rv, 1f, 0f, false);
    assertArrayEquals(new float[] {1f, 1f}, e.data(), 1e-5f);
  }

  @Test
  void csrTransposeAndDense() {
    CsrMatrix s =
        CsrMatrix.fromCoo(2, 3, new int[] {0, 1, 1}, new int[] {2, 0, 2}, new float[] {1f, 2f, 3f});
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    assertArrayEquals(LinAlg.matmul(s.toDense(), x).data(), LinAlg.spmm(s, x).data(), 1e-6f);
    assertArrayEquals(
        ShapeOps.transpose(s.toDense(), 0, 1).data(), s.transpose().toDense().data(), 0f);
    assertThrows(
        IllegalArgumentException.class,
        () -> new CsrMatrix(2, 3, new int[] {0, 1}, new int[] {0}, new float[] {1f}));
  }

  @Test
  void finiteCheckNamesTheCulprit() {
    Tensor t = Tensor.of(new float[] {1f, Float.NaN}, 2);
    var e = assertThrows(ArithmeticException.class, () -> Finite.check(t, "loss"));
    assertTrue(
        e.getMessage().contains("loss") && e.getMessage().contains("element 1"), e.getMessage());
  }

  @Test
  void sameSeedSameDraws() {
    assertArrayEquals(
        Tensor.randn(new Rng(5), 1f, 100).data(), Tensor.randn(new Rng(5), 1f, 100).data(), 0f);
  }
}
