package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * Lazy Adam with catch-up of skipped steps approximates dense Adam on rows that go untouched for a
 * while.
 */
class AdamCatchUpTest {
  private static final int ROWS = 3, DIM = 4;

  /**
   * Runs 400 steps where row 0 gets a gradient only on steps 1..300 and 320; returns row 0
   * afterwards.
   */
  private static float[] run(boolean sparse, boolean catchUp) {
    Tensor w = Tensor.zeros(ROWS, DIM);
    for (int i = 0; i < w.size(); i++) w.data()[i] = 0.1f * (i % 5) - 0.2f;
    Parameter p = new Parameter("table", w, sparse);
    Adam adam = new Adam(List.of(p), Adam.Config.defaults(0.01));
    adam.catchUpSkippedRows(catchUp);
    float[] g = new float[DIM];
    for (int t = 1; t <= 320; t++) {
      boolean touch0 = t <= 300 || t == 320;
      for (int r = 0; r < ROWS; r++) {
        if (r == 0 && !touch0) continue;
        for (int j = 0; j < DIM; j++) g[j] = (float) Math.sin(0.37 * t + r + j) + 0.2f * j;
        if (sparse) {
          p.value().sparseGradBuffer().add(r, g, 0, 1f);
        } else {
          float[] dense = p.value().gradBuffer();
          System.arraycopy(g, 0, dense, r * DIM, DIM);
        }
      }
      adam.step();
      adam.zeroGrad();
    }
    float[] out = new float[DIM];
    System.arraycopy(w.data(), 0, out, 0, DIM);
    return out;
  }

  @Test
  void catchUpTracksDenseAdamWhereLazyAdamDoesNot() {
    float[] dense = run(false, false), lazy = run(true, false), caught = run(true, true);
    double errLazy = 0, errCaught = 0;
    for (int j = 0; j < DIM; j++) {
      errLazy += Math.abs(lazy[j] - dense[j]);
      errCaught += Math.abs(caught[j] - dense[j]);
    }
    assertTrue(errCaught < 0.1 * errLazy, "catch-up error " + errCaught + " vs lazy " + errLazy);
    assertTrue(errCaught < 1e-3, "catch-up error " + errCaught);
  }

  @Test
  void rowsTouchedEveryStepAreUnaffected() {
    Tensor a = Tensor.ones(2, 3), b = Tensor.ones(2, 3);
    Parameter pa = new Parameter("a", a, true), pb = new Parameter("b", b, true);
    Adam plain = new Adam(List.of(pa), Adam.Config.defaults(0.05));
    Adam caught = new Adam(List.of(pb), Adam.Config.defaults(0.05));
    caught.catchUpSkippedRows(true);
    float[] g = {0.3f, -0.2f, 0.1f};
    for (int t = 0; t < 20; t++) {
      for (int r = 0; r < 2; r++) {
        pa.value().sparseGradBuffer().add(r, g, 0, 1f);
        pb.value().sparseGradBuffer().add(r, g, 0, 1f);
      }
      plain.step();
      caught.step();
      plain.zeroGrad();
      caught.zeroGrad();
    }
    assertArrayEquals(a.data(), b.data(), 0f);
    assertEquals(true, caught.catchesUpSkippedRows());
  }
}
