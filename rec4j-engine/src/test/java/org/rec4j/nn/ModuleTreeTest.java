package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/** Parameter and buffer paths of module trees, padding rows of embeddings and the encoder stack. */
class ModuleTreeTest {

  @Test
  void namedParametersAndBuffersHaveDottedPaths() {
    MLP mlp = MLP.builder(4, 3, 1).batchNorm(true).build(new Rng(1));
    assertEquals(
        List.of("linear0.weight", "norm0.gamma", "norm0.beta", "linear1.weight", "linear1.bias"),
        List.copyOf(mlp.namedParameters().keySet()));
    assertEquals(
        List.of("norm0.runningMean", "norm0.runningVar"), List.copyOf(mlp.namedBuffers().keySet()));
    assertEquals(List.copyOf(mlp.namedParameters().values()), mlp.parameters());

    TransformerEncoder enc =
        new TransformerEncoder(
            TransformerEncoderBlock.Config.of(4, 2).withPreNorm(true), 2, new Rng(2));
    var names = enc.namedParameters().keySet();
    assertTrue(names.contains("block1.attention.q.weight"), names.toString());
    assertTrue(names.contains("block0.ffnOut.bias"), names.toString());
    assertTrue(names.contains("finalNorm.gamma"), names.toString());
    long perBlock = 4 * (16 + 4) + 2 * 8 + (4 * 16 + 16) + (16 * 4 + 4);
    assertEquals(2 * perBlock + 8, enc.parameterCount());
  }

  @Test
  void duplicateNamesAreRejected() {
    Module m =
        new Module() {
          {
            register(new Parameter("w", Tensor.zeros(2)));
            register("child", new LayerNorm(2));
          }
        };
    assertEquals(6, m.parameterCount());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Module() {
                  {
                    register(new Parameter("w", Tensor.zeros(2)));
                    register(new Parameter("w", Tensor.zeros(2)));
                  }
                });
    assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Module() {
              {
                register("a.b", new LayerNorm(2));
              }
            });
  }

  @Test
  void trainFlagReachesEveryDescendant() {
    TransformerEncoder enc =
        new TransformerEncoder(TransformerEncoderBlock.Config.of(4, 2), 2, new Rng(3));
    enc.train(false);
    for (TransformerEncoderBlock b : enc.blocks()) assertEquals(false, b.attention().isTraining());
  }

  @Test
  void paddingRowStaysZeroAndGetsNoGradient() {
    for (boolean sparse : new boolean[] {true, false}) {
      var cfg =
          Embedding.Config.of(5, 3)
              .withInit(Initializer.normal(1f))
              .withPaddingIdx(0)
              .withSparse(sparse);
      Embedding e = new Embedding(cfg, new Rng(4));
      assertArrayEquals(new float[3], java.util.Arrays.copyOf(e.weight().value().data(), 3));
      int[] ids = {0, 2, 3, 0, 4, 2};
      Tensor y = e.forward(ids, 2, 3);
      for (int j = 0; j < 3; j++) {
        assertEquals(0f, y.get(0, 0, j));
        assertEquals(0f, y.get(1, 0, j));
        assertEquals(e.weight().value().get(2, j), y.get(0, 1, j));
      }
      ReduceOps.sum(MathOps.mul(y, Tensor.randn(new Rng(5), 1f, 2, 3, 3))).backward();
      float[] g = e.weight().value().gradTensor().data();
      assertArrayEquals(
          new float[3], java.util.Arrays.copyOf(g, 3), "padding row gradient, sparse=" + sparse);
      assertTrue(g[6] != 0f);
      Embedding fe = e;
      GradCheck.checkComposed(
          "padded embedding sparse=" + sparse, in -> fe.forward(ids), e.weight().value());
    }
    assertThrows(IllegalArgumentException.class, () -> Embedding.Config.of(5, 3).withPaddingIdx(5));
  }

  @Test
  void encoderWithoutPaddingReturnsBlockOutput() {
    TransformerEncoderBlock.Config cfg = TransformerEncoderBlock.Config.of(4, 2).withDropout(0f);
    TransformerEncoder enc = new TransformerEncoder(cfg, 1, new Rng(6));
    Tensor x = Tensor.randn(new Rng(7), 1f, 2, 3, 4);
    assertArrayEquals(
        enc.blocks().get(0).forward(x, null, false).data(), enc.forward(x, null, false).data());
    assertSame(TransformerEncoderBlock.class, enc.blocks().get(0).getClass());
  }
}
