package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.loss.BceWithLogitsLoss;

/**
 * The arena's pooling of buffers, tensors and nodes: results equal unpooled runs, and the lifetime
 * rule.
 */
class ArenaTest {
  private static final int STEPS = 7;

  /**
   * A small MF + MLP model stepped with plain SGD; returns every step's loss followed by the final
   * weights.
   */
  private static float[] train(Arena arena) {
    Rng rng = new Rng(5);
    Tensor users = Tensor.randn(rng, 0.1f, 10, 4).requiresGrad(true).sparseGrad(true);
    Tensor items = Tensor.randn(rng, 0.1f, 12, 4).requiresGrad(true);
    Tensor w = Tensor.randn(rng, 0.3f, 8, 3).requiresGrad(true);
    Tensor b = Tensor.zeros(3).requiresGrad(true);
    Tensor c = Tensor.zeros(1).requiresGrad(true);
    List<Tensor> params = List.of(users, items, w, b, c);
    BceWithLogitsLoss bce = new BceWithLogitsLoss();
    float[] out = new float[STEPS];
    for (int s = 0; s < STEPS; s++) {
      int n = s % 3 == 2 ? 4 : 6; // a tail batch of another size every third step
      int[] uid = new int[n], iid = new int[n];
      float[] label = new float[n];
      for (int i = 0; i < n; i++) {
        uid[i] = (7 * s + 3 * i) % 10;
        iid[i] = (5 * s + i) % 12;
        label[i] = (s + i) % 2;
      }
      Arena.Scope scope = arena == null ? null : arena.open();
      try {
        Tensor eu = IndexOps.embedding(users, uid), ei = IndexOps.embedding(items, iid);
        Tensor dot = ReduceOps.sum(MathOps.mul(eu, ei), 1, false);
        Tensor h = LinAlg.linear(ShapeOps.concat(1, eu, ei), w, b, Activations.Kind.RELU);
        Tensor logit = MathOps.add(MathOps.add(dot, ReduceOps.sum(h, -1, false)), c);
        Tensor loss = bce.compute(ShapeOps.reshape(logit, Shape.of(n)), Tensor.wrap(label, n));
        loss.backward();
        out[s] = loss.item();
      } finally {
        if (scope != null) scope.close();
      }
      for (Tensor p : params) {
        float[] g = p.gradTensor().data(), d = p.data();
        for (int i = 0; i < d.length; i++) d[i] -= 0.5f * g[i];
        p.zeroGrad();
      }
    }
    List<float[]> all = new ArrayList<>(List.of(out));
    for (Tensor p : params) all.add(p.data());
    int len = 0;
    for (float[] a : all) len += a.length;
    float[] flat = new float[len];
    int at = 0;
    for (float[] a : all) {
      System.arraycopy(a, 0, flat, at, a.length);
      at += a.length;
    }
    return flat;
  }

  @Test
  void pooledStepsEqualUnpooledStepsBitForBit() {
    float[] heap = train(null);
    float[] pooled = train(new Arena());
    assertArrayEquals(
        heap, pooled, "losses and weights of pooled steps must equal the unpooled run exactly");
    assertTrue(
        heap[0] > 0 && heap[STEPS - 1] < heap[0],
        "the model trains: losses " + heap[0] + " → " + heap[STEPS - 1]);
  }

  @Test
  void steadyStateCreatesNoTensorsNodesOrBuffers() {
    Tensor w = Tensor.randn(new Rng(2), 0.1f, 8, 4).requiresGrad(true);
    Tensor x = Tensor.randn(new Rng(3), 1f, 16, 8);
    Arena arena = new Arena();
    long objects = 0, buffers = 0;
    for (int step = 0; step < 4; step++) {
      try (Arena.Scope s = arena.open()) {
        Tensor h = ShapeOps.concat(1, LinAlg.linear(x, w, null, Activations.Kind.RELU), x);
        ReduceOps.mean(ReduceOps.sum(h, 1, false)).backward();
        w.zeroGrad();
      }
      if (step == 0) {
        objects = arena.objects();
        buffers = arena.allocations();
      }
    }
    assertTrue(objects >= 8, "the step's tensors and nodes come from the arena: " + objects);
    assertEquals(
        objects, arena.objects(), "later steps reuse the first step's tensor and node objects");
    assertEquals(buffers, arena.allocations(), "later steps reuse the first step's buffers");
  }

  @Test
  void tensorKeptPastItsScopeIsEmptied() {
    Tensor w = Tensor.ones(2, 3).requiresGrad(true);
    Arena arena = new Arena();
    Tensor kept, wrapped, copied;
    try (Arena.Scope s = arena.open()) {
      kept = MathOps.mulScalar(w, 2f);
      wrapped = Tensor.wrap(new float[] {1f, 2f}, 2);
      copied = kept.copy();
      assertTrue(kept.requiresGrad());
      assertEquals(6, kept.size());
    }
    assertEquals(0, kept.size(), "a pooled tensor holds nothing once its scope closed");
    assertNull(kept.node());
    assertFalse(kept.requiresGrad());
    assertArrayEquals(
        new float[] {1f, 2f}, wrapped.data(), "wrap gives a heap tensor the scope never recycles");
    assertArrayEquals(
        new float[] {2f, 2f, 2f, 2f, 2f, 2f}, copied.data(), "copy gives a heap tensor");
    try (Arena.Scope s = arena.open()) {
      Tensor next = MathOps.addScalar(w, 1f);
      assertSame(kept, next, "the next scope reuses the object (hence the lifetime rule)");
    }
  }

  @Test
  void backwardInsideABackwardRuleUsesItsOwnScratch() {
    Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
    Tensor z = Tensor.of(new float[] {3f}, 1).requiresGrad(true);
    Tensor other =
        ReduceOps.sum(
            MathOps.mulScalar(z, 4f)); // another graph, walked from inside a backward rule
    Tensor y = CustomOp.output(Shape.of(2));
    System.arraycopy(x.data(), 0, y.data(), 0, 2);
    CustomOp.record(
        y,
        (out, g, in) -> {
          other.backward();
          float[] gx = in[0].gradBuffer();
          for (int i = 0; i < g.length; i++) gx[i] += g[i];
        },
        x);
    ReduceOps.sum(MathOps.mul(y, y)).backward();
    assertArrayEquals(new float[] {2f, 4f}, x.grad(), 0f);
    assertArrayEquals(new float[] {4f}, z.grad(), 0f);
  }

  /**
   * Pools of sizes a scope no longer uses are dropped once the free buffers exceed the scope's
   * demand plus the slack; a fixed-shape step never loses its pools.
   */
  @Test
  void poolsOfUnusedSizesAreDroppedPastTheSlack() {
    Arena a = new Arena();
    a.slackFloats(0);
    for (int i = 0; i < 3; i++) {
      try (Arena.Scope s = a.open()) {
        Tensor.zeros(10, 10);
        Tensor.zeros(3, 7);
      }
    }
    long steady = a.allocations();
    assertEquals(2, steady, "a fixed-shape scope reuses its buffers");
    try (Arena.Scope s = a.open()) {
      Tensor.zeros(20, 10);
    }
    assertEquals(200, a.freeFloats(), "the 100- and 21-float pools were dropped");
    try (Arena.Scope s = a.open()) {
      Tensor.zeros(10, 10);
    }
    assertEquals(steady + 2, a.allocations(), "a dropped size is allocated again");
    Arena roomy = new Arena();
    for (int n = 1; n <= 20; n++) {
      try (Arena.Scope s = roomy.open()) {
        Tensor.zeros(n, 4);
      }
    }
    assertEquals(4 * 210, roomy.freeFloats(), "within the default slack every size is kept");
  }
}
