package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.optim.Fixtures.addRow;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.grad;
import static org.rec4j.optim.Fixtures.setGrad;
import static org.rec4j.optim.Fixtures.table;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/**
 * The written lifecycle: what step() touches, zeroGrad(), state export/import, config errors,
 * allocation.
 */
class OptimizerLifecycleTest {
  @Test
  void frozenAndGradientlessParametersAreSkipped() {
    Parameter a = dense("a", 1f);
    Parameter frozen = dense("frozen", 1f);
    Parameter noGrad = dense("noGrad", 1f);
    Adam opt = new Adam(List.of(a, frozen, noGrad), Adam.Config.defaults(0.1));
    setGrad(a, 1f);
    setGrad(frozen, 1f);
    frozen.trainable(false);
    opt.step();
    assertTrue(a.value().data()[0] < 1f);
    assertEquals(1f, frozen.value().data()[0]);
    assertEquals(1f, noGrad.value().data()[0]);
    assertFalse(opt.state("noGrad").allocated(), "state is allocated on first update only");
    assertEquals(1, opt.stepCount());
  }

  @Test
  void zeroGradClearsDenseAndSparse() {
    Parameter d = dense("d", 1f, 2f);
    Parameter s = table("s", 3, 2);
    Sgd opt = new Sgd(List.of(d, s), Sgd.Config.plain(0.1));
    setGrad(d, 1f, 1f);
    addRow(s, 1, 1f, 1f);
    opt.zeroGrad();
    assertArrayEquals(new float[] {0f, 0f}, d.value().grad());
    assertEquals(0, s.value().sparseGradient().count());
  }

  @Test
  void exportImportResumesBitIdentically() {
    Parameter d1 = dense("d", 1f, -1f), s1 = table("s", 4, 2);
    Parameter d2 = dense("d", 1f, -1f), s2 = table("s", 4, 2);
    Adam first = new Adam(List.of(d1, s1), Adam.Config.defaults(0.05));
    Adam second = new Adam(List.of(d2, s2), Adam.Config.defaults(0.05));
    for (int t = 1; t <= 3; t++) feedAndStep(first, d1, s1, t);
    first.setLearningRate(0.02);
    Optimizer.Snapshot snap = first.exportState();
    assertEquals(3, snap.step());
    assertEquals(List.of("d/m", "d/v", "s/m", "s/v"), List.copyOf(snap.slots().keySet()));
    System.arraycopy(d1.value().data(), 0, d2.value().data(), 0, 2);
    System.arraycopy(s1.value().data(), 0, s2.value().data(), 0, 8);
    second.importState(snap);
    assertEquals(0.02, second.learningRate());
    for (int t = 4; t <= 6; t++) {
      feedAndStep(first, d1, s1, t);
      feedAndStep(second, d2, s2, t);
    }
    assertArrayEquals(d1.value().data(), d2.value().data());
    assertArrayEquals(s1.value().data(), s2.value().data());
  }

  @Test
  void importRejectsUnknownKeysAndWrongLengths() {
    Adam opt = new Adam(List.of(dense("d", 1f, 2f)), Adam.Config.defaults(0.1));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> opt.importState(new Optimizer.Snapshot(1, 0.1, Map.of("d/sum", new float[2]))));
    assertEquals("state 'd/sum' matches no parameter slot; slots are [m, v]", unknown.getMessage());
    IllegalArgumentException length =
        assertThrows(
            IllegalArgumentException.class,
            () -> opt.importState(new Optimizer.Snapshot(1, 0.1, Map.of("d/m", new float[3]))));
    assertEquals("state 'd/m' has 3 values but the parameter has 2", length.getMessage());
  }

  @Test
  void duplicateNamesAndBadConfigsAreRejectedByKey() {
    var w = dense("w", 1f);
    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class, () -> new Sgd(List.of(w, w), Sgd.Config.plain(0.1)));
    assertTrue(dup.getMessage().contains("'w' is listed twice"), dup.getMessage());
    // layer-local names repeat across a model: the second gets its list position in the state key
    Sgd same = new Sgd(List.of(dense("w", 1f), dense("w", 2f)), Sgd.Config.plain(0.1));
    assertTrue(same.state("w#1").parameter() != same.state("w").parameter());
    assertEquals(
        "beta2 must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new Adam.Config(0.1, 0.9, 1.0, 1e-8))
            .getMessage());
    assertEquals(
        "nesterov needs momentum in (0, 1), got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0, true))
            .getMessage());
    assertEquals(
        "alpha must be finite and > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new Ftrl.Config(0, 1, 0, 0))
            .getMessage());
    RmsProp rms = new RmsProp(List.of(), RmsProp.Config.defaults(0.1));
    assertEquals(
        "learning rate must be finite and >= 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> rms.setLearningRate(Double.NaN))
            .getMessage());
  }

  @Test
  void configsBuildTheirOptimizer() {
    List<Parameter> ps = List.of(dense("w", 1f));
    for (Fixtures.Maker m : Fixtures.makers()) {
      Optimizer opt = m.make(ps);
      assertEquals(m.config().getClass().getEnclosingClass(), opt.getClass(), m.name());
      assertEquals(m.regularizer(), opt.regularizer(), m.name());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Ftrl.Config(0.1, 1, 0, 0).build(ps, Regularizer.l2(0.1f)));
    assertTrue(e.getMessage().startsWith("FTRL takes no regularizer"), e.getMessage());
  }

  @Test
  void steadyStateStepAllocatesNothing() {
    Parameter d = dense("d", new float[64]);
    Parameter s = table("s", 1000, 16);
    Adam opt = new Adam(List.of(d, s), Adam.Config.defaults(0.01));
    float[] row = new float[16];
    Arrays.fill(row, 0.1f);
    Runnable batch =
        () -> {
          Arrays.fill(d.value().gradBuffer(), 0.2f);
          for (int r = 0; r < 40; r++)
            s.value().sparseGradBuffer().add((r * 37) % 1000, row, 0, 1f);
          opt.step();
          opt.zeroGrad();
        };
    for (int i = 0; i < 20_000; i++) batch.run();
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    long before = bean.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1000; i++) batch.run();
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 1024, "1000 steps allocated " + allocated + " bytes");
  }

  private static void feedAndStep(Optimizer opt, Parameter d, Parameter s, int t) {
    setGrad(d, grad(t, 0, 1), grad(t, 1, 1));
    addRow(s, t % 4, grad(t, 2, 1), grad(t, 3, 1));
    addRow(s, (t + 2) % 4, grad(t, 4, 1), grad(t, 5, 1));
    opt.step();
    opt.zeroGrad();
  }
}
