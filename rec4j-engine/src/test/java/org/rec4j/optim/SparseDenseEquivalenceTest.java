package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rec4j.optim.Fixtures.addRow;
import static org.rec4j.optim.Fixtures.grad;
import static org.rec4j.optim.Fixtures.table;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * For every optimizer, a sparse table whose rows 0–2 are touched every step (in varying order, one
 * of them as two half-gradient duplicates) ends bit-identical to a dense parameter given the same
 * gradients, while row 3, never touched, keeps its initial bits.
 */
class SparseDenseEquivalenceTest {
  private static final int ROWS = 4, COLS = 5, STEPS = 6;

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.rec4j.optim.Fixtures#makers")
  void lazyRowsEqualDenseUpdates(Fixtures.Maker maker) {
    Parameter sparse = table("t", ROWS, COLS);
    float[] init = sparse.value().toArray();
    Parameter dense = new Parameter("t", Tensor.of(init, ROWS, COLS));
    Optimizer sparseOpt = maker.make(List.of(sparse));
    Optimizer denseOpt = maker.make(List.of(dense));
    for (int t = 1; t <= STEPS; t++) {
      float[] g = dense.value().gradBuffer();
      for (int k = 0; k < 3; k++) {
        int r = (k + t) % 3;
        float[] row = new float[COLS], half = new float[COLS];
        for (int j = 0; j < COLS; j++) {
          row[j] = grad(t, r * COLS + j, 0.5);
          half[j] = row[j] / 2; // exact, so the two halves coalesce back to row[j]
          g[r * COLS + j] = row[j];
        }
        if (r == 1) {
          addRow(sparse, r, half);
          addRow(sparse, r, half);
        } else {
          addRow(sparse, r, row);
        }
      }
      sparseOpt.step();
      denseOpt.step();
      sparseOpt.zeroGrad();
      denseOpt.zeroGrad();
    }
    float[] s = sparse.value().data(), d = dense.value().data();
    for (int i = 0; i < 3 * COLS; i++) {
      assertEquals(
          Float.floatToRawIntBits(d[i]),
          Float.floatToRawIntBits(s[i]),
          maker + ": touched coordinate " + i);
    }
    for (int i = 3 * COLS; i < ROWS * COLS; i++) {
      assertEquals(
          Float.floatToRawIntBits(init[i]),
          Float.floatToRawIntBits(s[i]),
          maker + ": untouched coordinate " + i);
    }
  }
}
