package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rec4j.optim.Fixtures.addRow;
import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.grad;
import static org.rec4j.optim.Fixtures.table;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * Lazy (row-sparse) Adam: untouched rows frozen, touched rows equal to dense Adam, duplicates
 * summed.
 */
class LazyAdamTest {
  private static final int ROWS = 5, COLS = 3;
  private static final Adam.Config CONFIG = new Adam.Config(0.01, 0.9, 0.999, 1e-8);

  @Test
  void untouchedRowsStayBitIdenticalAndTouchedRowsMatchDenseAdam() {
    Parameter table = table("emb", ROWS, COLS);
    float[] before = table.value().toArray();
    // dense twin holding rows 1 and 3
    float[] twin = new float[2 * COLS];
    System.arraycopy(before, COLS, twin, 0, COLS);
    System.arraycopy(before, 3 * COLS, twin, COLS, COLS);
    Parameter dense = new Parameter("twin", Tensor.of(twin, 2, COLS));
    Adam sparseOpt = new Adam(List.of(table), CONFIG);
    Adam denseOpt = new Adam(List.of(dense), CONFIG);
    for (int t = 1; t <= 6; t++) {
      float[] g1 = row(t, 0), g3 = row(t, 1);
      addRow(table, 3, g3); // order of appearance must not matter
      addRow(table, 1, g1);
      System.arraycopy(g1, 0, dense.value().gradBuffer(), 0, COLS);
      System.arraycopy(g3, 0, dense.value().gradBuffer(), COLS, COLS);
      sparseOpt.step();
      denseOpt.step();
      sparseOpt.zeroGrad();
      denseOpt.zeroGrad();
    }
    float[] after = table.value().data();
    for (int r : new int[] {0, 2, 4}) {
      for (int j = 0; j < COLS; j++) {
        int i = r * COLS + j;
        assertEquals(
            Float.floatToRawIntBits(before[i]),
            Float.floatToRawIntBits(after[i]),
            "untouched row " + r + " col " + j);
        assertEquals(0f, sparseOpt.state("emb").slot(0)[i], "m of untouched row " + r);
        assertEquals(0f, sparseOpt.state("emb").slot(1)[i], "v of untouched row " + r);
      }
    }
    float[] d = dense.value().data();
    for (int j = 0; j < COLS; j++) {
      assertEquals(d[j], after[COLS + j], "row 1 col " + j);
      assertEquals(d[COLS + j], after[3 * COLS + j], "row 3 col " + j);
    }
  }

  @Test
  void duplicateRowsInOneBatchGetSummedGradients() {
    Parameter table = table("emb", ROWS, COLS);
    float[] w0 = table.value().toArray();
    Adam opt = new Adam(List.of(table), CONFIG);
    float[] a = {0.3f, -0.2f, 0.1f}, b = {0.4f, 0.5f, -0.6f};
    addRow(table, 2, a);
    addRow(table, 4, a);
    addRow(table, 2, b);
    opt.step();
    float[] w = table.value().data();
    for (int j = 0; j < COLS; j++) {
      float sum = a[j] + b[j];
      // step 1 of Adam: m̂ = g, v̂ = g², so w1 = w0 − lr·g/(|g| + ε)
      assertClose(
          w0[2 * COLS + j] - 0.01 * sum / (Math.abs(sum) + 1e-8),
          w[2 * COLS + j],
          "row 2 col " + j);
      assertClose(
          w0[4 * COLS + j] - 0.01 * a[j] / (Math.abs(a[j]) + 1e-8),
          w[4 * COLS + j],
          "row 4 col " + j);
    }
  }

  @Test
  void skippedStepDoesNotDecayMomentsButAdvancesBiasCorrection() {
    Parameter table = table("emb", ROWS, COLS);
    float[] w0 = table.value().toArray();
    Adam opt = new Adam(List.of(table), CONFIG);
    float[] g1 = row(1, 0), g3 = row(3, 0);
    addRow(table, 0, g1);
    opt.step();
    opt.zeroGrad();
    addRow(table, 4, row(2, 0)); // step 2 touches another row only
    opt.step();
    opt.zeroGrad();
    addRow(table, 0, g3);
    opt.step();
    float[] w = table.value().data();
    for (int j = 0; j < COLS; j++) {
      double m1 = 0.1 * g1[j], v1 = 0.001 * g1[j] * g1[j];
      double w1 = w0[j] - 0.01 * (m1 / (1 - 0.9)) / (Math.sqrt(v1 / (1 - 0.999)) + 1e-8);
      double m3 = 0.9 * m1 + 0.1 * g3[j],
          v3 = 0.999 * v1 + 0.001 * g3[j] * g3[j]; // no decay for step 2
      double w3 =
          w1
              - 0.01
                  * (m3 / (1 - Math.pow(0.9, 3)))
                  / (Math.sqrt(v3 / (1 - Math.pow(0.999, 3))) + 1e-8);
      assertClose(w3, w[j], "row 0 col " + j);
    }
  }

  @Test
  void tiedTableWithDenseAndSparseGradientsIsUpdatedFromTheirSum() {
    Parameter table = table("emb", ROWS, COLS);
    Parameter twin = new Parameter("emb", Tensor.of(table.value().toArray(), ROWS, COLS));
    Adam sparseOpt = new Adam(List.of(table), CONFIG);
    Adam denseOpt = new Adam(List.of(twin), CONFIG);
    float[] g = table.value().gradBuffer(), tg = twin.value().gradBuffer();
    for (int i = 0; i < g.length; i++) g[i] = tg[i] = grad(1, i, 0.1);
    float[] extra = row(1, 3);
    addRow(table, 2, extra);
    for (int j = 0; j < COLS; j++) tg[2 * COLS + j] += extra[j];
    sparseOpt.step();
    denseOpt.step();
    assertArrayEquals(twin.value().data(), table.value().data());
    assertEquals(
        0, table.value().sparseGradient().count(), "rows were folded into the dense buffer");
  }

  private static float[] row(int t, int salt) {
    float[] g = new float[COLS];
    for (int j = 0; j < COLS; j++) g[j] = grad(t, j + 7 * salt, 0.5);
    return g;
  }
}
