package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.optim.Fixtures.addRow;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.setGrad;
import static org.rec4j.optim.Fixtures.table;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.SparseRowGrad;

/** Clipping by global norm (dense + sparse rows) and by value. */
class GradientClippingTest {
  @Test
  void normCoversDenseAndCoalescedSparseRows() {
    Parameter d = dense("d", 0f, 0f);
    Parameter s = table("s", 4, 2);
    setGrad(d, 3f, 0f);
    addRow(s, 2, 0f, 2f);
    addRow(s, 2, 0f, 2f); // duplicates sum to (0, 4): ‖g‖ = sqrt(9 + 16) = 5, not sqrt(9 + 8)
    assertEquals(5.0, GradientClipping.globalNorm(List.of(d, s)), 1e-12);
    double before = GradientClipping.byNorm(1).apply(List.of(d, s));
    assertEquals(5.0, before, 1e-12);
    assertArrayEquals(new float[] {0.6f, 0f}, d.value().grad());
    SparseRowGrad g = s.value().sparseGradient();
    assertEquals(1, g.count());
    assertEquals(0.8f, g.values()[1], 1e-7f);
    assertEquals(1.0, GradientClipping.globalNorm(List.of(d, s)), 1e-6);
  }

  @Test
  void tiedTableIsMeasuredAsDensePlusRows() {
    Parameter s = table("s", 2, 2);
    setGrad(s, 1f, 0f, 0f, 0f);
    addRow(s, 0, 2f, 0f); // row 0 totals (3, 0): ‖g‖ = 3, not sqrt(1 + 4)
    assertEquals(3.0, GradientClipping.globalNorm(List.of(s)), 1e-12);
    assertArrayEquals(new float[] {3f, 0f, 0f, 0f}, s.value().grad());
  }

  @Test
  void normBelowThresholdLeavesGradientsAlone() {
    Parameter d = dense("d", 0f, 0f);
    setGrad(d, 0.3f, -0.4f);
    assertEquals(0.5, GradientClipping.byNorm(1).apply(List.of(d)), 1e-7);
    assertArrayEquals(new float[] {0.3f, -0.4f}, d.value().grad());
  }

  @Test
  void frozenParametersAreNeitherCountedNorClipped() {
    Parameter a = dense("a", 0f);
    Parameter frozen = dense("f", 0f);
    setGrad(a, 2f);
    setGrad(frozen, 100f);
    frozen.trainable(false);
    assertEquals(2.0, GradientClipping.byNorm(1).apply(List.of(a, frozen)), 1e-12);
    assertEquals(1f, a.value().grad()[0]);
    assertEquals(100f, frozen.value().grad()[0]);
  }

  @Test
  void nonFiniteNormIsReportedNotApplied() {
    Parameter d = dense("d", 0f, 0f);
    setGrad(d, Float.NaN, 1f);
    assertTrue(Double.isNaN(GradientClipping.byNorm(1).apply(List.of(d))));
    assertEquals(1f, d.value().grad()[1]);
  }

  @Test
  void valueClampsEachCoordinate() {
    Parameter d = dense("d", 0f, 0f, 0f);
    Parameter s = table("s", 3, 2);
    setGrad(d, 5f, -0.2f, -7f);
    addRow(s, 0, 0.3f, -4f);
    GradientClipping.byValue(0.5).apply(List.of(d, s));
    assertArrayEquals(new float[] {0.5f, -0.2f, -0.5f}, d.value().grad());
    assertEquals(0.3f, s.value().sparseGradient().values()[0]);
    assertEquals(-0.5f, s.value().sparseGradient().values()[1]);
  }

  @Test
  void thresholdIsValidated() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0));
    assertEquals("threshold must be finite and > 0, got 0.0", e.getMessage());
  }
}
