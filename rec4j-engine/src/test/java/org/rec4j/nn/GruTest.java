package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.rec4j.tensor.Activations;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.CustomOp;
import org.rec4j.tensor.DTensor;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Ref;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * The {@link GRU} module: gradients against a double-precision reference on ragged batches (and a
 * wrong backward rule failing that check), the forward against an unrolled composition of engine
 * primitives, independence of the packed sequences, {@link GRU#last}, input validation and the
 * allocation-free arena step.
 */
class GruTest {
  /** Lengths 3, 0, 1, 4, 2: an empty and a one-token sequence among ragged ones. */
  private static final int[] RAGGED = {0, 3, 3, 4, 8, 10};

  /** Lengths 0, 2, 5, 0: empty sequences first and last. */
  private static final int[] EMPTY_ENDS = {0, 0, 2, 7, 7};

  /**
   * 22 sequences (lengths 0 to 5, eighteen of them at least 3 long): more than 16 running in the
   * first steps and a few later, so the recurrent products of wide and of narrow steps both run
   * (the op switches kernels at 16 rows), forward and backward.
   */
  private static final int[] WIDE = wide();

  private static int[] wide() {
    int[] lengths = {3, 4, 3, 5, 3, 3, 0, 4, 3, 3, 1, 3, 4, 3, 3, 5, 3, 3, 2, 3, 4, 3};
    int[] offsets = new int[lengths.length + 1];
    for (int b = 0; b < lengths.length; b++) offsets[b + 1] = offsets[b] + lengths[b];
    return offsets;
  }

  private final Rng rng = new Rng(20270114);

  private Tensor input(int rows, int in) {
    return GradCheck.param(rng, 1f, 0.05f, rows, in);
  }

  /** x followed by the module's parameters, in registration order. */
  private static Tensor[] leaves(GRU gru, Tensor x) {
    List<Tensor> all = new ArrayList<>();
    all.add(x);
    for (Parameter p : gru.parameters()) all.add(p.value());
    return all.toArray(Tensor[]::new);
  }

  private static DTensor reference(DTensor[] r, int[] offsets) {
    return Ref.gru(r[0], offsets, r[1], r[2], r[3], r[4]);
  }

  // ---- (1) gradients

  @Test
  void gradientsOfInputAndEveryParameterOnRaggedBatches() {
    GRU gru = new GRU(3, 4, rng);
    for (int[] offsets : new int[][] {RAGGED, EMPTY_ENDS, WIDE, {0, 1}, {0, 0}}) {
      Tensor x = input(offsets[offsets.length - 1], 3);
      GradCheck.check(
          "GRU offsets " + java.util.Arrays.toString(offsets),
          in -> gru.forward(in[0], offsets),
          r -> reference(r, offsets),
          leaves(gru, x));
    }
  }

  @Test
  void gradientsOfTheParametersAloneWhenTheInputIsAConstant() {
    GRU gru = new GRU(3, 4, rng);
    Tensor x = input(10, 3).requiresGrad(false);
    GradCheck.check(
        "GRU constant input",
        in -> gru.forward(in[0], RAGGED),
        r -> reference(r, RAGGED),
        leaves(gru, x));
    assertNull(x.grad());
  }

  @Test
  void gradientsThroughLast() {
    GRU gru = new GRU(3, 4, rng);
    Tensor x = input(10, 3);
    GradCheck.check(
        "GRU.last",
        in -> gru.last(gru.forward(in[0], RAGGED), RAGGED),
        r -> Ref.sequenceLast(reference(r, RAGGED), RAGGED),
        leaves(gru, x));
  }

  /**
   * The check can fail: the real backward rule, reached through a wrapper op, made wrong in ways a
   * recurrence is typically got wrong (time reversed within each sequence) or off by 1% on one
   * input's gradient (each input in turn), is rejected.
   */
  @Test
  void aWrongBackwardFailsTheCheck() {
    GRU gru = new GRU(3, 4, rng);
    Tensor x = input(10, 3);
    Tensor[] leaves = leaves(gru, x);
    assertFails(
        "time reversed",
        () ->
            GradCheck.check(
                "GRU with the output gradient reversed in time",
                in -> wrongly(gru, in, RAGGED, g -> reversedInTime(g, RAGGED, 4), -1),
                r -> reference(r, RAGGED),
                leaves));
    for (int i = 0; i < leaves.length; i++) {
      int input = i;
      assertFails(
          "input " + i,
          () ->
              GradCheck.check(
                  "GRU with the gradient of input " + input + " 1% too large",
                  in -> wrongly(gru, in, RAGGED, g -> g, input),
                  r -> reference(r, RAGGED),
                  leaves));
    }
    // and the same wrapper with nothing changed passes
    GradCheck.check(
        "GRU through the wrapper",
        in -> wrongly(gru, in, RAGGED, g -> g, -1),
        r -> reference(r, RAGGED),
        leaves);
  }

  private static void assertFails(String what, Executable check) {
    var e = assertThrows(AssertionFailedError.class, check, what);
    assertTrue(e.getMessage().contains("relative error"), e.getMessage());
  }

  /**
   * The GRU's output, as a custom op over the leaves whose backward runs the engine's rule (by
   * back-propagating from the real output) with the output gradient passed through {@code seed},
   * and scales what the rule adds to leaf {@code scaled} (if ≥ 0) by 1.01.
   */
  private static Tensor wrongly(
      GRU gru, Tensor[] in, int[] offsets, UnaryOperator<float[]> seed, int scaled) {
    Tensor h = gru.forward(in[0], offsets);
    Tensor y = CustomOp.output(h.shape());
    System.arraycopy(h.data(), 0, y.data(), 0, h.size());
    return CustomOp.record(
        y,
        (out, g, leaves) -> {
          float[] before = scaled < 0 ? null : leaves[scaled].gradBuffer().clone();
          h.backward(seed.apply(g.clone()));
          if (scaled >= 0) {
            float[] after = leaves[scaled].gradBuffer();
            for (int i = 0; i < after.length; i++)
              after[i] = before[i] + 1.01f * (after[i] - before[i]);
          }
        },
        in);
  }

  /** Rows of each sequence in reverse order. */
  private static float[] reversedInTime(float[] g, int[] offsets, int width) {
    float[] out = new float[g.length];
    for (int b = 0; b + 1 < offsets.length; b++) {
      for (int i = offsets[b], j = offsets[b + 1] - 1; i < offsets[b + 1]; i++, j--)
        System.arraycopy(g, j * width, out, i * width, width);
    }
    return out;
  }

  // ---- (2) the forward and backward against the GRU unrolled into engine primitives

  /** The equations, one token at a time, with slice, linear, sigmoid, tanh, add, mul and concat. */
  private static Tensor unrolled(GRU gru, Tensor x, int[] offsets) {
    int h = gru.hiddenSize();
    Tensor wi = gru.inputWeight().value(), wh = gru.hiddenWeight().value();
    Tensor bi = gru.inputBias().value(), bh = gru.hiddenBias().value();
    List<Tensor> rows = new ArrayList<>();
    for (int b = 0; b + 1 < offsets.length; b++) {
      Tensor state = Tensor.zeros(1, h);
      for (int i = offsets[b]; i < offsets[b + 1]; i++) {
        Tensor a = LinAlg.linear(ShapeOps.slice(x, 0, i, i + 1), wi, bi, Activations.Kind.IDENTITY);
        Tensor c = LinAlg.linear(state, wh, bh, Activations.Kind.IDENTITY);
        Tensor r =
            Activations.sigmoid(
                MathOps.add(ShapeOps.slice(a, 1, 0, h), ShapeOps.slice(c, 1, 0, h)));
        Tensor z =
            Activations.sigmoid(
                MathOps.add(ShapeOps.slice(a, 1, h, 2 * h), ShapeOps.slice(c, 1, h, 2 * h)));
        Tensor n =
            Activations.tanh(
                MathOps.add(
                    ShapeOps.slice(a, 1, 2 * h, 3 * h),
                    MathOps.mul(r, ShapeOps.slice(c, 1, 2 * h, 3 * h))));
        state = MathOps.add(MathOps.mul(MathOps.rsubScalar(1f, z), n), MathOps.mul(z, state));
        rows.add(state);
      }
    }
    return rows.isEmpty() ? Tensor.zeros(0, h) : ShapeOps.concat(0, rows.toArray(Tensor[]::new));
  }

  @Test
  void forwardAndGradientsEqualTheUnrolledComposition() {
    forwardAndGradientsEqualTheUnrolledComposition(new int[] {0, 4, 4, 5, 12, 14, 14});
    forwardAndGradientsEqualTheUnrolledComposition(WIDE);
  }

  private void forwardAndGradientsEqualTheUnrolledComposition(int[] offsets) {
    GRU gru = new GRU(5, 6, rng);
    int rows = offsets[offsets.length - 1];
    Tensor x = input(rows, 5);
    Tensor[] leaves = leaves(gru, x);
    Tensor w = Tensor.randn(new Rng(5), 1f, rows, 6);

    for (Tensor t : leaves) t.zeroGrad();
    Tensor fused = gru.forward(x, offsets);
    ReduceOps.sum(MathOps.mul(fused, w)).backward();
    float[][] fusedGrads = grads(leaves);
    float[] fusedOut = fused.toArray();

    for (Tensor t : leaves) t.zeroGrad();
    Tensor composed = unrolled(gru, x, offsets);
    ReduceOps.sum(MathOps.mul(composed, w)).backward();

    assertClose("forward", composed.data(), fusedOut, 1e-5);
    float[][] composedGrads = grads(leaves);
    for (int i = 0; i < leaves.length; i++)
      assertClose("gradient of input " + i, composedGrads[i], fusedGrads[i], 1e-5);
  }

  private static float[][] grads(Tensor[] leaves) {
    float[][] g = new float[leaves.length][];
    for (int i = 0; i < leaves.length; i++) g[i] = leaves[i].gradBuffer().clone();
    return g;
  }

  /** |expected − actual| ≤ tol·max(1, |expected|) elementwise. */
  private static void assertClose(String what, float[] expected, float[] actual, double tol) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tol * Math.max(1, Math.abs(expected[i]))))
        fail(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]);
    }
  }

  // ---- (3) independence

  @Test
  void eachSequenceInABatchMatchesItRunAlone() {
    GRU gru = new GRU(6, 5, rng);
    int[] offsets = {0, 5, 6, 6, 13, 16};
    Tensor x = input(16, 6);
    Tensor w = Tensor.randn(new Rng(8), 1f, 16, 5);
    Tensor[] leaves = leaves(gru, x);
    for (Tensor t : leaves) t.zeroGrad();
    Tensor batch = gru.forward(x, offsets);
    ReduceOps.sum(MathOps.mul(batch, w)).backward();
    float[][] batchGrads = grads(leaves);

    float[][] summed = new float[leaves.length][];
    for (int i = 1; i < leaves.length; i++) summed[i] = new float[leaves[i].size()];
    for (int b = 0; b + 1 < offsets.length; b++) {
      int from = offsets[b], to = offsets[b + 1], len = to - from;
      Tensor xb = Tensor.of(java.util.Arrays.copyOfRange(x.data(), from * 6, to * 6), len, 6);
      xb.requiresGrad(true);
      for (Parameter p : gru.parameters()) p.zeroGrad();
      Tensor alone = gru.forward(xb, new int[] {0, len});
      float[] expected = java.util.Arrays.copyOfRange(batch.data(), from * 5, to * 5);
      assertClose("sequence " + b + " output", expected, alone.data(), 1e-6);
      if (len == 0) continue;
      Tensor wb = Tensor.of(java.util.Arrays.copyOfRange(w.data(), from * 5, to * 5), len, 5);
      ReduceOps.sum(MathOps.mul(alone, wb)).backward();
      assertClose(
          "sequence " + b + " input gradient",
          java.util.Arrays.copyOfRange(batchGrads[0], from * 6, to * 6),
          xb.grad(),
          1e-6);
      List<Parameter> ps = gru.parameters();
      for (int i = 1; i < leaves.length; i++) {
        float[] g = ps.get(i - 1).value().gradBuffer();
        for (int k = 0; k < g.length; k++) summed[i][k] += g[k];
      }
    }
    for (int i = 1; i < leaves.length; i++)
      assertClose(
          "parameter " + i + " gradient, summed over sequences", batchGrads[i], summed[i], 1e-5);
  }

  // ---- (4) last

  @Test
  void lastPicksEachSequencesFinalRowAndPassesItsGradient() {
    GRU gru = new GRU(2, 3, rng);
    Tensor hidden = GradCheck.param(rng, 1f, 0.05f, 7, 3);
    Tensor last = gru.last(hidden, EMPTY_ENDS);
    assertArrayEquals(new int[] {4, 3}, last.dims());
    float[] h = hidden.data(), l = last.data();
    assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOfRange(l, 0, 3));
    assertArrayEquals(java.util.Arrays.copyOfRange(h, 3, 6), java.util.Arrays.copyOfRange(l, 3, 6));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(h, 18, 21), java.util.Arrays.copyOfRange(l, 6, 9));
    assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOfRange(l, 9, 12));

    float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    ReduceOps.sum(MathOps.mul(last, Tensor.of(w, 4, 3))).backward();
    float[] expected = new float[21];
    System.arraycopy(w, 3, expected, 3, 3); // row 1 is the end of sequence 1
    System.arraycopy(w, 6, expected, 18, 3); // row 6 the end of sequence 2
    assertArrayEquals(expected, hidden.grad());
  }

  // ---- (5) validation

  @Test
  void badInputsAreRefusedWithOneLineNamingWhatWasExpected() {
    GRU gru = new GRU(3, 4, rng);
    Tensor x = input(5, 3);
    expectRefusal("offsets must end at T = 5", () -> gru.forward(x, new int[] {0, 2, 4}));
    expectRefusal("offsets must end at T = 5", () -> gru.forward(x, new int[] {0, 2, 6}));
    expectRefusal(
        "non-decreasing, got offsets[2] = 1", () -> gru.forward(x, new int[] {0, 3, 1, 5}));
    expectRefusal("offsets[0] must be 0, got 1", () -> gru.forward(x, new int[] {1, 5}));
    expectRefusal("B + 1 >= 1 entries", () -> gru.forward(x, new int[0]));
    expectRefusal("B + 1 >= 1 entries", () -> gru.forward(x, null));
    expectRefusal(
        "GRU expects input [T, 3], got [5, 4]", () -> gru.forward(input(5, 4), new int[] {0, 5}));
    expectRefusal(
        "GRU expects input [T, 3], got [15]",
        () -> gru.forward(Tensor.zeros(15), new int[] {0, 5}));
    Tensor hidden = gru.forward(x, new int[] {0, 2, 5});
    expectRefusal(
        "GRU.last expects hidden states [T, 4], got [5, 3]", () -> gru.last(x, new int[] {0, 5}));
    expectRefusal("offsets must end at T = 5", () -> gru.last(hidden, new int[] {0, 2}));
    expectRefusal("GRU hiddenSize must be > 0, got 0", () -> new GRU(3, 0, rng));
    expectRefusal("GRU inputSize must be > 0, got -1", () -> new GRU(-1, 2, rng));
  }

  private static void expectRefusal(String expected, Executable call) {
    var e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  // ---- module

  @Test
  void parametersAreRegisteredAndInitializedAsPyTorch() {
    GRU gru = new GRU(7, 16, new Rng(3));
    Map<String, Parameter> ps = gru.namedParameters();
    assertEquals(
        List.of("inputWeight", "hiddenWeight", "inputBias", "hiddenBias"),
        List.copyOf(ps.keySet()));
    assertArrayEquals(new int[] {7, 48}, ps.get("inputWeight").value().dims());
    assertArrayEquals(new int[] {16, 48}, ps.get("hiddenWeight").value().dims());
    assertArrayEquals(new int[] {48}, ps.get("inputBias").value().dims());
    assertArrayEquals(new int[] {48}, ps.get("hiddenBias").value().dims());
    assertEquals(7 * 48 + 16 * 48 + 2 * 48, gru.parameterCount());
    for (Parameter p : gru.parameters()) {
      float max = 0;
      for (float v : p.value().data()) max = Math.max(max, Math.abs(v));
      assertTrue(max <= 0.25f && max > 0.2f, p.name() + " within ±1/√16, spread: " + max);
    }
    assertArrayEquals(
        gru.hiddenWeight().value().data(),
        new GRU(7, 16, new Rng(3)).hiddenWeight().value().data(),
        "the same seed gives the same weights");
  }

  @Test
  void steadyStateStepInAnArenaTakesNoNewBuffersOrObjects() {
    GRU gru = new GRU(8, 6, rng);
    int[] offsets = {0, 3, 3, 4, 11, 13};
    Tensor x = input(13, 8);
    Tensor w = Tensor.randn(new Rng(4), 1f, 5, 6);
    Arena arena = new Arena();
    Runnable step =
        () -> {
          try (Arena.Scope s = arena.open()) {
            ReduceOps.sum(MathOps.mul(gru.last(gru.forward(x, offsets), offsets), w)).backward();
          }
          gru.zeroGrad();
          x.zeroGrad();
        };
    step.run();
    long objects = arena.objects(), buffers = arena.allocations();
    for (int i = 0; i < 5; i++) step.run();
    assertEquals(objects, arena.objects(), "later steps reuse the first step's tensors and nodes");
    assertEquals(buffers, arena.allocations(), "later steps reuse the first step's buffers");

    // pooled (recycled, re-zeroed) buffers give exactly the gradient of a step on the heap
    try (Arena.Scope s = arena.open()) {
      ReduceOps.sum(MathOps.mul(gru.last(gru.forward(x, offsets), offsets), w)).backward();
    }
    float[] pooled = x.grad().clone();
    x.zeroGrad();
    ReduceOps.sum(MathOps.mul(gru.last(gru.forward(x, offsets), offsets), w)).backward();
    assertArrayEquals(x.grad(), pooled);
  }

  /**
   * Forward and forward + backward time of GRU4Rec-sized batches: B = 128 sessions of mean length 6
   * (at most 50), in = h = 50. Not an assertion; run with {@code -Drec4j.gru.timing=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "rec4j.gru.timing", matches = "true")
  void timing() {
    Rng r = new Rng(6);
    int sequences = 128, in = 50, hidden = 50;
    int[] offsets = new int[sequences + 1];
    for (int b = 0; b < sequences; b++) {
      // 1 + geometric with mean 5, capped at 50; one session of the maximum length
      int len =
          b == 0
              ? 50
              : 1
                  + (int)
                      Math.min(49, Math.floor(Math.log(1 - r.nextDouble()) / Math.log(5.0 / 6)));
      offsets[b + 1] = offsets[b] + len;
    }
    int tokens = offsets[sequences];
    GRU gru = new GRU(in, hidden, r);
    Tensor x = Tensor.randn(r, 1f, tokens, in).requiresGrad(true);
    Tensor w = Tensor.randn(r, 1f, tokens, hidden);
    Arena arena = new Arena();
    // the machine may be shared: report the best of 20 blocks of 25 steps (after 300 warm-up
    // steps) as well as the mean over all of them
    int warmup = 300, blocks = 20, perBlock = 25;
    double bestForward = Double.MAX_VALUE, bestBoth = Double.MAX_VALUE;
    long forward = 0, both = 0;
    for (int i = 0; i < warmup + blocks * perBlock; i++) {
      try (Arena.Scope s = arena.open()) {
        long t0 = System.nanoTime();
        Tensor h = gru.forward(x, offsets);
        long t1 = System.nanoTime();
        ReduceOps.sum(MathOps.mul(h, w)).backward();
        long t2 = System.nanoTime();
        if (i >= warmup) {
          forward += t1 - t0;
          both += t2 - t0;
          if ((i - warmup + 1) % perBlock == 0) {
            bestForward = Math.min(bestForward, forward / 1e6 / perBlock);
            bestBoth = Math.min(bestBoth, both / 1e6 / perBlock);
            forward = 0;
            both = 0;
          }
        }
      }
      gru.zeroGrad();
      x.zeroGrad();
    }
    System.out.printf(
        "GRU timing (%s kernels): B=%d, T=%d (mean length %.2f, max 50), in=%d, h=%d:"
            + " forward %.3f ms, forward+backward %.3f ms (best block of %d steps)%n",
        org.rec4j.tensor.kernel.KernelProvider.get().name(),
        sequences,
        tokens,
        tokens / (double) sequences,
        in,
        hidden,
        bestForward,
        bestBoth,
        perBlock);
  }
}
