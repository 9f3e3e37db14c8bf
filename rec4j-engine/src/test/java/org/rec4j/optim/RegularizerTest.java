package org.rec4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.optim.Fixtures.addRow;
import static org.rec4j.optim.Fixtures.assertClose;
import static org.rec4j.optim.Fixtures.dense;
import static org.rec4j.optim.Fixtures.setGrad;
import static org.rec4j.optim.Fixtures.table;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.nn.Parameter;

/**
 * L1 / L2 / elastic-net terms added to the gradient: dense everywhere, sparse on touched rows only.
 */
class RegularizerTest {
  @Test
  void elasticNetAddsSignAndLinearTerms() {
    Parameter p = dense("w", 2f, -3f, 0f);
    Sgd opt = new Sgd(List.of(p), Sgd.Config.plain(0.1), Regularizer.elasticNet(0.5f, 0.2f));
    setGrad(p, 1f, 1f, 1f);
    opt.step();
    double[] expected = {
      2 - 0.1 * (1 + 0.5 + 0.2 * 2), -3 - 0.1 * (1 - 0.5 + 0.2 * -3), 0 - 0.1 * 1
    };
    assertClose(expected, p.value().data(), "w1");
  }

  @Test
  void l2IsCoupledIntoAdamMoments() {
    Parameter p = dense("w", 2f);
    Adam opt = new Adam(List.of(p), new Adam.Config(0.01, 0.9, 0.999, 1e-8), Regularizer.l2(0.5f));
    setGrad(p, -0.5f); // g + λw = −0.5 + 1 = 0.5 → step 1 moves by −lr·sign
    opt.step();
    assertClose(2 - 0.01 * 0.5 / (0.5 + 1e-8), p.value().data()[0], "w1");
  }

  @Test
  void sparseTablesAreRegularizedOnTouchedRowsOnly() {
    Parameter t = table("emb", 3, 2);
    float[] w0 = t.value().toArray();
    Sgd opt = new Sgd(List.of(t), Sgd.Config.plain(0.1), Regularizer.l1(0.3f));
    addRow(t, 1, 0f, 0f);
    opt.step();
    float[] w = t.value().data();
    assertArrayEquals(Arrays.copyOfRange(w0, 0, 2), Arrays.copyOfRange(w, 0, 2));
    assertArrayEquals(Arrays.copyOfRange(w0, 4, 6), Arrays.copyOfRange(w, 4, 6));
    assertClose(w0[2] - 0.1 * 0.3, w[2], "row 1 col 0");
    assertClose(w0[3] - 0.1 * 0.3, w[3], "row 1 col 1");
  }

  @Test
  void penaltyValueAndValidation() {
    assertEquals(
        0.5 * 3 + 0.5 * 0.25 * 5, new Regularizer(0.5f, 0.25f).penalty(new float[] {1, -2}), 1e-12);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1f));
    assertTrue(e.getMessage().startsWith("l2 must be finite and >= 0"), e.getMessage());
  }
}
